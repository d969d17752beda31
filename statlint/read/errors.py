"""The one error every reader raises, so a batch can record a failed document and move on."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file that cannot be read; `reason` says what is wrong in words an operator can act on."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")
