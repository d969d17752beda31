"""Entity (scope) and metric readings, and Traditional text read through the Simplified shadow."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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
    ("title", "key"),
    [
        ("安澜市2025年国民经济和社会发展统计公报", "安澜市"),  # a city the gazetteer lacks
        ("2026年苕溪县人民政府工作报告", "苕溪县"),
        ("城市2025年数字化发展报告", "全市"),  # 城市 is no place: 全市 stays unresolved
        ("全市2025年统计公报", "全市"),
        ("2025年岚州市生态环境状况公报", "岚州市"),  # after the year, before any report's words
        ("关于澜江省2025年预算执行情况和2026年预算草案的报告", "澜江省"),
        ("东陵省金融运行报告（2026）", "东陵省"),
        ("2025年智慧城市发展报告", "全市"),  # 智慧城市 is no place
    ],
)
def test_a_title_opening_with_an_unlisted_place_scopes_the_document(title, key):
    recs = run(f"{title}\n一、综合\n2025年全市地区生产总值3268.52亿元，比上年增长6.1%。")
    assert {r["entity_key"] for r in recs} == {key}


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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "2025年,六大优势产业、高技术制造业、绿色低碳优势产业增加值分别增长6.8%、12.3%、7.8%。",
            [
                ("6.8%", "六大优势产业增加值增长"),
                ("12.3%", "高技术制造业增加值增长"),
                ("7.8%", "绿色低碳优势产业增加值增长"),
            ],
        ),
        (
            "城镇和农村居民人均可支配收入分别增长4.5%和6.2%。",
            [("4.5%", "城镇居民人均可支配收入增长"), ("6.2%", "农村居民人均可支配收入增长")],
        ),
        (
            "原煤、原油、天然气产量分别达到7000万吨、1280万吨、10亿立方米。",
            [("7000万吨", "原煤产量"), ("1280万吨", "原油产量"), ("10亿立方米", "天然气产量")],
        ),
        (
            "生产安全事故起数、死亡人数分别下降15.2%、13.3%。",
            [("15.2%", "生产安全事故起数下降"), ("13.3%", "死亡人数下降")],
        ),
        (
            "累计接待游客17.52亿人次、旅游花费1.27万亿元,分别增长32.9%、41.6%。",
            [
                ("17.52亿人次", "累计接待游客"),
                ("1.27万亿元", "旅游花费"),
                ("32.9%", "累计接待游客增长"),
                ("41.6%", "旅游花费增长"),
            ],
        ),
    ],
)
def test_respectively_hands_each_figure_its_own_subject(sentence, expected):
    assert [(r["text"], r["metric"]) for r in run(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "城乡居民人均可支配收入分别增长5.3%、7%。",
            [("5.3%", "城镇居民人均可支配收入增长"), ("7%", "农村居民人均可支配收入增长")],
        ),
        (
            "城鄉居民人均可支配收入分別增長5.3%、7%。",
            [("5.3%", "城鎮居民人均可支配收入增長"), ("7%", "農村居民人均可支配收入增長")],
        ),
        (
            "金融机构本外币存贷款余额分别增长8.1%和9.5%。",
            [("8.1%", "金融机构本外币存款余额增长"), ("9.5%", "金融机构本外币贷款余额增长")],
        ),
        # figures with qualifiers (targets) are a list all the same
        (
            "城乡居民人均可支配收入分别增长7%左右和8%左右。",
            [("7%", "城镇居民人均可支配收入增长"), ("8%", "农村居民人均可支配收入增长")],
        ),
        # 产销 is production and sales; an adverb alone before 分别 names no subject, so the growths take
        # the figures just before
        (
            "新能源汽车产销分别完成958.7万辆和949.5万辆，同比分别增长35.8%和37.9%。",
            [
                ("958.7万辆", "新能源汽车产量"),
                ("949.5万辆", "新能源汽车销量"),
                ("35.8%", "新能源汽车产量增长"),
                ("37.9%", "新能源汽车销量增长"),
            ],
        ),
        ("汽车产销量分别为3016万辆和3009万辆。", [("3016万辆", "汽车产量"), ("3009万辆", "汽车销量")]),
        # three figures, a contraction of two: not guessed
        ("城乡低保标准分别提高48%、45.5%、12%。", None),
    ],
)
def test_respectively_after_a_contraction_gives_each_figure_its_word(sentence, expected):
    got = [(r["text"], r["metric"]) for r in run(sentence)]
    if expected is None:
        assert all("城镇" not in m and "农村" not in m for _, m in got)
    else:
        assert got == expected


def test_respectively_over_places_gives_each_figure_its_place():
    got = [
        (r["text"], r["entity_key"], r["metric"])
        for r in run("2024年上海市、浙江省政务服务网办率分别达到92%、88%。")
    ]
    assert got == [("92%", "上海市", "政务服务网办率"), ("88%", "浙江省", "政务服务网办率")]


def test_a_list_of_bare_numbers_takes_the_unit_written_once():
    got = [(r["text"], r["value"], r["unit"]) for r in run("办理时限分别压缩至3、5、8个工作日。")]
    assert got == [("3", 3.0, "个工作日"), ("5", 5.0, "个工作日"), ("8个工作日", 8.0, "个工作日")]


@pytest.mark.parametrize(
    ("sentence", "start", "end", "metric", "years"),
    [
        # A count's "noun after" is the change verb here, not what is counted: both ends take the subject.
        ("规模以上工业企业从1832户增加到3382户。", "1832户", "3382户", "规模以上工业企业", (None, None)),
        ("全国重点实验室由7家增至16家。", "7家", "16家", "重点实验室", (None, None)),
        # A dated end (增长到2025年的…) does not leave the verb in the metric.
        (
            "全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。",
            "3.68万亿元",
            "4.93万亿元",
            "生产总值",
            (2020, 2025),
        ),
        ("资金拨付周期从30天缩短至3天。", "30天", "3天", "资金拨付周期", (None, None)),
    ],
)
def test_both_ends_of_a_change_share_the_subject(sentence, start, end, metric, years):
    a, b = one(sentence, start), one(sentence, end)
    assert (a["role"], b["role"]) == ("from", "to")
    assert (a["metric"], b["metric"]) == (metric, metric)
    assert (a["year"], b["year"]) == years


def test_a_population_group_does_not_carry_past_its_list_item():
    """城市社区 scopes its own item of a semicolon list, not the items after it (the report's place does)."""
    text = (
        "2026年重庆市政府工作报告\n时间：2026-01-30\n"
        "今年办好民生实事，城市社区普惠性托育服务点覆盖率达到55%；\n实施农村供水工程500处；\n"
    )
    recs = run(text)
    assert [(r["text"], r["entity_key"]) for r in recs] == [("55%", "城市社区"), ("500处", "重庆市")]


@pytest.mark.parametrize(
    ("sentence", "figure", "metric"),
    [
        # a gap over a place: the previous figure's measure, compared with that place
        ("全市地区生产总值增长5.4%、高于全国0.4个百分点。", "0.4个百分点", "地区生产总值增长高于全国"),
        ("民間投資增長10.2%、快於全國9.2個百分點。", "9.2個百分點", "民間投資增長快於全國"),
        # an action with a physical quantity: what was done follows the figure
        ("完成46.1万亩高标准农田建设。", "46.1万亩", "完成高标准农田建设"),
        ("完成141公里架空线入地。", "141公里", "完成架空线入地"),
        # ...but not a clause of its own after it, nor after a subject that is more than an action
        ("筹措2.29亿元实施文体惠民工程。", "2.29亿元", "筹措"),
        ("营造林92.1万亩。", "92.1万亩", "营造林"),
        # what lasted, after 连续 and a length of time
        ("高技术制造业增加值连续24个月保持两位数增长。", "24个月", "高技术制造业增加值连续保持两位数增长"),
        ("北京连续9年稳居自然指数榜首。", "9年", "连续稳居自然指数榜首"),
        # 发达 is a word, not 发 followed by the verb 达
        ("强化39个欠发达县域托底性帮扶。", "39个", "欠发达县域托底性帮扶"),
        # a share of the previous figure's measure (not of its change), without the predicate words
        ("棉花总产616.5万吨、占全国92.8%。", "92.8%", "棉花总产占全国"),
        ("无人机产量增长39%、占全国9成。", "9成", "无人机产量占全国"),
        ("五年生产原煤65亿吨，占全国近三成。", "三成", "五年生产原煤占全国"),
        # the previous figure's qualifier is not the next one's subject
        ("培育创新型中小企业300家以上、专精特新中小企业200家以上。", "200家", "专精特新中小企业"),
        ("确保全年实施重大项目3600个左右、完成投资1万亿元以上。", "1万亿元", "完成投资"),
        # 完成 after a subject is its verb; alone it is the action (above)
        ("全省固定资产投资完成1.2万亿元。", "1.2万亿元", "固定资产投资"),
        # the place a share is of is part of the measure
        ("上海市算力规模占全国的33%。", "33%", "算力规模占全国的"),
        ("我国算力规模占全球的33%。", "33%", "算力规模占全球的"),
        # a share given again for another place is the same share, not a share of a share
        ("东部地区数字经济规模占比58.2%，中部地区占比21.3%，西部占比17.5%。", "17.5%", "数字经济规模占比"),
        # a range's 之间 is not what it is a share of
        ("年均增速保持在15%-20%之间。", "20%", "年均增速"),
        # the next object of the same action
        ("完成2100万千瓦火电机组、2812万吨钢铁产能、395台燃煤锅炉超低排放改造。", "2812万吨", "完成钢铁产能"),
    ],
)
def test_metric_of_a_comparison_or_an_action_reads_what_it_measures(sentence, figure, metric):
    assert one(sentence, figure)["metric"] == metric


def test_traditional_gazetteer_names_are_current() -> None:
    """places_traditional.tsv is what OpenCC's s2t makes of every gazetteer name and key (after editing
    places.tsv: `python -c "from statlint.extract import scope; scope.write_traditional_names()"`)."""
    from statlint.extract import scope

    assert scope.TRADITIONAL_NAMES.read_text("utf-8") == scope.traditional_names_text()


def test_traditional_entities_come_from_the_text_or_the_gazetteer_not_opencc() -> None:
    """A Traditional report's entities are written as the report writes them (全國), or as the gazetteer's
    Traditional name when the report only abbreviates it (黔東南 for 黔东南苗族侗族自治州): parsing such a
    report does not load OpenCC's Simplified-to-Traditional dictionaries (~27 MB a process)."""
    code = (
        "import json, sys\n"
        "from statlint.normalize import normalize\n"
        "from statlint.structure import analyse\n"
        "import statlint.extract as ex\n"
        "clean = normalize(sys.stdin.read())\n"
        "recs = ex.extract_statistics(clean, analyse(clean))\n"
        "print(json.dumps([[r['entity'], r['entity_key']] for r in recs]))\n"
        "print(ex._s2t.cache_info().currsize)\n"
    )
    text = "貴州省政府工作報告\n黔東南州地區生產總值增長5.1%。全國糧食產量達7億噸。某自治州完成造林3萬畝。\n"
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=text,
        capture_output=True,
        text=True,
        env={**os.environ, "STATLINT_PURE_PYTHON": "1"},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    rows, loaded = out.stdout.splitlines()
    entities = [tuple(e) for e in json.loads(rows)]
    assert entities and all(e is not None and "国" not in e and "东" not in e for e, _ in entities)
    assert loaded == "0"


def test_an_organisation_is_the_scope_of_its_own_clause_not_what_it_counts():
    recs = run("美团、饿了么等平台骑手超过100万人，某企业员工达到3000人。")
    expected = [("100万人", "美团、饿了么等平台"), ("3000人", "某企业")]
    assert [(r["text"], r["entity"]) for r in recs] == expected
    # a class of enterprises is what is measured, not a scope
    recs = run("从企业类型看，国有企业占比约为三成，民营企业占比超过六成。")
    assert [(r["text"], r["entity"], r["metric"]) for r in recs] == [
        ("三成", None, "国有企业占比"),
        ("六成", None, "民营企业占比"),
    ]
    counted = run("培育创新型中小企业300家以上、专精特新中小企业200家以上。")
    assert [r["entity"] for r in counted] == [None, None]


@pytest.mark.parametrize(
    ("sentence", "figure", "metric"),
    [
        # a count of administrative divisions: a noun of one character
        ("13个县被命名为示范区，9个县（区）获评基地。", "9个", "县"),
        # 全国 may open what is counted
        ("牵头建设44家全国重点实验室。", "44家", "重点实验室"),
        # a headcount without a unit counts the noun after it when nothing before names a measure
        ("450万困难群众纳入城乡低保，为138万残疾人发放生活补贴。", "138万", "残疾人"),
        ("450万困难群众纳入城乡低保。", "450万", "困难群众"),
        ("51万新就业形态人员纳入职业伤害保障。", "51万", "新就业形态人员"),
        # ...but not when a measure is named before it, nor after another figure of its clause
        ("投资3000万建设污水处理厂。", "3000万", "投资"),
        ("经济总量连续迈上4万亿、5万亿两个台阶。", "5万亿", "经济总量连续迈上"),
    ],
)
def test_what_a_count_counts_may_follow_it(sentence, figure, metric):
    assert one(sentence, figure)["metric"] == metric


def test_a_threshold_before_a_noun_is_no_headcount():
    assert one("20万以上人口县实现特殊教育学校全覆盖。", "20万")["metric"] != "以上人口县实现特殊教育学"


def test_a_compass_region_inside_a_provincial_area_is_no_scope():
    """川东北 is part of Sichuan, not the country's 东北; 东北地区 alone still is."""
    r = one("川东北经济区经济总量突破9000亿元。", "9000亿元")
    assert r["entity_key"] != "东北地区" and r["metric"] == "川东北经济区经济总量"
    assert one("东北地区经济总量突破9000亿元。", "9000亿元")["entity_key"] == "东北地区"


def test_a_change_after_a_placed_figure_is_of_that_place():
    r = one("排在第三的是印度尼西亚的16.23万份，约增15%。", "15%")
    assert (r["entity"], r["role"]) == ("印度尼西亚", "delta")


@pytest.mark.parametrize(
    ("sentence", "figure", "metric"),
    [
        ("2020-2025年复合增长率为14.2%。", "14.2%", "复合增长率"),
        ("2020年至2025年全省研发投入年均增长8%。", "8%", "研发投入年均增长"),
        ("GDP总量为126.06万亿元，按不变价格计算比上年增长5.2%。", "5.2%", "GDP总量增长"),
        ("营收同比+12.3%。", "12.3%", "营收"),
        ("第四季度毛利率16.4%低于全年的21.9%。", "16.4%", "第四季度毛利率"),
        ("过半数居民表示满意。", "半数", "居民表示满意"),
        ("“非常满意”与“比较满意”合计占71.2%。", "71.2%", "非常满意与比较满意"),
        ("网上可办率 ≥95%。", "95%", "网上可办率"),
        ("1. 5G基站总数达到425万个", "425万个", "5G基站总数"),  # a list's number and bullet
        ("- 数字经济占GDP比重为 42.8%；", "42.8%", "数字经济占GDP比重"),
        ("> 千兆用户突破1.6亿户", "1.6亿户", "千兆用户"),
        (
            "国内生产总值年均增长8.9%，占世界经济的比重由1.7%提高到17%左右。",
            "17%",
            "国内生产总值占世界经济的比重",
        ),
        ("每年新增上云企业不少于1万家。", "1万家", "每年新增上云企业"),
        ("2024年，全市实现地区生产总值12,345.67亿元。", "12,345.67亿元", "地区生产总值"),
        ("某市通过数据共享将企业开办时间由15个工作日压缩至1个工作日。", "1个工作日", "企业开办时间"),
        ("参保人数将近由100人增至200人。", "200人", "参保人数"),  # 将近 is no disposal 将
    ],
)
def test_metric_leaves_out_ranges_price_bases_signs_and_comparisons(sentence, figure, metric):
    assert one(sentence, figure)["metric"] == metric


def test_respectively_takes_the_places_the_clause_before_lists():
    recs = run("分省份看，广东、浙江、上海位居前三，得分分别为89.1分、88.7分和87.9分。")
    assert [(r["text"], r["entity_key"]) for r in recs] == [
        ("89.1分", "广东省"),
        ("88.7分", "浙江省"),
        ("87.9分", "上海市"),
    ]


def test_two_directions_together_are_no_region():
    r = one("东西部差距较2020年缩小了3.4分。", "3.4分")
    assert r["entity_key"] != "西部" and r["metric"] == "东西部差距缩小"


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        (
            "全国三级医院中开展远程医疗服务的比例为92.3%，较2019年提高21.5个百分点，2019年该比例为68.8%。",
            "68.8%",
            "三级医院中开展远程医疗服务的比例",
        ),
        ("2023年全省森林覆盖率达到62.1%。2020年这一比例为58.3%。", "58.3%", "森林覆盖率"),
        ("2023年新增就业岗位12万个，上述数字为历年最高。", "12万个", "新增就业岗位"),
    ],
)
def test_a_measure_named_by_pointing_back_is_the_one_just_given(text, figure, metric):
    assert one(text, figure)["metric"] == metric


