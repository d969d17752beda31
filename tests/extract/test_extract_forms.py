"""One example per number form the issue lists: each asserts the full reading (value, unit, qualifier,
year, role) of the figure, read the way a careful editor reads it."""

from __future__ import annotations

import pytest

from tests.extract.helpers_extract import one, reading, run

FORMS = [
    # (sentence, figure as written, value, unit, qualifier, year, role)
    ("2024年全国参保1,100万户。", "1,100万户", 11_000_000, "户", "=", 2024, "level"),
    ("2022年我国数字经济规模达50.2万亿元。", "50.2万亿元", 5.02e13, "元", "=", 2022, "level"),
    ("２０２４年政务服务网办率达９２．５％。", "92.5%", 92.5, "%", "=", 2024, "level"),
    ("2025年审批时间缩短至三个工作日。", "三个工作日", 3, "个工作日", "=", 2025, "to"),
    ("本报告共分为七个章节。", "七个", 7, "个", "=", None, "level"),
    ("2024年新增两千家企业。", "两千家", 2000, "家", "=", 2024, "delta"),
    ("2024年投入3千万元。", "3千万元", 3e7, "元", "=", 2024, "level"),
    ("2024年实名用户超1.2亿。", "1.2亿", 1.2e8, "", ">", 2024, "level"),
    ("2024年网办率达95%。", "95%", 95, "%", "=", 2024, "level"),
    ("2024年网办率达95％。", "95%", 95, "%", "=", 2024, "level"),
    ("2024年覆盖率超过了百分之零点九。", "百分之零点九", 0.9, "%", ">", 2024, "level"),
    ("2024年数字经济占比为百分之四十一点五。", "百分之四十一点五", 41.5, "%", "=", 2024, "level"),
    ("2024年利用率较2020年提高20个百分点。", "20个百分点", 20, "个百分点", "=", 2024, "delta"),
    ("2024年农村用户约占三分之一。", "三分之一", 33.3333, "%", "~", 2024, "level"),
    ("2025年流调效率提升3倍。", "3倍", 3, "倍", "=", 2025, "ratio"),
    ("2024年带动就业3万4000人。", "3万4000人", 34000, "人", "=", 2024, "level"),
    ("2024年约三成企业完成改造。", "三成", 30, "%", "~", 2024, "level"),
    ("2024年近八成企业完成改造。", "八成", 80, "%", "~", 2024, "level"),
    ("2024年网上交易额增长了一倍。", "一倍", 100, "%", "=", 2024, "delta"),
    ("2024年政务服务事项12%以上实现自助办。", "12%", 12, "%", ">=", 2024, "level"),
    ("2024年全市办件量超500多亿件。", "500多亿件", 5e10, "件", "~", 2024, "level"),
    ("2025年绿电交易电量突破300亿度。", "300亿度", 3e10, "度", ">", 2025, "level"),
    ("2025年供热标准由18℃提高到20℃。", "20℃", 20, "℃", "=", 2025, "to"),
    ("2025年营商环境评价得分92.3分。", "92.3分", 92.3, "分", "=", 2025, "level"),
    ("2025年PM2.5平均浓度降至28.5微克每立方米。", "28.5微克每立方米", 28.5, "微克每立方米", "=", 2025, "to"),
    ("2025年成功举办3届商博会。", "3届", 3, "届", "=", 2025, "level"),
    ("2025年开展药品监督抽检超1.5万批次。", "1.5万批次", 15000, "批次", ">", 2025, "level"),
    ("2025年实现省内4.27万公里线路信号连续覆盖。", "4.27万公里", 42700, "公里", "=", 2025, "level"),
    ("2025年算力规模达到11.4万P。", "11.4万P", 114000, "P", "=", 2025, "level"),
    ("2025年智能算力达4800PF。", "4800PF", 4800, "PF", "=", 2025, "level"),
    ("2025年数字身份框架推动27国互认。", "27国", 27, "国", "=", 2025, "level"),
    ("2025年实现与重庆、云南等6省市数据互通。", "6省市", 6, "省市", "=", 2025, "level"),
    ("2025年出口额翻了一番。", "一番", 2, "倍", "=", 2025, "ratio"),  # doubled: 2 times
    ("到2030年经济总量翻两番。", "两番", 4, "倍", "=", 2030, "ratio"),  # a ratio, even as a goal
    ("2025年地区生产总值增长-3.2%。", "-3.2%", -3.2, "%", "=", 2025, "delta"),
    ("2025年政务系统平均响应时间缩短至200毫秒。", "200毫秒", 200, "毫秒", "=", 2025, "to"),
    ("2025年约占全球的三分之一。", "三分之一", 33.3333, "%", "~", 2025, "level"),
]


@pytest.mark.parametrize(("sentence", "figure", "value", "unit", "qualifier", "year", "role"), FORMS)
def test_form_is_read_fully(sentence, figure, value, unit, qualifier, year, role):
    r = one(sentence, figure)
    assert reading(r)[1:] == (unit, qualifier, year, role)
    assert r["value"] == pytest.approx(value, rel=1e-9)


def test_precision_and_exact_decimal_text():
    r = one("2024年占比为41.50%。", "41.50%")
    assert (r["precision"], r["value_text"]) == (2, "41.5")
    big = one("2022年我国数字经济规模达50.2万亿元。", "50.2万亿元")
    assert (big["precision"], big["value_text"]) == (1, "50200000000000")


