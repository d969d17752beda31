"""The editor's report as files: escaped, self-contained, complete, sorted; Markdown alongside."""

from __future__ import annotations

import re
from pathlib import Path

from statlint.report import write_reports
from statlint.report.model import SEVERITY_ORDER, load_document_reports
from statlint.report.render import report_stem
from statlint.warehouse import connect

EVIL = """<b>標題</b>測試報告<script>alert(0)</script>
一、總論
(一)研究範圍
1.時間範圍:本報告研究數據主要來源于2018年至2020年。
二、現狀 <i>分析</i>
2024年<script>alert(1)</script>全國產值達50億元,<img src=x onerror=alert(2)>同比增長10%。
2025年某市{{ 7*7 }}用戶規模突破8億,占比達到60%。
"""


def test_document_text_with_markup_is_shown_as_text(tmp_path: Path, warehouse_builder) -> None:
    src = tmp_path / "evil_report.txt"
    src.write_text(EVIL, "utf-8")
    db = warehouse_builder(tmp_path / "w.duckdb", [src])
    con = connect(db, read_only=True)
    try:
        n_findings = con.execute("SELECT count(*) FROM findings").fetchone()[0]
        write_reports(con, tmp_path / "out")
    finally:
        con.close()
    assert n_findings >= 1, "the test document must produce a finding so its evidence is quoted"
    html = (tmp_path / "out" / "evil_report.html").read_text("utf-8")
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    for page in (html, index):
        assert "<script" not in page.lower()
        assert "<img" not in page.lower()
        assert "<b>標題" not in page and "<i>分析" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the quote and the annotated text show it as text
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b&gt;標題&lt;/b&gt;" in html  # the title
    assert "&lt;i&gt;分析&lt;/i&gt;" in html  # a section title, also inside the SVG chart
    assert "{{ 7*7 }}" in html and ">49<" not in html  # document text is data, never a template
    md = (tmp_path / "out" / "evil_report.md").read_text("utf-8")
    assert not re.search(r"(?<!\\)<(script|img|b|i)\b", md)  # every < in document text is backslash-escaped
    assert r"\<script\>alert\(1\)\</script\>" in md


def test_reports_are_self_contained(seed_reports: Path) -> None:
    for page in seed_reports.glob("*.html"):
        html = page.read_text("utf-8")
        assert not re.search(r"<(link|script|img|iframe)\b", html, re.I), page.name
        assert not re.search(r"\bsrc\s*=", html), page.name
        urls = set(re.findall(r"https?://[^\s\"'<>]+", html))
        assert urls <= {"http://www.w3.org/2000/svg"}, urls
        assert "@import" not in html and "url(" not in html


def test_document_report_shows_every_finding_sorted_and_linked(
    seed_warehouse: Path, seed_reports: Path
) -> None:
    con = connect(seed_warehouse, read_only=True)
    try:
        (rep,) = load_document_reports(con)
        db_findings = con.execute("SELECT fingerprint, severity FROM findings").fetchall()
        n_stats = con.execute("SELECT count(*) FROM statistics").fetchone()[0]
    finally:
        con.close()
    html = (seed_reports / f"{rep.doc_id}.html").read_text("utf-8")
    assert rep.title and rep.title in html
    assert f"{rep.window[0]}–{rep.window[1]}" in html
    assert f'<span class="n">{n_stats}</span>' in html
    ids = re.findall(r'<article class="finding [^"]*" id="f-([0-9a-f]+)"', html)
    assert sorted(ids) == sorted(fp for fp, _ in db_findings)
    keys = [(SEVERITY_ORDER[f.severity], f.position) for f in rep.findings]
    assert keys == sorted(keys)
    assert [f"f-{f.fingerprint}" for f in rep.findings] == [f"f-{i}" for i in ids]
    # Every quote links to a sentence anchor that exists in the annotated text, and back.
    targets = set(re.findall(r'href="#(s\d+)"', html))
    anchors = set(re.findall(r'<span class="s" id="(s\d+)"', html))
    assert targets and targets <= anchors
    backlinks = set(re.findall(r'href="#f-([0-9a-f]+)"', html))
    assert backlinks == {fp for fp, _ in db_findings}
    # Every statistic is highlighted in the annotated text with its reading on hover.
    text_part = html[html.index('id="text"') :]
    stat_marks = re.findall(r'<mark class="[^"]*\bstat\b[^"]*" title="([^"]*)"', text_part)
    assert len(stat_marks) >= n_stats * 0.95  # a few may fall in text the structure does not keep
    assert any(t.startswith("50.2萬億元 · value 50200000000000 · unit 元 · year 2022") for t in stat_marks)
    # Filters exist for each severity present; pinyin annotations are gone from the text unless cited.
    for sev in rep.severities:
        assert f'id="fs-{sev}"' in html
    uncited = re.sub(r'<mark class="ev[^"]*"[^>]*>.*?</mark>|title="[^"]*"', "", text_part)
    assert "(fā)" not in uncited and "發展" in uncited
    assert "<svg" in html and "research window" in html