def test_a_pointing_back_measure_does_not_reach_into_another_paragraph():
    recs = run("2023年全省森林覆盖率达到62.1%。\n2020年该比例为58.3%。")
    assert recs[-1]["metric"] != "森林覆盖率"


def test_a_base_value_before_its_change_is_the_start_and_a_parenthetical_does_not_cut_the_subject():
    recs = run(
        "2023年，新能源汽车新车销量占汽车新车总销量的比重（即市场渗透率）达到31.6%，较2019年的4.7%提高26.9个百分点。"
    )
    assert [(r["text"], r["role"], r["year"]) for r in recs] == [
        ("31.6%", "level", 2023),
        ("4.7%", "from", 2019),
        ("26.9个百分点", "delta", 2023),
    ]
    assert recs[0]["metric"].startswith("新能源汽车新车销量") and recs[1]["metric"] == recs[0]["metric"]


@pytest.mark.parametrize(
    ("text", "roles", "metric"),
    [
        ("平均等待时间由2019年的52天缩短为2023年的34天。", ["from", "to"], "平均等待时间"),
        ("续驶里程由2019年的约350公里提升至2023年的约450公里。", ["from", "to"], "续驶里程"),
        ("民国112年服务等待天数由108年之52天缩短为112年之34天。", ["from", "to"], "服务等待天数"),
    ],
)
def test_a_change_end_written_with_wei_or_after_a_qualifier_keeps_the_measure(text, roles, metric):
    recs = run(text)
    assert [r["role"] for r in recs] == roles and {r["metric"] for r in recs} == {metric}


