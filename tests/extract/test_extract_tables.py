"""Statistics in tables: each cell read with its row label, column header and caption (extract/tables.py)."""

from __future__ import annotations

from pathlib import Path

from statlint.extract import extract_statistics
from statlint.normalize import normalize
from statlint.read import read_document
from statlint.structure import analyse
from tests.extract.helpers_extract import run

YEARS_ACROSS = (
    "某市数字政府建设报告\n一、总体情况\n2024年全市政务服务事项网办率达95.6%。\n"
    "| 指标 | 2023年 | 2024年 |\n|---|---|---|\n"
    "| 网办率（%） | 92.4 | 95.6 |\n| 平均办理时长（天） | 5.1 | 3.2 |\n| 实名用户（万人） | 820 | 1,050 |\n"
    "注：数据来源于市政务服务管理局。\n"
)


def _cells(recs):
    return [
        (r["text"], r["value"], r["unit"], r["year"], r["metric"], r["entity_key"], r["role"]) for r in recs
    ]


def test_unit_from_the_row_label_and_year_from_the_column_header():
    recs = run(YEARS_ACROSS)
    assert _cells(recs)[1:] == [
        ("92.4", 92.4, "%", 2023, "网办率", "某市", "level"),
        ("95.6", 95.6, "%", 2024, "网办率", "某市", "level"),
        ("5.1", 5.1, "天", 2023, "平均办理时长", "某市", "level"),
        ("3.2", 3.2, "天", 2024, "平均办理时长", "某市", "level"),
        ("820", 8_200_000.0, "人", 2023, "实名用户", "某市", "level"),  # 万人: value in 人, as in prose
        ("1,050", 10_500_000.0, "人", 2024, "实名用户", "某市", "level"),
    ]
    assert recs[0]["text"] == "95.6%"  # the prose figure is still read


def test_places_down_the_side_metrics_across_and_the_year_from_the_caption():
    text = (
        "区域比较报告\n一、比较\n表1 2024年各地政务服务指标\n"
        "地区\t网办率（%）\t目标网办率（%）\n上海市\t95.6\t98\n浙江省\t约93\t97\n"
    )
    assert _cells(run(text)) == [
        ("95.6", 95.6, "%", 2024, "网办率", "上海市", "level"),
        ("98", 98.0, "%", 2024, "目标网办率", "上海市", "target"),
        ("93", 93.0, "%", 2024, "网办率", "浙江省", "level"),
        ("97", 97.0, "%", 2024, "目标网办率", "浙江省", "target"),
    ]
    assert [r["qualifier"] for r in run(text)] == ["=", "=", "~", "="]


def test_cells_with_a_unit_are_read_once_with_their_headers():
    text = "报告\n一、情况\n项目\t2024年\n网办率\t95.6%\n覆盖率\t88%\n"
    assert _cells(run(text)) == [
        ("95.6", 95.6, "%", 2024, "网办率", None, "level"),
        ("88", 88.0, "%", 2024, "覆盖率", None, "level"),
    ]


def test_tab_indented_prose_is_not_a_table():
    text = "报告\n一、情况\n1.\t2024年全市网办率达95.6%。\n2.\t2024年实名用户超过1050万人。\n"
    got = [(r["text"], r["year"], r["unit"]) for r in run(text)]
    assert got == [("95.6%", 2024, "%"), ("1050万人", 2024, "人")]