@pytest.mark.parametrize(
    ("sentence", "figures", "low", "high", "unit"),
    [
        ("办理时限为3-5天。", ("3", "5天"), 3, 5, "天"),
        ("办理时限为3至5天。", ("3", "5天"), 3, 5, "天"),
        ("覆盖率为30%~40%。", ("30%", "40%"), 30, 40, "%"),
        ("投资3-5万元。", ("3", "5万元"), 30000, 50000, "元"),  # the magnitude is the high end's
        ("年均增长10%—15%。", ("10%", "15%"), 10, 15, "%"),
    ],
)
def test_a_range_is_its_two_written_numbers_a_lower_and_an_upper_bound(sentence, figures, low, high, unit):
    got = [(r["text"], r["value"], r["value_high"], r["qualifier"], r["unit"]) for r in run(sentence)]
    assert got == [(figures[0], low, None, ">=", unit), (figures[1], high, None, "<=", unit)]


@pytest.mark.parametrize(
    ("sentence", "figure", "low", "high", "qualifier"),
    [
        ("带动就业十几万人。", "十几万人", 110_000, 190_000, "~"),
        ("交易额达500多亿。", "500多亿", 5e10, 6e10, "~"),
        ("惠及数百万群众。", "数百万", 2e6, 9e6, "~"),
        ("吸引上万人参与。", "上万人", 1e4, None, ">="),
        ("接入2000余项服务。", "2000余项", 2000, 3000, "~"),
    ],
)
def test_vague_amounts_are_never_exact(sentence, figure, low, high, qualifier):
    r = one(sentence, figure)
    assert (r["value"], r["value_high"], r["qualifier"]) == (low, high, qualifier)
    assert r["confidence"] < 0.9


@pytest.mark.parametrize(
    ("sentence", "figure", "qualifier"),
    [
        ("用户超30亿。", "30亿", ">"),
        ("用户超过30亿。", "30亿", ">"),
        ("用户突破30亿。", "30亿", ">"),
        ("用户逾30亿。", "30亿", ">"),
        ("覆盖率达90%以上。", "90%", ">="),
        ("成功率不足60%。", "60%", "<"),
        ("成功率不到60%。", "60%", "<"),
        ("成功率低于60%。", "60%", "<"),
        ("压缩至1个工作日以内。", "1个工作日", "<="),
        ("压缩至1个工作日内。", "1个工作日", "<="),
        ("误差在5%以下。", "5%", "<="),
        ("覆盖约90%的社区。", "90%", "~"),
        ("覆盖近90%的社区。", "90%", "~"),
        ("覆盖90%左右的社区。", "90%", "~"),
        ("催生200余家机构。", "200余家", "~"),
        ("增速不超过5%。", "5%", "<="),
        ("覆盖率达90%。", "90%", "="),
        ("出口约增15%。", "15%", "~"),
        ("投资约人民币500亿元。", "500亿元", "~"),
        ("约有四分之一的干部认为负担过重。", "四分之一", "~"),
        ("网上可办率 ≥95%。", "95%", ">="),
        ("审批时限≤5个工作日。", "5个工作日", "<="),
        ("响应时间<3秒。", "3秒", "<"),
        ("合格率>98%。", "98%", ">"),
        ("投资大约下降3%。", "3%", "~"),
        ("节约增长15%。", "15%", "="),
        ("过半数居民表示满意。", "半数", ">"),
        ("近半数企业计划加大投入。", "半数", "~"),
    ],
)
def test_qualifiers(sentence, figure, qualifier):
    assert one(sentence, figure)["qualifier"] == qualifier


def test_from_to_pair_is_linked_with_direction():
    recs = run("2024年农产品流通损耗率从25%降至8%。")
    a, b = recs
    assert (a["role"], b["role"]) == ("from", "to")
    assert (a["link_id"], b["link_id"]) == (1, 0)
    assert a["direction"] == b["direction"] == "down"
    assert a["metric_key"] == b["metric_key"] == "农产品流通损耗率"
    assert a["year"] == b["year"] == 2024


@pytest.mark.parametrize(
    "sentence",
    ["企业上云率从2019年的30%左右提升到2023年的58.2%。", "企业上云率从30%以上提升到58.2%。"],
)
def test_the_start_of_a_change_may_carry_its_own_qualifier(sentence):
    a, b = run(sentence)
    assert (a["role"], b["role"]) == ("from", "to")
    assert a["metric"] == b["metric"] == "企业上云率"
    assert a["qualifier"] in ("~", ">=")


def test_a_harvest_change_is_a_delta():
    recs = run("全年粮食产量70650万吨，比上年增加1109万吨，增产1.6%。")
    assert [(r["text"], r["role"], r["metric"]) for r in recs] == [
        ("70650万吨", "level", "粮食产量"),
        ("1109万吨", "delta", "粮食产量增加"),
        ("1.6%", "delta", "粮食产量增产"),
    ]


def test_from_to_of_bare_numbers_is_kept_only_as_a_pair():
    recs = run("城乡居民收入倍差从2.42缩小至2.12。办公室位于3楼。")
    assert [(r["text"], r["role"]) for r in recs] == [("2.42", "from"), ("2.12", "to")]


@pytest.mark.parametrize(
    ("sentence", "figure", "metric", "role"),
    [
        ("城乡居民收入比降至2.2。", "2.2", "城乡居民收入比", "to"),
        ("全省基尼系数为0.46。", "0.46", "基尼系数", "level"),
        ("制造业采购经理指数（PMI）为50.2。", "50.2", "制造业采购经理指数PMI", "level"),
        ("出生人口性别比为105。", "105", "出生人口性别比", "level"),
    ],
)
def test_a_number_without_unit_after_an_index_is_a_figure(sentence, figure, metric, role):
    rec = one(sentence, figure)
    assert (rec["unit"], rec["metric"], rec["role"]) == ("", metric, role)


