"""Inline SVG charts: no scripts, no network, readable in any browser and in print."""

from __future__ import annotations

from markupsafe import Markup, escape


def year_chart(counts: dict[int, int], window: tuple[int, int] | None, width: int = 640, height: int = 160,
               ) -> Markup:
    """Bars of how often each year is cited, the research window shaded behind them."""
    if not counts:
        return Markup('<p class="muted">No years cited.</p>')
    lo = min([*counts, *(window or ())])
    hi = max([*counts, *(window or ())])
    n = hi - lo + 1
    pad, top, bottom = 30, 10, 24
    bw = (width - 2 * pad) / n
    peak = max(counts.values())
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" aria-label="years cited">']
    if window:
        x = pad + (window[0] - lo) * bw
        w = (window[1] - window[0] + 1) * bw
        parts.append(f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{height - top - bottom}" '
                     f'fill="#dbeafe"><title>research window {window[0]}–{window[1]}</title></rect>')
    for i, year in enumerate(range(lo, hi + 1)):
        c = counts.get(year, 0)
        h = (height - top - bottom) * c / peak
        x = pad + i * bw
        outside = window is not None and not (window[0] <= year <= window[1])
        color = "#dc2626" if outside else "#2563eb"
        if c:
            parts.append(f'<rect x="{x + 1:.1f}" y="{height - bottom - h:.1f}" width="{max(bw - 2, 1):.1f}" '
                         f'height="{h:.1f}" fill="{color}"><title>{year}: {c}</title></rect>')
        if n <= 20 or i % max(1, n // 10) == 0:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{height - 8}" font-size="10" text-anchor="middle">'
                         f'{year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(counts: dict[str, int], label: str, width: int = 640, row: int = 18) -> Markup:
    """Horizontal bars, one per key (section), labels escaped."""
    if not counts:
        return Markup('<p class="muted">No findings.</p>')
    peak = max(counts.values())
    height = row * len(counts) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" aria-label="{escape(label)}">']
    for i, (key, c) in enumerate(counts.items()):
        y = 5 + i * row
        w = (width - 160) * c / peak
        parts.append(f'<text x="0" y="{y + 12}" font-size="11">{escape(key)}</text>'
                     f'<rect x="120" y="{y}" width="{w:.1f}" height="{row - 4}" fill="#f59e0b"/>'
                     f'<text x="{124 + w:.1f}" y="{y + 12}" font-size="11">{c}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
