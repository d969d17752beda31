"""Entity (scope) and metric readings, and Traditional text read through the Simplified shadow."""

from __future__ import annotations

import pytest

from tests.extract.helpers_extract import one, run


@pytest.mark.parametrize(
    ("sentence", "figure", "entity", "key"),
    [
        ("2022年我国数字经济规模达50.2万亿元。", "50.2万亿元", "全国", "全国"),
        ("2025年上海一网通办服务满意率达98%。", "98%", "上海", "上海市"),
        ("2025年上海市一网通办服务满意率达98%。", "98%", "上海市", "上海市"),
        ("某省医保部门与民政部门的数据互通率仅45%。", "45%", "某省", "某省"),
        ("2024年东部省份政务服务网办率达92%,而西部省份仅为65%。", "65%", "西部省份", "西部省份"),
        ("2025年城市地区数字服务覆盖率达95%,农村地区为70%。", "70%", "农村地区", "农村地区"),
        ("2025年“粤省事”平台月活用户突破8000万。", "8000万", "广东省", "广东省"),
        ("2024年新加坡招募5000名市民参与传感器布点。", "5000名", "新加坡", "新加坡"),
    ],
)
def test_entity(sentence, figure, entity, key):
    r = one(sentence, figure)
    assert (r["entity"], r["entity_key"]) == (entity, key)


def test_comparison_place_is_not_the_scope():
    text = "2026年北京市政府工作报告\n全市地区生产总值增长5.4%、高于全国0.4个百分点。"
    recs = run(text)
    assert [(r["text"], r["entity_key"]) for r in recs] == [("5.4%", "北京市"), ("0.4个百分点", "北京市")]


@pytest.mark.parametrize(
    ("sentence", "figure", "metric"),
    [
        ("据中国信息通信研究院数据,2022年我国数字经济规模达50.2万亿元。", "50.2万亿元", "数字经济规模"),
        ("数字技术对经济增长的贡献率超过70%。", "70%", "数字技术对经济增长的贡献率"),
        ("2024年全国政务云平台实现31个省份全覆盖。", "31个", "省份"),
        ("社区数字议事平台覆盖全国60%以上的城市社区。", "60%", "社区数字议事平台覆盖城市社区"),
        ("2024年深圳市识别城中村300余处消防隐患点。", "300余处", "消防隐患点"),
        ("技术支撑方面,智能客服问题解决率达85%。", "85%", "智能客服问题解决率"),
    ],
)
def test_metric(sentence, figure, metric):
    r = one(sentence, figure)
    assert r["metric"] == metric
    assert r["metric_key"] == metric


def test_metric_key_drops_year_entity_and_quotes():
    r = one("2025年全国政务服务“一网通办”率达92%。", "92%")
    assert r["metric_key"] == "政务服务一网通办率"


def test_traditional_text_reports_document_characters_and_simplified_keys():
    r = one("2022年我國數字經濟規模達50.2萬億元,占GDP比重提升至41.5%。", "50.2萬億元")
    assert (r["unit"], r["entity"], r["entity_key"]) == ("元", "全國", "全国")
    assert (r["metric"], r["metric_key"]) == ("數字經濟規模", "数字经济规模")
    days = one("2024年跨層級數據調用平均耗時達3個工作日。", "3個工作日")
    assert (days["unit"], days["unit_family"], days["value"]) == ("個工作日", "duration", 3)


def test_review_flag_on_ambiguous_multiples():
    r = one("2025年流调效率提升3倍。", "3倍")
    assert r["needs_review"] is True
    assert 0 <= r["confidence"] <= 1
    plain = one("2025年全国政务服务网办率达92%。", "92%")
    assert plain["needs_review"] is False


def test_section_heading_place_is_the_default_scope():
    text = (
        "某研究报告\n五、国外案例\n1.新加坡“智慧国”建设\n"
        "2024年SingPass数字身份覆盖全国95%家庭,居民凭单一ID完成2000项服务。\n"
        "2.国内对照\n2024年社区服务覆盖率达80%。"
    )
    got = [(r["text"], r["entity_key"]) for r in run(text)]
    assert got == [("95%", "新加坡"), ("2000项", "新加坡"), ("80%", None)]


WORK_REPORT = (
    "政府工作报告\n——2026年1月28日在云南省第十四届人民代表大会第四次会议上\n各位代表：\n"
    "一、2025年工作回顾\n"
    "全省生产总值增长5.1%。我省粮食产量达1970万吨,居全国第2位。云南咖啡产值增长3倍。\n"
    "全省新增高新技术企业1200家。本省城镇新增就业52万人。昆明市地铁运营里程达165公里。\n"
    "全省森林覆盖率达65%,云南生态环境持续向好,云南省空气质量优良天数比率98.7%。\n"
    "全国重点实验室达8家,民间投资增长2.7%,高出全国平均水平9.1个百分点。\n"
)


def test_a_report_titled_without_a_place_is_about_the_place_it_calls_itself():
    got = {r["text"]: r["entity_key"] for r in run(WORK_REPORT)}
    assert got["1970万吨"] == "云南省"  # 全国 here is only a comparison (居全国第2位)
    assert got["1200家"] == "云南省"
    assert got["165公里"] == "昆明市"  # a place named in the clause still wins
    # in a provincial report 全国 only names or compares
    assert (got["8家"], got["2.7%"], got["9.1个百分点"]) == ("云南省", "云南省", "云南省")


def test_a_national_report_is_not_given_the_place_it_cites_most():
    text = (
        "数字政府建设研究报告\n一、总体情况\n2024年我国政务服务网办率达92%。上海市“一网通办”接入事项3600项。"
        "上海市日均办件量超10万件。浙江省全省通办事项达800项。\n"
    )
    got = {r["text"]: r["entity_key"] for r in run(text)}
    assert got["92%"] == "全国"
    assert got["800项"] == "浙江省"