@pytest.mark.parametrize("sentence", ["会议室位于3楼。", "项目编号为3。", "共同富裕指数型基金2号。"])
def test_a_number_without_unit_and_without_an_index_word_is_no_figure(sentence):
    assert run(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "figure", "unit", "family"),
    [
        ("2023年全球数据总量达到120ZB。", "120ZB", "ZB", "data"),
        ("光伏组件产量达到499GW。", "499GW", "GW", "power"),
        ("锂电池出货量约940GWh。", "940GWh", "GWh", "energy"),
        ("建成100吉瓦时锂电池储能项目。", "100吉瓦时", "吉瓦时", "energy"),
        # a rate per something keeps its denominator: 元/人 is not 元, so no rule compares it with a total
        ("全员劳动生产率为173898元/人。", "173898元/人", "元/人", "currency"),
        ("小麦单产达到450千克/亩。", "450千克/亩", "千克/亩", "mass"),
        ("全省工商业平均电价下降5分/千瓦时。", "5分/千瓦时", "分/千瓦时", "currency"),
        ("生活垃圾总处理能力提高到16.9万吨/日。", "16.9万吨/日", "吨/日", "mass"),
    ],
)
def test_units_and_rates_per_unit(sentence, figure, unit, family):
    rec = one(sentence, figure)
    assert (rec["unit"], rec["unit_family"]) == (unit, family)


@pytest.mark.parametrize(
    ("sentence", "figure", "role", "direction"),
    [
        ("在线问诊量年均增长40%。", "40%", "delta", "up"),
        ("群众办事材料平均减少60%。", "60%", "delta", "down"),
        ("审批周期缩短70%。", "70%", "delta", "down"),
        ("收入增长超20%。", "20%", "delta", "up"),
        ("企业开办时间压缩至1个工作日。", "1个工作日", "to", "down"),
        ("响应时间缩短至平均15分钟。", "15分钟", "to", "down"),
        ("占GDP比重提升至41.5%。", "41.5%", "to", "up"),
        ("数字技术对经济增长的贡献率超过70%。", "70%", "level", None),
        ("累计减少重复信息录入1.2亿次。", "1.2亿次", "delta", "down"),
        # market reports write a change with a sign
        ("审批材料精简80%。", "80%", "delta", "down"),
        ("融资平台压降81.3%。", "81.3%", "delta", "down"),
        ("营收同比+12.3%。", "12.3%", "delta", "up"),
        ("净利润同比-5.1%。", "-5.1%", "delta", None),
        ("市场规模为1121亿元，YoY+19.8%。", "19.8%", "delta", "up"),
    ],
)
def test_change_roles(sentence, figure, role, direction):
    r = one(sentence, figure)
    assert (r["role"], r["direction"]) == (role, direction)


def test_delta_with_base_year_does_not_take_the_base_as_its_year():
    r = one("2024年全国政务云资源利用率提升至80%,较2020年提高25个百分点。", "25个百分点")
    assert (r["role"], r["base_year"], r["year"], r["direction"]) == ("delta", 2020, 2024, "up")
    assert r["metric_key"].startswith("政务云资源利用率")


def test_a_quoted_plan_period_compared_with_is_a_base_not_the_year():
    """比“十三五”时期增长78.9%: growth over the last plan period, reported for the period just ended."""
    text = "2026年某省政府工作报告\n五年来，实际使用外资比“十三五”时期增长78.9%。"
    r = one(text, "78.9%")
    assert (r["year"], r["role"], r["metric"]) == (2025, "delta", "实际使用外资增长")


def test_the_value_of_a_base_year_is_that_years():
    """较2020年的9323.1亿元 is 2020's value, not a second 2025 value of the same measure."""
    for base in ("2020年", "“十三五”末"):
        text = (
            "2026年某省政府工作报告\n"
            f"五年来，全省地区生产总值达到13697.5亿元，较{base}的9323.1亿元增加4374.4亿元。"
        )
        got = {r["text"]: (r["year"], r["metric"]) for r in run(text)}
        assert got["13697.5亿元"] == (2025, "地区生产总值")
        assert got["9323.1亿元"] == (2020, "地区生产总值")
        assert got["4374.4亿元"] == (2025, "地区生产总值增加")


def test_conjoined_changes_share_the_verb():
    recs = run("一、二、三产业增加值分别增长4.2%、5%、5.4%。")
    assert [(r["value"], r["role"]) for r in recs] == [(4.2, "delta"), (5, "delta"), (5.4, "delta")]


@pytest.mark.parametrize(
    "sentence",
    [
        "明确到2025年实现政务服务事项90%以上网上办。",
        "2025年前实现行政村5G覆盖率90%。",
        "力争全年网办率达到90%。",
        "预计网办率达到90%。",
        "网办率将达到90%。",
        "网办率预期达到90%。",
        "主要预期目标是网办率达到90%。",
    ],
)
def test_targets(sentence):
    r = one(sentence, "90%")
    assert r["role"] == "target"


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # 预期 as a noun (expectations, life expectancy) is no target word.
        ("全省上下着力稳就业、稳预期，地区生产总值增长5.3%。", "5.3%"),
        ("针对重点领域提振预期，提出18条具体举措。", "18条"),
        ("人均预期寿命达79.5岁。", "79.5岁"),
    ],
)
def test_expectations_are_not_targets(sentence, figure):
    assert one(sentence, figure)["role"] != "target"