def test_markdown_and_index(seed_warehouse: Path, seed_reports: Path) -> None:
    con = connect(seed_warehouse, read_only=True)
    try:
        fps = [r[0] for r in con.execute("SELECT fingerprint FROM findings").fetchall()]
        doc_id = con.execute("SELECT doc_id FROM documents").fetchone()[0]
    finally:
        con.close()
    md = (seed_reports / f"{doc_id}.md").read_text("utf-8")
    assert all(f"`{fp}`" in md for fp in fps)
    assert "| 2024 |" in md and "**outside**" in md
    index = (seed_reports / "index.html").read_text("utf-8")
    assert f'href="./{doc_id}.html"' in index and f'href="./{doc_id}.md"' in index


def test_report_file_names_stay_in_their_folder_and_are_never_url_schemes() -> None:
    assert report_stem("digital_government_society_report") == "digital_government_society_report"
    assert report_stem("../../etc/passwd") == "etc_passwd"
    assert report_stem("javascript:alert(1)") == "javascript_alert_1"
    assert report_stem("..") == "document"
    assert report_stem("index") == "index_doc"  # never overwrites the index page


def test_waived_finding_shows_its_reason_and_can_be_hidden(
    seed_warehouse: Path, tmp_path: Path, warehouse_builder, seed_path: Path
) -> None:
    from statlint.check import check_warehouse

    db = warehouse_builder(tmp_path / "w.duckdb", [seed_path])
    con = connect(db)
    try:
        fp = con.execute("SELECT fingerprint FROM findings ORDER BY fingerprint LIMIT 1").fetchone()[0]
        check_warehouse(con, "run-2", waivers={fp: "編者確認<無誤>"})
        write_reports(con, tmp_path / "out")
    finally:
        con.close()
    html = next(p for p in (tmp_path / "out").glob("*.html") if p.name != "index.html").read_text("utf-8")
    card = re.search(rf'<article class="([^"]*)" id="f-{fp}".*?</article>', html, re.S)
    assert card is not None
    assert "waived" in card.group(1).split()
    assert "waived: 編者確認&lt;無誤&gt;" in card.group(0)
    assert "body:has(#fw:not(:checked)) .finding.waived{display:none}" in html
    n_all = html.count('<article class="finding')
    assert f"findings ({n_all - 1} open)" in html


def test_markdown_escape_skips_only_texts_without_specials() -> None:
    """`md_escape` translates only texts its quick search finds a special in: the search must find every
    character the translation changes, and no other."""
    from statlint.report.render import _MD_ESCAPES, _MD_SPECIAL, md_escape

    changed = [c for c in map(chr, range(0x110000)) if c.translate(_MD_ESCAPES) != c]
    found = [c for c in map(chr, range(0x110000)) if _MD_SPECIAL.search(c)]
    assert changed == found and len(changed) == 20
    assert md_escape("規模(億元)\n<b>*50*</b>") == r"規模\(億元\) \<b\>\*50\*\</b\>"
    assert md_escape("規模達50億元") == "規模達50億元"
