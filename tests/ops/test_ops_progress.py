"""Progress: plain lines when stderr is not a terminal (logs, CI, schedules), a rich bar when it is."""

from __future__ import annotations

import io

from statlint.progress import Progress


def test_plain_lines_every_tenth_when_not_a_terminal() -> None:
    out = io.StringIO()
    with Progress(100, "ingest", stream=out) as p:
        for _ in range(100):
            p.advance()
    lines = out.getvalue().splitlines()
    assert 10 <= len(lines) <= 11
    assert lines[-1].startswith("ingest: 100/100 (100%)")


def test_small_batches_stay_quiet() -> None:
    out = io.StringIO()
    with Progress(5, "ingest", stream=out) as p:
        p.advance(5)
    assert out.getvalue() == ""


def test_rich_bar_in_a_terminal() -> None:
    out = io.StringIO()
    with Progress(50, "ingest", stream=out, interactive=True) as p:
        assert p._bar is not None
        p.advance(50)
    assert "ingest: 50/50" not in out.getvalue()  # a bar, not log lines