def test_a_target_named_as_a_noun_covers_only_its_clause():
    recs = run("2023年度A级单位原订目标为700处，至2023年底实际布建727处。")
    assert [(r["text"], r["role"], r["metric"]) for r in recs] == [
        ("700处", "target", "A级单位原订目标"),
        ("727处", "level", "实际布建"),
    ]


def test_taiwan_cities_are_places():
    recs = run("民國112年臺中市長照服務使用人數達5萬8,214人，高雄市為5萬5,937人。")
    assert [r["entity_key"] for r in recs] == ["台中市", "高雄市"]


def test_a_provincial_report_gives_the_nation_its_own_measure_but_not_its_names():
    recs = run(
        "安徽省数字经济发展行动计划\n一、基础\n据测算，2023年全国数字经济规模53.9万亿元。"
        "全国文明城市增至37座。\n"
    )
    assert [(r["text"], r["entity_key"]) for r in recs] == [("53.9万亿元", "全国"), ("37座", "安徽省")]


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        ("分行业看，设施栽培信息化率最高，为45.6%。", "45.6%", "设施栽培信息化率"),
        (
            "我国智慧农业市场规模逐年攀升，由2020年的623.4亿元增至2023年的1025.6亿元。",
            "623.4亿元",
            "智慧农业市场规模",
        ),
    ],
)
def test_a_clause_of_only_a_link_measures_the_clause_before(text, figure, metric):
    assert one(text, figure)["metric"] == metric