def test_a_change_with_dated_ends():
    recs = run("网上办理率由2020年的58.2%提升至2024年的91.7%。城乡居民收入比从2021年底的2.5缩小到2.3。")
    assert [(r["value"], r["year"], r["role"], r["direction"]) for r in recs] == [
        (58.2, 2020, "from", "up"),
        (91.7, 2024, "to", "up"),
        (2.5, 2021, "from", "down"),
        (2.3, None, "to", "down"),  # 2021 dates the start only: when 2.3 was reached is not said
    ]
    assert (recs[0]["link_id"], recs[1]["link_id"]) == (1, 0)


def test_a_start_dated_by_the_previous_year_leaves_the_end_in_the_clause_year():
    recs = run("2025年全市旅游总收入由上年的612.4亿元增至672.8亿元，增长9.9%。")
    assert [(r["value"], r["year"], r["role"]) for r in recs] == [
        (612.4e8, 2024, "from"),
        (672.8e8, 2025, "to"),
        (9.9, 2025, "delta"),
    ]


def test_as_of_a_year_is_a_level_not_a_target():
    r = one("截至2024年6月底,全国政务服务平台注册用户超过10亿人。", "10亿人")
    assert (r["year"], r["role"], r["qualifier"]) == (2024, "level", ">")


def test_target_list_paragraph():
    recs = run(
        "各位代表:\n今年主要预期目标是:地区生产总值增长5%左右;城镇调查失业率5.5%左右;居民收入增长与经济增长同步。"
    )
    assert [(r["value"], r["role"], r["qualifier"]) for r in recs] == [
        (5, "target", "~"),
        (5.5, "target", "~"),
    ]


def test_relative_years_resolve_against_document_date():
    text = (
        "2026年某市政府工作报告\n"
        "——2026年1月25日在某市第十六届人民代表大会第四次会议上\n"
        "去年全市地区生产总值增长5.4%。今年全市地区生产总值增长5%左右。"
    )
    recs = run(text)
    assert [(r["value"], r["year"], r["role"]) for r in recs] == [(5.4, 2025, "delta"), (5, 2026, "target")]


def test_listed_figures_share_the_unit_written_last():
    recs = run("2025年广州、深圳地铁单日最高客运量分别达1409万、1305万人次。")
    assert [(r["text"], r["value"], r["unit"]) for r in recs] == [
        ("1409万", 14_090_000, "人次"),
        ("1305万人次", 13_050_000, "人次"),
    ]


def test_review_section_figures_take_the_heading_year_and_stay_levels():
    text = (
        "2026年某省政府工作报告\n时间:2026-02-02\n一、2025年工作回顾\n"
        "全省地区生产总值增长5.2%,积极争取超长期特别国债项目206个。\n"
        "二、2026年工作安排\n新建改造高标准农田70万亩。"
    )
    got = [(r["text"], r["context_year"], r["role"]) for r in run(text)]
    assert got == [("5.2%", 2025, "delta"), ("206个", 2025, "level"), ("70万亩", 2026, "target")]
    # the year a figure's own sentence states is its year: these state none (the gold's reading)
    assert [r["year"] for r in run(text)] == [None, None, None]


def test_a_plan_start_heading_and_the_next_five_years_date_their_targets():
    """一鼓作气勇争先，全力推动“十五五”开好局: the plan's first year (2026), its figures plans; 今后五年 in a
    2026 report runs to 2030."""
    text = (
        "2026年某省政府工作报告\n时间:2026-02-02\n一、一年接着一年干，建设取得新进展新成效\n"
        "全省地区生产总值增长5.2%。\n"
        "二、一张蓝图绘到底\n今后五年，地区生产总值年均增长5%左右。\n"
        "三、一鼓作气勇争先，全力推动“十五五”开好局、起好步\n滚动实施1500个以上省重点技改项目。"
    )
    got = [(r["text"], r["context_year"], r["role"]) for r in run(text)]
    assert got == [("5.2%", 2025, "delta"), ("5%", 2030, "target"), ("1500个", 2026, "target")]


def test_an_appendix_is_dated_by_its_title_line():
    """附件1 / 2026年省十件民生实事: the appendix lists the year's projects, each a 2026 plan."""
    text = (
        "2026年某省政府工作报告\n时间:2026-02-02\n一、2025年工作回顾\n全省地区生产总值增长5.2%。\n"
        "附件1\n2026年省十件民生实事\n一、提高低保保障水平。\n农村低保标准提高到每人每月800元。\n"
    )
    got = {r["text"]: (r["context_year"], r["role"]) for r in run(text)}
    assert (got["5.2%"], got["800元"]) == ((2025, "delta"), (2026, "target"))


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # 增加值 (value added) is a noun: the figure is its level, not an increase.
        ("全市服务业增加值达到1.98万亿元。", "1.98万亿元"),
        ("民营经济增加值占比达到61.6%。", "61.6%"),
        ("全部工业增加值超8千亿元。", "8千亿元"),
    ],
)
def test_value_added_is_a_level_not_a_change(sentence, figure):
    r = one(sentence, figure)
    assert (r["role"], r["direction"]) == ("level", None)


def test_an_increase_of_an_object_is_still_a_change():
    r = one("新增入驻企业132家。", "132家")
    assert (r["role"], r["direction"]) == ("delta", "up")


