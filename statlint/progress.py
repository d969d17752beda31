"""Progress of a long ingest: a rich bar in an interactive terminal, plain log lines otherwise.

Scheduled and CI runs write to files, where a redrawn bar is noise: there the same progress goes out as a log
line every tenth of the work (and at most every few seconds), which reads well in Prefect's logs too.
"""

from __future__ import annotations

import logging
import sys
import time
from types import TracebackType
from typing import TextIO


class Progress:
    """`with Progress(total, "ingest") as p: p.advance(n)`; silent for small totals."""

    def __init__(
        self,
        total: int,
        label: str = "documents",
        stream: TextIO | None = None,
        logger: logging.Logger | logging.LoggerAdapter | None = None,
        min_total: int = 20,
        interactive: bool | None = None,
    ) -> None:
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.logger = logger
        self.enabled = total >= min_total
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self._bar = None
        self._task = None
        self._next_line = 0
        self._last_line = 0.0
        self._start = time.monotonic()

    def __enter__(self) -> Progress:
        if self.enabled and self.interactive:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total)
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)
            if self.logger is not None and self.done == self.total:
                self.logger.info("%s: %d/%d done", self.label, self.done, self.total)
            return
        now = time.monotonic()
        if self.done >= self._next_line or self.done == self.total or now - self._last_line > 30:
            self._line(now)
            self._next_line = self.done + max(1, self.total // 10)

    def _line(self, now: float) -> None:
        rate = self.done / max(now - self._start, 1e-9)
        msg = (
            f"{self.label}: {self.done}/{self.total} ({100 * self.done // max(self.total, 1)}%), {rate:.1f}/s"
        )
        self._last_line = now
        print(msg, file=self.stream, flush=True)
        if self.logger is not None:  # Prefect's run logger: the line also reaches the UI's flow-run log
            self.logger.info(msg)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