def test_a_figure_opening_its_own_clause_keeps_its_own_words():
    assert one("构建开放型汽车生态实验室体系，20多项全球首发技术装车应用。", "20多项")["metric"] != (
        "构建开放型汽车生态实验室体系"
    )


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        ("若按全国新能源汽车保有量2014万辆计算，车桩比约为2.3:1。", "2014万辆", "新能源汽车保有量"),
        ("若按全国新能源汽车保有量2014万辆计算，车桩比约为2.3:1。", "2.3:1", "车桩比"),
    ],
)
def test_a_reckoning_basis_and_a_ratio_before_an_approximation_keep_their_measure(text, figure, metric):
    assert one(text, figure)["metric"] == metric


@pytest.mark.parametrize(
    ("sentence", "figure", "entity", "metric"),
    [
        # a county named under its province is the scope, not the province
        ("山东省寿光市蔬菜交易量达到650万吨。", "650万吨", "寿光市", "蔬菜交易量"),
        # a place after 对 is the partner the measure names, not the scope
        ("2024年对美国出口为1,113亿美元。", "1,113亿美元", None, "对美国出口"),
        # the places of a list before a total are its scope together, not the last of them
        (
            "2023年广东、江苏、上海3省市数字经济规模合计15.5万亿元。",
            "15.5万亿元",
            "广东、江苏、上海",
            "数字经济规模",
        ),
    ],
)
def test_scope_and_measure_of_places_in_the_clause(sentence, figure, entity, metric):
    r = one("统计公报\n我国数据。\n" + sentence, figure)
    assert (r["entity"], r["metric"]) == (entity, metric)