def test_a_review_heading_without_a_year_reports_the_year_before_an_early_document():
    """A government work report published in its year's first months reviews the year before, even under a
    heading that names no year (一、一年接着一年干，…取得新进展新成效); its plan section stays undated."""
    text = (
        "2026年福建省政府工作报告\n时间：2026-02-06\n"
        "一、一年接着一年干，新福建建设持续取得新进展新成效\n清洁能源装机比重达66.1%。\n"
        "二、扎实做好各项工作\n清洁能源装机比重提高到68%。\n"
    )
    recs = run(text)
    assert (recs[0]["text"], recs[0]["context_year"]) == ("66.1%", 2025)
    assert [r["context_year"] for r in recs if r["text"] == "68%"] != [2025]


def test_an_age_figure_takes_its_cue_from_anywhere_in_its_clause():
    r = one("2025年，全市人均预期寿命较2020年提高1.16岁、达到79.72岁。", "79.72岁")
    assert (r["value"], r["unit"], r["metric"]) == (79.72, "岁", "人均预期寿命")


def test_a_change_of_the_life_expectancy_just_given_is_an_age_figure():
    r = one("我国人均预期寿命提高到79.0岁，比2020年提高1.1岁。", "1.1岁")
    assert (r["role"], r["metric"]) == ("delta", "人均预期寿命提高")
    assert run("为老年人体检，比上年增加5岁。") == []  # no life expectancy before it: no age figure


def test_a_count_before_an_age_threshold_is_not_one_compound_number():
    """390万65岁以上老年人: 390万 people aged 65 and over, not 3,900,065 years."""
    recs = run("为390万65岁以上老年人免费体检。")
    assert [(r["text"], r["value"]) for r in recs] == [("390万", 3900000.0)]
    assert one("收入3万4000元。", "3万4000元")["value"] == 34000.0


@pytest.mark.parametrize(
    ("sentence", "figure", "qualifier", "role", "metric"),
    [
        ("2025年孤儿生活保障标准从每人每月2375元提高到2500元。", "2375元", "=", "from", "孤儿生活保障标准"),
        ("2025年食品抽检量超每千人6.6批次。", "6.6批次", ">", "level", "食品抽检量"),
        ("2025年PM2.5平均浓度低于每立方米19微克。", "19微克", "<", "level", "PM2.5平均浓度"),
        ("2025年城乡低保标准提高到每月815元。", "815元", "=", "to", "城乡低保标准"),
    ],
)
def test_a_rates_denominator_before_its_number_is_read_through(sentence, figure, qualifier, role, metric):
    r = one(sentence, figure)
    assert (r["qualifier"], r["role"], r["metric"]) == (qualifier, role, metric)


@pytest.mark.parametrize(
    ("sentence", "figure", "metric"),
    [
        # 同比 / 环比 and 比上年末 are comparisons, not part of what is measured
        ("2023年移动互联网累计流量达3015亿GB，同比增长15.2%。", "15.2%", "移动互联网累计流量增长"),
        ("2023年人均GDP达到1.27万美元，比上年末提高0.9个百分点。", "0.9个百分点", "人均GDP提高"),
        ("2023年固定资产投资5.3万亿元，同比下降3.2%，环比增长0.8%。", "0.8%", "固定资产投资增长"),
        # a clause that is only a share is a share of the measure just given
        ("2023年65岁及以上老年人口2.17亿人，占总人口的15.4%。", "15.4%", "65岁及以上老年人口占总人口"),
        ("2023年实名用户超过10亿人，其中国家平台注册用户8.08亿。", "8.08亿", "国家平台注册用户"),
        ("2025年出口额翻了一番。", "一番", "出口额"),
        ("2023年工业产量同比增长5%，环比下降1.2%。", "1.2%", "工业产量下降"),
        # 比 at the end of a subject is a ratio, not a comparison
        ("2023年城乡居民收入比由2.50缩小至2.39。", "2.39", "城乡居民收入比"),
        # nominal and real growth of the same measure
        (
            "全国居民人均可支配收入39218元，比上年名义增长6.3%，扣除价格因素实际增长6.1%。",
            "6.1%",
            "居民人均可支配收入实际增长",
        ),
        ("截至2024年6月，网民规模近11亿人，较2023年12月增长742万人。", "742万人", "网民规模增长"),
        # a carried subject keeps every character it is written with (the key drops the point of PM2.5)
        ("2025年PM2.5年均浓度36.2微克/立方米、同比下降5%。", "5%", "PM2.5年均浓度下降"),
        # words that say a figure is planned are not what it measures
        ("预计2025年市场规模将突破1万亿元。", "1万亿元", "市场规模"),
        ("力争全年交通、水利、能源领域投资额分别达2400亿元、450亿元、1700亿元。", "450亿元", "水利投资额"),
        # an amount after how long it lasted is of the measure named before
        ("粮食总产量达到1480.4亿斤，连续9年稳定在1400亿斤以上。", "1400亿斤", "粮食总产量"),
        ("2024年一般公共预算收入3260.5亿元，同口径增长4.1%。", "4.1%", "一般公共预算收入同口径增长"),
        # a share's head noun is what it measures (占比, 比重, 比例 are not the comparison word 比)
        ("截至2023年底，我国光纤用户占比达96.3%。", "96.3%", "光纤用户占比"),
        ("2023年数字经济占GDP比重达41.5%。", "41.5%", "数字经济占GDP比重"),
        ("2024年优良天数比例首次突破80%。", "80%", "优良天数比例"),
        ("2024年数据共享调用超5000亿次。", "5000亿次", "数据共享调用"),
        ("2024年共享调用超5000亿次。", "5000亿次", "共享调用"),
        # 日均 / 年均 are averages, not the adverb 均
        ("2024年全年共办理业务2.3亿件，日均63万件。", "63万件", "办理业务日均"),
        ("2024年城镇新增就业年均70万人。", "70万人", "城镇新增就业年均"),
        # words after a place that opens the clause are not the measure; 都市圈 is not the adverb 都
        ("2024年全国共有各类学校51.85万所。", "51.85万所", "各类学校"),
        ("2024年武汉都市圈经济总量3.8万亿元。", "3.8万亿元", "都市圈经济总量"),
    ],
)
def test_comparison_words_and_shares_in_the_metric(sentence, figure, metric):
    assert one(sentence, figure)["metric"] == metric


