"""Through the whole pipeline: nothing from cut debris becomes a statistic or a year mention."""

from __future__ import annotations

from pathlib import Path

from statlint.ingest import process_path


def _inside_cuts(bundle) -> list[str]:
    repairs = bundle.frames["text_repairs"]
    cuts = [(a, b) for k, a, b in repairs.select("kind", "start", "end").iter_rows() if k == "boilerplate"]
    assert cuts
    hits = []
    for table, col in (("statistics", "number_text"), ("year_mentions", "text")):
        frame = bundle.frames[table]
        for start, text in frame.select("start", col).iter_rows():
            if any(a <= start < b for a, b in cuts):
                hits.append(f"{table}: {text}")
    return hits


def test_seed_footer_years_and_figures_never_reach_analysis(seed_path: Path) -> None:
    bundle = process_path(seed_path)
    assert bundle.status == "ok"
    assert _inside_cuts(bundle) == []
    repairs = bundle.frames["text_repairs"]
    assert repairs.filter(repairs["kind"] == "mojibake").height == 2
    assert repairs.filter(repairs["kind"] == "pinyin").height > 500


def test_web_page_debris_never_reaches_analysis(tmp_path: Path) -> None:
    page = (
        "下载\n打印\n【字号：\n加大\n】\n2026年某省政府工作报告\n各位代表：\n"
        + "一、回顾\n全年地区生产总值增长5.5%，新增就业60万人。\n" * 20
        + "相关报道：\n2025年某省经济增长99%，新增就业88万人\n"
    )
    p = tmp_path / "page.txt"
    p.write_text(page, encoding="utf-8")
    bundle = process_path(p)
    assert _inside_cuts(bundle) == []
    values = set(bundle.frames["statistics"]["value"].to_list())
    assert 99.0 not in values and 880000.0 not in values and 5.5 in values