def test_a_report_in_the_roc_calendar_is_taiwans() -> None:
    text = "國民所得統計\n發布日期：中華民國114年2月14日\n113年實質GDP為23兆2,142億元，較112年成長3.82%。\n"
    assert {(r["text"], r["entity"]) for r in run(text)} >= {("23兆2,142億元", "臺灣"), ("3.82%", "臺灣")}


def test_the_parts_of_the_place_firms_and_markets_are_not_its_scope():
    recs = run(
        "2025年岚州市生态环境状况公报\n一、空气\n2025年，全市优良天数比例为88.2%。"
        "2025年，8个县（区）优良天数比例在89.3%～95.6%之间。全市国土面积12480平方千米，辖8个县（区），"
        "常住人口286.4万人。\n"
    )
    got = {r["text"]: (r["entity_key"], r["metric"]) for r in recs}
    assert got["88.2%"] == ("岚州市", "优良天数比例")
    assert got["89.3%"] == ("各县(区)", "优良天数比例") and got["95.6%"][0] == "各县(区)"
    assert got["286.4万人"][0] == "岚州市"  # 辖8个县（区）: an object, not the subject
    recs = run(
        "储能行业深度报告\n1 格局\n2025年全球新型储能新增装机268.4GWh。"
        "宁德时代储能电池出货量约152.6GWh。\n"
        "6 重点公司\n6.1 宁德时代（300750.SZ）：全球储能电池龙头\n2025年公司全球市占率29.8%。\n"
        "6.2 阳光电源（300274.SZ）：储能系统龙头\n2025年公司国内市场份额9.1%。\n"
        "6.3 亿纬锂能（300014.SZ）：跻身全球前三\n2025年公司全球市占率11.9%。\n"
    )
    got = {r["text"]: r["entity_key"] for r in recs}
    assert got["268.4GWh"] == "全球"
    assert got["152.6GWh"] != "宁德市"  # 宁德时代 is a firm
    assert (got["29.8%"], got["9.1%"], got["11.9%"]) == ("宁德时代", "阳光电源", "亿纬锂能")