def test_the_whole_province_in_a_report_about_no_one_place_is_not_the_country():
    r = one("数字政府建设研究报告\n一、现状\n2024年全省政务服务事项网办率达95%。", "95%")
    assert r["entity_key"] == "全省"


def test_the_first_months_of_a_year_are_a_period_not_a_deadline():
    r = one("2024年前三季度，全省规上工业增加值同比增长6.1%。", "6.1%")
    assert (r["year"], r["role"]) == (2024, "delta")
    recs = run("2024年前10个月出口增长3%。")
    assert [(x["text"], x["role"], x["metric"]) for x in recs] == [("3%", "delta", "出口增长")]
    assert one("2025年前完成改造1000户。", "1000户")["role"] == "target"


def test_a_phrase_holding_a_figure_is_never_the_organisation_it_is_about():
    recs = run("超六成企业完成改造，近七成用户满意。建成十余个平台。")
    assert all(r["entity"] is None or "成" not in r["entity"] for r in recs)
    assert all(r["entity"] is None or "平台" not in r["entity"] for r in recs)


def test_a_change_after_a_semicolon_goes_on_with_the_measure_before_it():
    recs = run("2022年全国在线政务服务用户规模达9.26亿；2023年增至9.73亿。")
    assert [(r["text"], r["role"], r["metric"]) for r in recs] == [
        ("9.26亿", "level", "在线政务服务用户规模"),
        ("9.73亿", "to", "在线政务服务用户规模"),
    ]
    # after a full stop, or for a figure of another kind, nothing is carried over
    assert one("2022年用户规模达9.26亿。2023年增至9.73亿。", "9.73亿")["metric"] is None
    assert one("2022年用户规模达9.26亿；2023年新增12个。", "12个")["metric"] != "用户规模"


@pytest.mark.parametrize(
    ("sentence", "figure", "year", "base_year", "metric"),
    [
        ("2024年全省研发投入是2019年的2.3倍。", "2.3倍", 2024, 2019, "研发投入"),
        ("研发投入是十年前的三倍。", "三倍", None, None, "研发投入"),
    ],
)
def test_a_multiple_of_an_earlier_year_takes_that_year_as_its_base(sentence, figure, year, base_year, metric):
    r = one(sentence, figure)
    assert (r["role"], r["year"], r["base_year"], r["metric"]) == ("ratio", year, base_year, metric)


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("每10万人口拥有高技能人才2300人。", ["2300人"]),
        ("每千人口执业医师数达到3.4人。", ["3.4人"]),
        ("平均每100户拥有汽车45辆。", ["45辆"]),
    ],
)
def test_the_denominator_of_a_rate_is_not_a_figure(sentence, figures):
    assert [r["text"] for r in run(sentence)] == figures


def test_a_comparison_with_years_ago_is_not_the_measure():
    r = one("全省森林覆盖率达到63.1%，比十年前提高4个百分点。", "4个百分点")
    assert (r["role"], r["metric"]) == ("delta", "森林覆盖率提高")


@pytest.mark.parametrize(
    ("sentence", "figure", "direction"),
    [
        ("增速比一季度加快0.4个百分点。", "0.4个百分点", "up"),
        ("增速比一季度放缓0.2个百分点。", "0.2个百分点", "down"),
        ("降幅比上月收窄1.1个百分点。", "1.1个百分点", "down"),
    ],
)
def test_a_growth_rate_speeding_up_or_slowing_is_a_change(sentence, figure, direction):
    r = one(sentence, figure)
    assert (r["role"], r["direction"]) == ("delta", direction)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2024年全省地区生产总值增长5.2%（上年为4.8%）。",
            [("5.2%", 2024, "delta", "地区生产总值增长"), ("4.8%", 2023, "delta", "地区生产总值增长")],
        ),
        (
            "2024年，全市常住人口城镇化率为70.1%（2023年为69.5%）。",
            [("70.1%", 2024, "level", "常住人口城镇化率"), ("69.5%", 2023, "level", "常住人口城镇化率")],
        ),
    ],
)
def test_an_earlier_periods_value_in_parentheses_is_the_same_kind_of_figure(sentence, expected):
    assert [(r["text"], r["year"], r["role"], r["metric"]) for r in run(sentence)] == expected


def test_half_counts_only_after_a_cue():
    assert [r["text"] for r in run("另一半资金来自社会，半数时间用于培训。")] == []
    assert one("超过半数的企业已上云。", "半数")["value"] == 50


def test_the_end_of_a_dated_change_is_no_target():
    r = one("日均访问量由2019年的500万人次增至2023年的3,200万人次。", "3,200万人次")
    assert (r["role"], r["year"]) == ("to", 2023)


