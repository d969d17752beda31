"""Text copied out of a PDF: the lines of a paragraph are joined again; other texts keep their lines."""

from __future__ import annotations

from statlint.extract import extract_statistics
from statlint.normalize import normalize
from statlint.normalize.wrapping import find_wrapped_breaks
from statlint.structure import analyse

PARAGRAPH = (
    "长三角地区是我国新能源产业基础最雄厚、创新资源最密集、应用场景最丰富的区域之一。"
    "2024年，长三角三省一市协同推进新能源产业高质量发展，全年实现新能源产业营业收入2.35万亿元，"
    "同比增长14.6%，新能源汽车产量达到450.0万辆，占全国的34.9%，动力电池产量412.5GWh，"
    "占全国的37.5%。截至2024年底，区域光伏累计装机容量达到1.52亿千瓦，新型储能装机规模860万千瓦，"
    "公共充电桩保有量98.6万个，产业综合实力继续保持全国领先。与此同时，受产业链价格下行和国际贸易"
    "摩擦影响，光伏等部分领域企业经营压力加大，行业分化态势明显，亟需加强区域统筹与协同创新。"
)


def _wrap(text: str, width: int = 36) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def test_wrapped_lines_of_a_paragraph_are_joined_and_a_figure_split_from_its_unit_reads_whole() -> None:
    raw = "一、发展现状\n" + _wrap(PARAGRAPH) + "\n二、存在问题\n" + _wrap(PARAGRAPH)
    clean = normalize(raw)
    # the headings keep their lines; each paragraph is one line again (as the unwrapped text normalizes)
    whole = normalize(PARAGRAPH).text
    assert clean.text.split("\n") == ["一、发展现状", whole, "二、存在问题", whole]
    figures = [
        clean.raw_quote(r["clean_start"], r["clean_end"]) for r in extract_statistics(clean, analyse(clean))
    ]
    # a line break between a number and its unit stays in the quote of the raw file, and the figure is whole
    assert "2.35\n万亿元" in figures or "2.35万亿元" in figures
    assert all(not f.endswith("\n") for f in figures)
    assert figures.count("412.5GWh") + figures.count("412.5\nGWh") == 2


def test_a_break_after_a_finished_sentence_or_before_a_heading_stays() -> None:
    text = PARAGRAPH * 2
    lines = [text[i : i + 36] for i in range(0, 36 * 10, 36)]
    lines[4] = lines[4][:-1] + "。"  # a full line that ends its sentence
    lines[7] = "（一）" + lines[7][3:]  # a line that opens with a heading number
    raw = "\n".join(lines)
    kept = {raw[: e.raw_start].count("\n") for e in find_wrapped_breaks(raw)}  # the lines whose break goes
    assert 4 not in kept and 6 not in kept
    assert {0, 1, 2, 3, 5, 7, 8} <= kept


def test_one_line_paragraphs_are_left_alone() -> None:
    raw = "\n".join(PARAGRAPH[i : i + 20 + 7 * (i % 5)] + "。" for i in range(0, 200, 20))
    assert find_wrapped_breaks(raw) == []
    assert find_wrapped_breaks(PARAGRAPH) == []


def test_a_table_laid_out_with_spaces_at_one_width_keeps_its_rows() -> None:
    rows = [
        f"{name}{' ' * 11}{v:>7.1f}{' ' * 10}{r:.2f}"
        for name, v, r in [
            ("全国", 39240.5, 2.80),
            ("北京", 3125.6, 2.74),
            ("天津", 668.4, 2.58),
            ("河北", 1153.2, 1.83),
            ("山西", 352.7, 1.31),
            ("辽宁", 701.2, 1.98),
            ("吉林", 221.6, 1.13),
            ("上海", 2234.8, 2.61),
            ("江苏", 4512.3, 2.70),
            ("浙江", 2987.1, 2.66),
        ]
    ]
    raw = (
        "一、分地区\n"
        + _wrap(PARAGRAPH)
        + "\n表1　2025年各地区R&D经费\n地区      R&D经费（亿元）    投入强度（%）\n"
    )
    raw += "\n".join(rows) + "\n"
    clean = normalize(raw)
    assert all(row in clean.text.split("\n") for row in rows)  # no row joined to the next
