"""The report as an editor sees it: rendered by headless Chromium, screenshotted, checked not blank.

Chromium writes every console message of the page (errors, failed loads, uncaught exceptions) to stderr as
`...:CONSOLE(...)` lines when logging is on; a self-contained page with no script must produce none. A control
page with a deliberate error proves the detector works. The screenshot is decoded with a small PNG reader
(zlib only) so the test needs no imaging library.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
CHART_RED = (0xDC, 0x26, 0x26)  # out-of-window year bars and error severity
WINDOW_SHADE = (0xE0, 0xEC, 0xFF)  # the research window behind the year chart


def chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *extra, url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG into (width, height, pixels)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, bytearray(), 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(bytes(idat))
    stride = width * bpp
    prev = bytearray(stride)
    pixels: list[tuple[int, ...]] = []
    for y in range(height):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        pixels += [tuple(line[x : x + 3]) for x in range(0, stride, bpp)]
        prev = line
    return width, height, pixels


def test_console_detector_catches_a_page_error(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><p>x</p><script>throw new Error("deliberate")</script>', "utf-8")
    res = chromium(page.as_uri(), tmp_path / "profile", "--dump-dom")
    assert any("deliberate" in m for m in console_messages(res.stderr)), res.stderr[-2000:]


@pytest.mark.parametrize("page", ["document", "index"])
def test_report_renders_with_charts_and_no_console_errors(
    seed_reports: Path, tmp_path: Path, page: str
) -> None:
    docs = sorted(p.name for p in seed_reports.glob("*.html") if p.name != "index.html")
    name = "index.html" if page == "index" else docs[0]
    url = (seed_reports / name).as_uri()
    shot = tmp_path / "shot.png"
    res = chromium(url, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1000,1300")
    assert shot.exists(), res.stderr[-2000:]
    assert console_messages(res.stderr) == [], console_messages(res.stderr)
    width, height, pixels = png_pixels(shot.read_bytes())
    colors = Counter(pixels)
    assert (width, height) == (1000, 1300)
    background_share = colors.most_common(1)[0][1] / len(pixels)
    # A blank page is one colour; text alone gives hundreds of anti-aliased shades.
    assert len(colors) > 100 and background_share < 0.99, (len(colors), background_share)
    if page == "document":
        assert colors[CHART_RED] > 1000, "the out-of-window bars of the year chart are not visible"
        assert colors[WINDOW_SHADE] > 1000, "the shaded research window is not visible"
        # The DOM Chromium built holds the findings and both charts.
        dom = chromium(url, tmp_path / "profile2", "--dump-dom")
        assert console_messages(dom.stderr) == []
        assert dom.stdout.count("<svg") >= 2
        n_articles = len(re.findall(r'<article class="finding', dom.stdout))
        html = (seed_reports / name).read_text("utf-8")
        assert n_articles == html.count('<article class="finding') > 0


def test_css_only_filter_hides_unchecked_severities(seed_reports: Path, tmp_path: Path) -> None:
    """Scripts play no part: unchecking a severity's box (here, in the markup) hides its findings."""
    page = sorted(p for p in seed_reports.glob("*.html") if p.name != "index.html")[0]
    html = page.read_text("utf-8")
    assert 'id="fs-error" checked' in html
    filtered = tmp_path / page.name
    filtered.write_text(html.replace('id="fs-error" checked', 'id="fs-error"'), "utf-8")
    red = []
    for i, path in enumerate((page, filtered)):
        shot = tmp_path / f"shot{i}.png"
        res = chromium(
            path.as_uri(), tmp_path / f"profile{i}", f"--screenshot={shot}", "--window-size=1000,2600"
        )
        assert shot.exists(), res.stderr[-2000:]
        red.append(Counter(png_pixels(shot.read_bytes())[2])[CHART_RED])
    # The charts keep their red; the error findings' red borders and badges are gone.
    assert red[1] < red[0] - 2000, red