def test_roc_years_are_years_in_a_document_that_uses_them():
    """113年 is 2024 in a Taiwanese report (民国 or 新台币 says so), never a 113-year duration."""
    text = "112年國內生產總值為新臺幣23兆5,000億元，較111年減少1.3%。民國113年底人口為2,340萬人。"
    recs = run(text)
    assert [r["text"] for r in recs] == ["23兆5,000億元", "1.3%", "2,340萬人"]
    assert [r["year"] for r in recs] == [2023, 2023, 2024]
    assert recs[0]["value"] == 2.35e13 and recs[0]["metric"] == "國內生產總值"
    assert recs[2]["metric"] == "人口"


def test_without_roc_cues_a_three_digit_year_count_stays_a_duration():
    assert one("这座古镇已有112年历史。", "112年")["value"] == 112


@pytest.mark.parametrize(
    ("sentence", "figure", "value", "unit"),
    [
        ("千兆光网覆盖100兆宽带用户3万户。", "3万户", 30000, "户"),  # 兆 of a bandwidth is no amount
        ("装机1000兆瓦。", "1000兆瓦", 1000, "兆瓦"),
        ("预算为新台币2兆元。", "2兆元", 2e12, "元"),
        ("投资约人民币500亿元。", "500亿元", 5e10, "元"),
    ],
)
def test_zhao_is_a_trillion_only_in_an_amount(sentence, figure, value, unit):
    r = one(sentence, figure)
    assert (r["value"], r["unit"]) == (value, unit)


@pytest.mark.parametrize(
    ("sentence", "figure", "value", "unit"),
    [
        ("孕产妇死亡率为15.1/10万。", "15.1/10万", 15.1, "/10万"),
        ("法定传染病死亡率为1.76/10万。", "1.76/10万", 1.76, "/10万"),
    ],
)
def test_a_rate_per_population_keeps_its_denominator_as_unit(sentence, figure, value, unit):
    r = one(sentence, figure)
    assert (r["value"], r["unit"], r["unit_family"]) == (value, unit, "ratio")


def test_the_level_a_change_reached_after_its_size_is_its_end():
    recs = run("零售业总销货价值按年下跌7.3%至3,800亿港元。")
    assert [(r["text"], r["role"], r["metric"]) for r in recs] == [
        ("7.3%", "delta", "零售业总销货价值下跌"),
        ("3,800亿港元", "to", "零售业总销货价值"),
    ]
    assert recs[1]["direction"] == "down"


@pytest.mark.parametrize(
    ("sentence", "figure", "metric"),
    [
        ("样本量N=1236。", "1236", "样本量N"),
        ("满意度均值为3.45，标准差为0.82。", "0.82", "标准差"),
        ("KMO值为0.912。", "0.912", "KMO值"),
        ("模型R²=0.87。", "0.87", "模型R²"),
    ],
)
def test_survey_statistics_without_a_unit_are_figures(sentence, figure, metric):
    r = one(sentence, figure)
    assert (r["unit"], r["metric"]) == ("", metric)


@pytest.mark.parametrize(
    ("sentence", "figure", "value", "high"),
    [
        ("需要三五个工作日。", "三五个工作日", 3, 5),  # a few: a range, not 35
        ("培育七八家企业。", "七八家", 7, 8),
    ],
)
def test_two_chinese_digits_in_a_row_are_a_range(sentence, figure, value, high):
    r = one(sentence, figure)
    assert (r["value"], r["value_high"], r["qualifier"]) == (value, high, "~")


def test_a_word_ending_in_yi_lends_no_digit():
    assert run("这是历史上唯一一次降价，统一一个标准。") == []


def test_each_part_of_a_structure_is_a_figure_of_its_own_measure() -> None:
    recs = run("2025年，全市三次产业结构约为5.1∶42.3∶52.6。")
    assert [(r["text"], r["value"], r["unit"]) for r in recs] == [
        ("5.1", 5.1, ""),
        ("42.3", 42.3, ""),
        ("52.6", 52.6, ""),
    ]
    # 约 and the year are of every part; each part is its own measure, so no rule reads three values of one
    assert {(r["qualifier"], r["year"], r["role"]) for r in recs} == {("~", 2025, "level")}
    assert [r["metric"] for r in recs] == ["三次产业结构[1/3]", "三次产业结构[2/3]", "三次产业结构[3/3]"]


def test_a_structure_that_became_another_is_read_part_by_part_as_from_and_to() -> None:
    recs = run("三次产业结构由8.7∶41.2∶50.1调整为7.4∶39.6∶53.0。")
    assert [(r["text"], r["role"]) for r in recs] == [
        ("8.7", "from"),
        ("41.2", "from"),
        ("50.1", "from"),
        ("7.4", "to"),
        ("39.6", "to"),
        ("53.0", "to"),
    ]
    for i in range(3):  # each part's change links its two ends, of the same measure
        assert recs[i]["link_id"] == i + 3 and recs[i + 3]["link_id"] == i
        assert recs[i]["metric"] == recs[i + 3]["metric"] == f"三次产业结构[{i + 1}/3]"


def test_a_structure_names_its_measure_from_the_clause_before_when_its_own_has_none() -> None:
    recs = run("三次产业结构进一步优化，调整为8.3∶41.4∶50.3。")
    assert [r["metric"] for r in recs] == ["三次产业结构[1/3]", "三次产业结构[2/3]", "三次产业结构[3/3]"]


@pytest.mark.parametrize(
    "text",
    [
        "会议于9:30:15开始。",  # a clock time
        "最终比分为3:2:1。",  # a ratio that is no structure of one whole: no cue word before it
    ],
)
def test_colon_runs_without_a_structure_cue_are_not_figures(text: str) -> None:
    assert [r["text"] for r in run(text)] == []