def test_a_word_table_is_read_like_a_text_one(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("某市数字政府建设报告")
    t = d.add_table(rows=2, cols=3)
    for c, v in enumerate(["指标", "2023年", "2024年"]):
        t.cell(0, c).text = v
    for c, v in enumerate(["网办率（%）", "92.4", "95.6"]):
        t.cell(1, c).text = v
    d.save(str(tmp_path / "t.docx"))
    clean = normalize(read_document(tmp_path / "t.docx").text)
    recs = extract_statistics(clean, analyse(clean))
    assert [(clean.text[r["clean_start"] : r["clean_end"]], r["unit"], r["year"]) for r in recs] == [
        ("92.4", "%", 2023),
        ("95.6", "%", 2024),
    ]


def test_a_layout_table_with_one_number_is_not_read_as_statistics():
    text = "报告\n一、情况\n栏目\t内容\n阅读次数\t1234\n2024年全市网办率达95.6%。\n"
    assert [r["text"] for r in run(text)] == ["95.6%"]


def test_a_plans_indicator_table_gives_targets_after_its_base_year():
    text = (
        "“十四五”数字经济发展规划\n二、发展目标\n"
        "指标\t2020年\t2025年\t属性\n"
        "数字经济核心产业增加值占GDP比重（%）\t7.8\t10\t预期性\n"
        "千兆宽带用户数（万户）\t640\t6000\t约束性\n"
    )
    assert [(r["text"], r["year"], r["role"]) for r in run(text)] == [
        ("7.8", 2020, "level"),
        ("10", 2025, "target"),
        ("640", 2020, "level"),
        ("6000", 2025, "target"),
    ]


SPACED = (
    "数字经济发展报告\n一、发展现状\n表1 2020-2022年全国数字经济规模\n"
    "年份 规模（万亿元） 增速（%） 占GDP比重（%）\n"
    "2020 39.2 9.7 38.6\n2021 45.5 16.2 39.8\n2022 50.2 10.3 41.5\n"
    "数据来源：中国信通院\n"
)


def test_a_table_with_space_separated_columns_is_read_with_its_headers_and_caption():
    recs = run(SPACED)
    assert _cells(recs)[:3] == [
        ("39.2", 3.92e13, "元", 2020, "数字经济规模", "全国", "level"),  # the caption names it in full
        ("9.7", 9.7, "%", 2020, "数字经济规模增速", "全国", "delta"),  # a growth of the caption's measure
        ("38.6", 38.6, "%", 2020, "占GDP比重", "全国", "level"),
    ]
    assert len(recs) == 9


def test_spaced_rows_with_places_keep_their_cells_apart():
    text = "报告\n一、概况\n省份 规模（万亿元） 占GDP比重（%）\n广东 6.9 50.1\n江苏 5.5 43.3\n浙江 4.3 47.2\n"
    assert [(r["text"], r["entity_key"]) for r in run(text)][:2] == [("6.9", "广东省"), ("50.1", "广东省")]


def test_short_spaced_lines_without_numbers_or_with_punctuation_are_no_table():
    assert run("报告\n一、成员\n张三 李四 王五\n赵六 钱七 孙八\n") == []
    prose = (
        "报告\n一、概况\n我们 在 2024 年 完成 了 3 项 改革，取得 成效。\n"
        "今年 将 推进 5 项 工作，持续 发力。\n"
    )
    assert [r["text"] for r in run(prose)] == ["3项", "5项"]


def test_a_note_before_a_table_gives_it_no_place():
    text = (
        "报告\n一、概况\n注：数据来源于中国信通院，2024年为初步数据。\n"
        "| 指标 | 2023年 | 2024年 |\n|---|---|---|\n| 网民规模（亿人） | 10.92 | 11.08 |\n"
    )
    assert {r["entity_key"] for r in run(text)} == {None}


def test_lines_of_latin_prose_with_numbers_are_no_spaced_table():
    text = (
        "Report\nGDP grew by 5 percent in 2023 and 6 percent later\n"
        "exports rose by 3 percent in 2022 and 4 percent after\n"
        "imports fell by 2 percent in 2021 and 1 percent since\n"
    )
    assert run(text) == []


def test_a_caption_gives_its_unit_and_measure_to_cells_whose_headers_give_none():
    text = (
        "报告\n一、概况\n表3 全省各市地区生产总值（单位：亿元）\n"
        "| 城市 | 2023年 | 2024年 |\n|---|---|---|\n| 杭州 | 20059 | 21860 |\n| 宁波 | 16452 | 18148 |\n"
    )
    recs = run(text)
    assert _cells(recs)[0] == ("20059", 2.0059e12, "元", 2023, "地区生产总值", "杭州市", "level")
    assert len(recs) == 4


SPACED_PROVINCES = (
    "2025年全国及分省居民收入情况\n一、分省情况\n"
    "表2　2025年分省（区、市）居民人均可支配收入\n单位：元，%\n"
    "地　区\t2025年居民人均可支配收入\t比上年名义增长\n"
    "全　国\t43377\t5.0\n北　京\t89263\t4.5\n西　藏\t32867\t4.9\n"
)


def test_a_unit_line_under_the_caption_gives_amounts_and_rates_their_units():
    cells = [c for c in _cells(run(SPACED_PROVINCES)) if c[0] in ("43377", "5.0", "89263", "4.9")]
    assert cells == [
        ("43377", 43377, "元", 2025, "居民人均可支配收入", "全国", "level"),
        ("5.0", 5.0, "%", 2025, "居民人均可支配收入名义增长", "全国", "delta"),
        ("89263", 89263, "元", 2025, "居民人均可支配收入", "北京市", "level"),
        ("4.9", 4.9, "%", 2025, "居民人均可支配收入名义增长", "西藏自治区", "delta"),
    ]


def test_a_single_unit_line_with_a_magnitude_scales_every_cell():
    text = (
        "某市统计公报\n一、生产总值\n表1　本地生产总值\n单位：百万元\n"
        "项目\t2024年\t2025年\n私人消费支出\t22,010\t22,650\n政府消费支出\t11,620\t12,180\n"
    )
    cells = [c for c in _cells(run(text)) if c[0] == "22,650"]
    assert cells == [("22,650", 22_650_000_000, "元", 2025, "私人消费支出", "某市", "level")]


def test_a_caption_listing_in_parentheses_is_still_a_caption_and_a_bare_growth_column_takes_its_measure():
    text = (
        "数字经济报告\n一、各地\n表1 2022-2023年各省（区、市）数字经济\n\n"
        "| 地区 | 2023年增速（%） |\n|---|---|\n| 北京 | 8.5 |\n| 天津 | 7.9 |\n"
    )
    assert [c[4] for c in _cells(run(text)) if c[0] in ("8.5", "7.9")] == ["数字经济增速", "数字经济增速"]


def test_a_column_of_places_takes_counties_the_gazetteer_lacks_and_signed_cells():
    text = (
        "2025年岚州市生态环境状况公报\n一、环境空气\n表1　2025年各县（区）环境空气质量状况\n"
        "| 县（区） | 优良天数比例（%） | 优良天数比例同比变化（百分点） |\n"
        "| 岚城区 | 89.3 | +1.3 |\n| 白石县 | 92.6 | -0.6 |\n"
        "| 中心城区 | 88.0 | +0.2 |\n| 全市 | 91.2 | +1.6 |\n"
    )
    cells = {(r["text"], r["entity_key"]): (r["value"], r["unit"], r["metric"], r["role"]) for r in run(text)}
    assert cells[("89.3", "岚城区")] == (89.3, "%", "优良天数比例", "level")
    assert cells[("+1.3", "岚城区")] == (1.3, "个百分点", "优良天数比例同比变化", "delta")
    assert cells[("-0.6", "白石县")][0] == -0.6
    assert cells[("91.2", "岚州市")][2] == "优良天数比例"  # 全市: the city of the title
    # a part of a city that is no division of it stays words of the row
    assert [k for k in cells if k[0] == "88.0"] == [("88.0", "岚州市")]


def test_a_change_column_takes_the_year_of_the_column_before_it():
    text = (
        "关于2025年预算执行情况和2026年预算草案的报告\n发布日期：2026年1月20日\n一、支出\n"
        "| 项目 | 2025年执行数（亿元） | 比上年增长（%） | 2026年预算数（亿元） | 比2025年执行数增长（%） |\n"
        "| --- | ---: | ---: | ---: | ---: |\n| 一般公共服务 | 612.4 | 1.6 | 596.8 | -2.5 |\n"
        "| 公共安全 | 398.6 | 3.6 | 405.2 | 1.7 |\n"
    )
    cells = {r["text"]: (r["year"], r["role"]) for r in run(text)}
    assert cells["1.6"] == (2025, "delta")
    assert cells["596.8"] == (2026, "target")
    assert cells["-2.5"] == (2026, "target")  # 比2025年: the base's year, not the column's


def test_an_outline_year_column_is_not_carried_into_an_average_over_the_plan():
    text = (
        "某省数字经济发展规划\n发布日期：2026年2月\n一、指标\n"
        "| 指标名称 | 单位 | 2025年 | 2030年 | 年均增速/累计 |\n| --- | --- | --- | --- | --- |\n"
        "| 数字经济规模 | 亿元 | 14000 | 22000 | 9.5 |\n| 上云率 | % | 61.3 | 70 | [8.7] |\n"
    )
    cells = {r["text"]: r["year"] for r in run(text)}
    assert cells["22000"] == 2030 and cells["9.5"] is None


def test_a_rank_column_numbers_the_rows_and_the_next_one_names_them():
    text = (
        "城市数字化蓝皮书\n一、排名\n表1　2024年中国城市数字化发展指数前10位城市（单位：分）\n"
        "排名\t城市\t总得分\t数字经济\n1\t深圳\t88.5\t91.6\n2\t北京\t86.5\t89.3\n"
    )
    cells = [(r["text"], r["entity_key"], r["metric"], r["year"]) for r in run(text)]
    assert cells == [
        ("88.5", "深圳市", "总得分", 2024),
        ("91.6", "深圳市", "数字经济", 2024),
        ("86.5", "北京市", "总得分", 2024),
        ("89.3", "北京市", "数字经济", 2024),
    ]
