"""What is not a statistic (statcheck's "should not be found"), and the year mentions that replace them."""

from __future__ import annotations

import pytest

from tests.extract.helpers_extract import run, years


@pytest.mark.parametrize(
    "sentence",
    [
        "以5G、人工智能为代表的新一代数字技术加速渗透。",
        "北京市通过AI分析12345热线数据。",
        "国家“十四五”数字政府建设规划提出新要求。",
        "党的二十大报告进一步强调加强数字政府建设。",
        "《2035年远景目标纲要》明确提出建设数字中国。",
        "构建“15分钟生活圈”数字化服务体系。",
        "打造“十五分钟高品质文化生活圈”示范样板。",
        "数字政府建设需聚焦“一网通办”“一网统管”三大目标。",
        "上海市通过“两张网”实现数据融合。",
        "从数据流动、服务供给、治理协同三个维度剖析。",
        "2024年国务院发布指导意见。",
        "2025年底前完成改革。",
        "(1)时间范围:本报告研究数据主要来源于2018年至2023年。",
        "1.数字技术发展驱动治理变革",
        "规上工业增加值增速居全国第4位。",
        "中国企业500强中有20家企业来自本省。",
        "新增5A级物流企业。",
        "实施毕业生就业能力培训“万人计划”。",
        "按照省委十一届十次、十一次全会部署要求，锚定目标。",
        "在省十四届人大四次会议上作报告。",
        "做强“1+5”农业科技创新联盟。",
        "60岁以上老年人可免费乘车。",
        "其中年龄在60岁以上的群体占多数。",
        "时间:2026-02-02 09:45:30",
        "开展第七次全国1%人口抽样调查。",
        "全面落地240小时过境免签政策。",
        "深入贯彻党的二十大和二十届历次全会精神。",
        "按照党的二十届四中全会和十四届全国人大三次会议部署。",
        "全运会金牌数创近十届最好成绩。",
        "会议于8时30分开始。",
        "一度出现波动，三分天下。",
        "积极争取煤炭2030国家科技重大专项，沿边331国道全线贯通。",
        "长三角三省一市协同推进。",
        "三番五次强调安全生产。",
        "防控COVID-19疫情，A-1地块开工。",
        "月收入在5000元以下的受访者需填写附表。",
        "建筑面积500平方米以上的项目须备案。",
        "如图3所示，各地进展不一。",
        "详见表2和附表4。",
    ],
)
def test_not_a_statistic(sentence):
    found = [r["text"] for r in run(sentence) if not r["text"].startswith("20家")]
    assert found == []


def test_years_are_mentions_not_statistics():
    text = "2024年全国政务云平台实现31个省份全覆盖,到2025年实现90%,较2020年提高25个百分点。"
    assert [r["text"] for r in run(text)] == ["31个", "90%", "25个百分点"]
    kinds = [(y["year"], y["kind"]) for y in years(text)]
    assert kinds == [(2024, "date"), (2025, "target"), (2020, "base")]


def test_an_item_number_glued_to_a_year_is_not_a_figure():
    """20.2026年10件民生实事 (item 20 of an appendix's list): not 20.2026 years; a duration still counts."""
    assert [r["text"] for r in run("20.2026年10件民生实事：加大就业支持力度。")] == ["10件"]
    assert [r["text"] for r in run("人均预期寿命达80.2年。")] == ["80.2年"]


def test_year_range_and_declaration():
    got = [(y["year"], y["kind"]) for y in years("时间范围:本报告研究数据主要来源于2018年至2023年。")]
    assert got == [(2018, "declaration"), (2023, "declaration")]
    got = [(y["year"], y["kind"]) for y in years("2018年至2023年数字经济年均增长12%。")]
    assert got == [(2018, "range"), (2023, "range")]


def test_relative_year_mentions_need_a_document_date():
    dated = "2026年某省政府工作报告\n时间:2026-02-02\n去年全省新增企业5万家。\n“十四五”时期累计增长30%。"
    got = [(y["text"], y["year"], y["kind"]) for y in years(dated) if y["kind"] == "relative"]
    assert got == [("去年", 2025, "relative"), ("十四五”时期", 2025, "relative")]
    assert [y for y in years("去年全省新增企业5万家。") if y["kind"] == "relative"] == []


def test_year_stated_after_a_figure_is_not_applied_backwards():
    r = run("上海市“城市大脑”整合12个部门数据,2025年预测准确率达92%。")
    assert [(x["text"], x["year"]) for x in r] == [("12个", None), ("92%", 2025)]


def test_year_does_not_cross_clause_end():
    r = run("2024年全国政务云平台实现31个省份全覆盖;国家平台累计调用数据超500亿次。")
    assert [(x["text"], x["year"]) for x in r] == [("31个", 2024), ("500亿次", None)]


def test_numbers_in_short_quoted_names_are_not_figures_but_quoted_figures_are():
    assert [r["text"] for r in run("防艾工作率先实现“3个95%”。")] == []
    assert [r["text"] for r in run("覆盖率达到“95%”。")] == ["95%"]


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("有10%调查对象表示满意。", "10%"),
        ("调查显示，70%的受访者满意。", "70%"),
        ("办理时间压缩至3小时，免签入境。", "3小时"),
    ],
)
def test_survey_and_visa_words_near_a_real_figure_do_not_hide_it(sentence, figure):
    assert [r["text"] for r in run(sentence)] == [figure]


def test_meetings_held_are_still_counted():
    """Only a session's own number is a name: how many meetings were held is a statistic."""
    assert [r["text"] for r in run("全年召开常务会议12次，组织培训三次。")] == ["12次"]


def test_a_count_bounding_what_it_counts_is_still_a_figure():
    assert [r["text"] for r in run("建成5000个以上的基站。")] == ["5000个"]


def test_a_year_in_chinese_numerals_dates_the_figures_after_it():
    recs = run("二〇二三年全省新增就业一百二十万人。")
    assert [(r["text"], r["year"], r["metric"]) for r in recs] == [("一百二十万人", 2023, "新增就业")]


def test_counts_after_words_ending_like_a_figure_reference_stay():
    assert [r["text"] for r in run("共发表3篇论文，人大代表5人。")] == ["3篇", "5人"]