def test_a_vague_amount_between_two_magnitudes_reads_both():
    r = one("全年国内生产总值比上年增加5万多亿元。", "5万多亿元")
    assert (r["value"], r["value_high"], r["unit"], r["qualifier"]) == (5e12, 6e12, "元", "~")


def test_a_bare_ratio_from_last_years_value_is_a_change():
    recs = run("城乡居民收入比值由上年的2.34缩小到2.31。")
    assert [(r["text"], r["role"]) for r in recs] == [("2.34", "from"), ("2.31", "to")]


def test_statistical_test_values_are_figures_and_a_p_threshold_is_a_bound():
    recs = run("社区参与度（β=0.214，p<0.05）对满意度有显著影响，模型解释力R²=0.63。")
    assert [(r["text"], r["qualifier"]) for r in recs] == [("0.214", "="), ("0.05", "<"), ("0.63", "=")]


def test_forms_of_the_fourteenth_session():
    # a base value in parentheses, and the change of an index told bare
    r = run("报告\n一、空气\n2025年，全市环境空气质量综合指数为3.55，比上年（3.77）下降5.8%。\n")
    assert [(x["text"], x["role"]) for x in r] == [("3.55", "level"), ("3.77", "from"), ("5.8%", "delta")]
    r = run("报告\n一、降水\n2025年，降水pH年均值为5.68，比上年提高0.14。\n")
    assert [(x["text"], x["role"], x["metric"]) for x in r][1] == ("0.14", "delta", "降水pH年均值提高")
    # a plant's power and energy, one after the other
    r = run("报告\n一、装机\n2025年我国新型储能新增装机68.5GW/178.2GWh。\n")
    assert [(x["text"], x["unit"], x["metric"], x["role"]) for x in r] == [
        ("68.5GW", "GW", "新型储能新增装机", "level"),  # 新增装机: the year's flow
        ("178.2GWh", "GWh", "新型储能新增装机", "level"),
    ]
    # a stock's 新增 is still a change
    assert one("报告\n一、养老\n2025年新增养老床位380张。\n", "380张")["role"] == "delta"
    # the window a pollutant is averaged over is no duration
    assert [x["text"] for x in run("报告\n一、臭氧\n臭氧日最大8小时平均浓度为148微克/立方米。\n")] == [
        "148微克/立方米"
    ]
    # an analyst's forecast year, and months of the publication year already past
    r = run("储能行业报告\n发布日期：2026年3月16日\n一、展望\n预计2030E全球数据中心用电量将增至945TWh。\n")
    assert (r[0]["year"], r[0]["role"]) == (2030, "target")
    r = run("储能行业报告\n发布日期：2026年3月16日\n一、近况\n2026年1-2月，全国新增投运规模16.3GWh。\n")
    assert (r[0]["year"], r[0]["role"]) == (2026, "level")
    # 超预期 is no target cue; a target named after its figure is one
    r = run("报告\n一、需求\n电力需求超预期增长，2025年全球数据中心用电量约为460TWh。\n")
    assert r[0]["role"] == "level"
    r = run("报告\n一、信贷\n2025年初，省级层面确定全年本外币各项贷款增长9%以上的预期目标。\n")
    assert (r[0]["role"], r[0]["metric"]) == ("target", "本外币各项贷款增长")


def test_a_budget_and_its_completion_are_the_measure_before_them():
    r = run(
        "报告\n一、支出\n2025年，全省一般公共预算支出8215.7亿元，为调整预算8487.3亿元的96.8%，增长4.6%。\n"
    )
    assert [(x["text"], x["metric"]) for x in r] == [
        ("8215.7亿元", "一般公共预算支出"),
        ("8487.3亿元", "一般公共预算支出调整预算"),
        ("96.8%", "一般公共预算支出调整预算"),
        ("4.6%", "一般公共预算支出增长"),
    ]
    assert r[2]["metric_key"] == "一般公共预算支出调整预算完成率"


def test_an_age_bracket_names_a_group_and_a_target_table_holds_targets():
    r = run("青年就业调研报告\n一、对象\n调查对象为年龄在16—35岁、常住我省且不在校的青年，共3186人。\n")
    assert [x["text"] for x in r] == ["3186人"]
    assert [x["text"] for x in run("报告\n一、寿命\n人均预期寿命为79.2岁。\n")] == ["79.2岁"]
    text = (
        "环境、社会及管治报告\n一、目标\n表4：环境目标进度\n目标 | 基准年（2020年） | 2025年表现 | 进度\n"
        "到2030年用水强度减少25% | 68.40 | 49.80 | 已提前达成\n"
        "2025年可再生能源电力占总用电量比例达到20% | — | 16.8% | 已达成\n"
    )
    roles = {x["text"]: x["role"] for x in run(text)}
    assert roles["20%"] == "target" and roles["25%"] == "target"
    assert roles["49.80"] == "level"


def test_macao_and_hong_kong_forms():
    # 首十個月 names a period; 伙 counts flats; 恢复至2019年 is a recovery, not a deadline
    r = run("施政報告\n一、回顧\n2025年首十個月，共有5,220伙公共房屋落成交付。\n")
    assert [(x["text"], x["unit"]) for x in r] == [("5,220伙", "伙")]
    r = run("施政報告\n一、旅遊\n2024年，本澳全年入境旅客為3,490萬人次，恢復至2019年3,940萬人次的88.6%。\n")
    assert [x["role"] for x in r] == ["level", "level", "level"]
