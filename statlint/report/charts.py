"""Inline SVG charts: no scripts, no network, readable in any browser and in print.

The SVG is assembled from numbers and from labels passed through markupsafe.escape, never from raw document
text, so a section title cannot inject markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape

INSIDE = {"date": "#2563eb", "target": "#93c5fd", "other": "#60a5fa"}
OUTSIDE = {"date": "#dc2626", "target": "#fca5a5", "other": "#f87171"}
NO_WINDOW = {"date": "#475569", "target": "#cbd5e1", "other": "#94a3b8"}
SEVERITY_COLORS = {"error": "#dc2626", "warning": "#d97706", "info": "#2563eb"}
KIND_LABELS = {
    "date": "dates (a figure's or event's year)",
    "target": "targets (到…年)",
    "other": "ranges, base years",
}


def _ticks(peak: int) -> list[int]:
    """Three or four round gridline values up to `peak`."""
    step = 1
    for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        step = s
        if peak / s <= 4:
            break
    return list(range(step, peak + 1, step))


def _kind(kind: str) -> str:
    return kind if kind in ("date", "target") else "other"


def year_chart(
    counts: dict[int, dict[str, int]], window: tuple[int, int] | None, width: int = 760, height: int = 220
) -> Markup:
    """Stacked bars of the years cited (dates dark, targets light), the research window shaded behind them.

    Bars inside the window are blue, outside red, so out-of-window citations are the first thing seen.
    Every year between the first and last is a slot, so gaps in coverage show as gaps.
    """
    if not counts and not window:
        return Markup('<p class="muted">No years cited.</p>')
    years = [*counts, *(window or ())]
    lo, hi = min(years), max(years)
    n = hi - lo + 1
    left, right, top, bottom = 40, 10, 24, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    bw = plot_w / n
    totals = {y: sum(k.values()) for y, k in counts.items()}
    peak = max([*totals.values(), 1])
    base_y = top + plot_h
    p = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>Years cited, research window shaded</title>'
    ]
    if window:
        x = left + (window[0] - lo) * bw
        w = (window[1] - window[0] + 1) * bw
        p.append(
            f'<rect x="{x:.1f}" y="{top - 14}" width="{w:.1f}" height="{plot_h + 14}" fill="#e0ecff"/>'
            f'<text x="{x + 4:.1f}" y="{top - 3}" font-size="11" fill="#1e40af">research window '
            f"{window[0]}–{window[1]}</text>"
        )
    for t in _ticks(peak):
        y = base_y - plot_h * t / peak
        p.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end" fill="#555">{t}</text>'
        )
    p.append(f'<line x1="{left}" x2="{width - right}" y1="{base_y}" y2="{base_y}" stroke="#6b7280"/>')
    label_every = max(1, round(n / 16))
    for i, year in enumerate(range(lo, hi + 1)):
        x = left + i * bw
        inside = window is None or window[0] <= year <= window[1]
        palette = NO_WINDOW if window is None else (INSIDE if inside else OUTSIDE)
        y = base_y
        kinds: dict[str, int] = {}
        for kind, c in counts.get(year, {}).items():
            kinds[_kind(kind)] = kinds.get(_kind(kind), 0) + c
        for kind in ("date", "other", "target"):
            c = kinds.get(kind, 0)
            if not c:
                continue
            h = plot_h * c / peak
            y -= h
            p.append(
                f'<rect x="{x + bw * 0.12:.1f}" y="{y:.1f}" width="{max(bw * 0.76, 1):.1f}" height="{h:.1f}" '
                f'fill="{palette[kind]}"><title>{year}: {c} {kind}</title></rect>'
            )
        total = totals.get(year, 0)
        if total and bw >= 14:
            p.append(
                f'<text x="{x + bw / 2:.1f}" y="{y - 3:.1f}" font-size="10" text-anchor="middle">'
                f"{total}</text>"
            )
        if total or i % label_every == 0 or year in (lo, hi):
            if not total:
                weight = ' fill="#9ca3af"'
            else:
                weight = ' font-weight="bold"' + ("" if inside else ' fill="#b91c1c"')
            p.append(
                f'<text x="{x + bw / 2:.1f}" y="{base_y + 14}" font-size="10" text-anchor="middle"{weight}>'
                f"{year}</text>"
            )
    lx = left
    palette = NO_WINDOW if window is None else OUTSIDE
    for kind in ("date", "target"):
        p.append(
            f'<rect x="{lx}" y="{height - 12}" width="10" height="10" fill="{palette[kind]}"/>'
            f'<text x="{lx + 14}" y="{height - 3}" font-size="10">{escape(KIND_LABELS[kind])}</text>'
        )
        lx += 230
    p.append("</svg>")
    return Markup("".join(p))


def section_chart(counts: dict[str, dict[str, int]], width: int = 760, row: int = 22) -> Markup:
    """Horizontal bars of findings per top-level section, stacked by severity; labels escaped."""
    if not counts:
        return Markup('<p class="muted">No findings.</p>')
    label_w = 260
    totals = {k: sum(v.values()) for k, v in counts.items()}
    peak = max(totals.values())
    height = row * len(counts) + 8
    scale = (width - label_w - 40) / peak
    p = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>Findings by section</title>'
    ]
    for i, (label, sevs) in enumerate(counts.items()):
        y = 4 + i * row
        short = label if len(label) <= 18 else label[:17] + "…"
        p.append(
            f'<text x="{label_w - 8}" y="{y + 14}" font-size="12" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
        )
        x = float(label_w)
        for sev in ("error", "warning", "info"):
            c = sevs.get(sev, 0)
            if not c:
                continue
            w = c * scale
            p.append(
                f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" '
                f'fill="{SEVERITY_COLORS[sev]}"><title>{escape(label)}: {c} {sev}</title></rect>'
            )
            x += w
        p.append(f'<text x="{x + 5:.1f}" y="{y + 14}" font-size="11">{totals[label]}</text>')
    p.append("</svg>")
    return Markup("".join(p))


def sparkline(
    counts: dict[int, int],
    window: tuple[int, int] | None,
    width: int = 160,
    height: int = 28,
) -> Markup:
    """A tiny year chart for the index: one bar per year, red outside the window."""
    if not counts:
        return Markup("")
    years = [*counts, *(window or ())]
    lo, hi = min(years), max(years)
    bw = width / (hi - lo + 1)
    peak = max(counts.values())
    p = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
        f"<title>years cited {lo}–{hi}</title>"
    ]
    if window:
        p.append(
            f'<rect x="{(window[0] - lo) * bw:.1f}" y="0" width="{(window[1] - window[0] + 1) * bw:.1f}" '
            f'height="{height}" fill="#e0ecff"/>'
        )
    for year, c in counts.items():
        h = (height - 2) * c / peak
        inside = window is None or window[0] <= year <= window[1]
        p.append(
            f'<rect x="{(year - lo) * bw + 0.5:.1f}" y="{height - h:.1f}" width="{max(bw - 1, 1):.1f}" '
            f'height="{h:.1f}" fill="{"#2563eb" if inside else "#dc2626"}"/>'
        )
    p.append("</svg>")
    return Markup("".join(p))
