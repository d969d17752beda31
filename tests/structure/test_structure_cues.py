"""Headings, windows and dates read from cues in the text, whatever the wording."""

from __future__ import annotations

import pytest

from statlint.normalize import normalize
from statlint.structure import analyse


def _st(text: str):
    return analyse(normalize(text))


def test_four_heading_levels_and_numbered_paragraphs() -> None:
    st = _st(
        "报告标题\n一、总论\n（一）背景\n1.技术发展\n（1）第一点。正文很长的一段话，说明一些事情。\n"
        "2、国家战略\n（二）目的\n二、现状\n正文。"
    )
    assert [(s.level, s.path, s.title) for s in st.sections] == [
        (1, "一", "总论"),
        (2, "一/一", "背景"),
        (3, "一/一/1", "技术发展"),
        (4, "一/一/1/1", "第一点"),
        (3, "一/一/2", "国家战略"),
        (2, "一/二", "目的"),
        (1, "二", "现状"),
    ]
    para = next(s for s in st.sentences if s.text.startswith("正文很长"))
    assert para.section_path == "一/一/1/1" and not para.is_heading
    assert st.sentences[-1].section_path == "二"


def test_chapters_hold_their_sections() -> None:
    st = _st(
        "# 数字经济发展规划\n## 第一章　发展基础\n### 第一节　发展成就\n正文。\n"
        "### 第二节　面临形势\n正文。\n## 第二章　总体要求\n### 第一节　指导思想\n正文。"
    )
    assert [(s.level, s.path, s.title) for s in st.sections] == [
        (1, "一", "发展基础"),
        (2, "一/一", "发展成就"),
        (2, "一/二", "面临形势"),
        (1, "二", "总体要求"),
        (2, "二/一", "指导思想"),
    ]


def test_decimals_and_years_are_not_headings() -> None:
    st = _st("标题\n一、总论\n2.5万亿元的规模在2023年形成。\n2023年增长。")
    assert [s.path for s in st.sections] == ["一"]


def test_appendix_numbering_does_not_pose_as_the_reports() -> None:
    st = _st(
        "标题\n一、回顾\n正文。\n二、任务\n正文。\n附件1\n一、民生实事\n名词解释\n1.“双一流”：一流大学。"
    )
    assert [(s.level, s.path) for s in st.sections] == [
        (1, "一"),
        (1, "二"),
        (1, "附件1"),
        (2, "附件1/一"),
        (1, "名词解释"),
        (4, "名词解释/1"),
    ]


def test_bare_headings_when_the_page_dropped_the_numbers() -> None:
    body = (
        "各位代表：\n现在我代表省政府报告工作。\n“十四五”时期工作回顾\n"
        + "五年来成绩显著，经济总量增长。" * 3
    )
    st = _st("2026年某省政府工作报告\n" + body + "\n2026年重点工作\n" + "今年要做好以下工作，稳增长。" * 3)
    assert [(s.path, s.title) for s in st.sections] == [
        ("[1]", "“十四五”时期工作回顾"),
        ("[2]", "2026年重点工作"),
    ]
    assert st.title == "2026年某省政府工作报告"


def test_dated_part_headings_above_numbered_sections() -> None:
    """A report whose numbered sections sit under bare dated parts (the Inner Mongolia report of 2026): the
    parts are top-level sections and the numbered ones their children."""
    body = (
        "各位代表：\n现在我代表自治区人民政府向大会报告工作。\n“十四五”时期发展成就和2025年工作回顾\n"
        + "五年来成绩显著，经济总量增长。" * 3
        + "\n“十五五”时期主要目标和2026年重点工作\n今年要做好以下工作。\n一、稳增长\n（一）扩大投资。正文。"
        + "\n二、惠民生\n正文。"
    )
    st = _st("2026年某自治区政府工作报告\n" + body)
    assert [(s.level, s.path) for s in st.sections] == [
        (1, "[1]"),
        (1, "[2]"),
        (2, "[2]/一"),
        (3, "[2]/一/一"),
        (2, "[2]/二"),
    ]


def test_one_dated_line_among_numbered_sections_is_no_part() -> None:
    body = "各位代表：\n2025年工作回顾\n" + "成绩显著，经济增长。" * 3
    st = _st("标题\n" + body + "\n一、回顾\n正文。\n二、任务\n正文。")
    assert [(s.level, s.path) for s in st.sections] == [(1, "一"), (1, "二")]


@pytest.mark.parametrize(
    ("sentence", "window"),
    [
        ("时间范围：本报告研究数据主要来源于2018年至2023年。", (2018, 2023)),
        ("本研究的样本期为2015—2022年。", (2015, 2022)),
        ("研究时段覆盖2010-2020年间的政策文本。", (2010, 2020)),
        ("時間範圍：本報告研究數據主要來源於2019年至2024年。", (2019, 2024)),
        ("统计期：2020年到2021年。", (2020, 2021)),
        ("数据时间范围为2019年1月至2023年12月。", (2019, 2023)),
    ],
)
def test_window_cues(sentence: str, window: tuple[int, int]) -> None:
    st = _st("标题\n一、总论\n背景。\n" + sentence)
    assert st.window == window
    assert st.sentences[st.window_sentence_id].text.startswith(sentence[:3])


def test_a_window_in_roc_years_is_read_in_the_common_era() -> None:
    st = _st("臺灣數位發展報告\n一、總論\n研究期間為民國107年至112年。\n113年失業率3.38%。")
    assert st.roc_years and st.window == (2018, 2023)


@pytest.mark.parametrize(
    ("text", "roc"),
    [
        ("民國113年底人口為2,340萬人。", True),
        ("電商市場規模約新臺幣4,500億元。", True),
        ("111年度預算。112年度決算。112年底人口。", True),  # dated 1xx年 three times
        ("建党100年来，112年历史的老校焕发新生。", False),
        ("2024年经济增长5%。", False),
    ],
)
def test_roc_calendar_is_recognised_only_from_its_cues(text: str, roc: bool) -> None:
    assert _st("标题\n" + text).roc_years is roc


def test_year_ranges_without_a_cue_are_no_window() -> None:
    assert _st("标题\n2018年至2023年，经济增长了30%。").window is None


@pytest.mark.parametrize(
    ("text", "date", "kind"),
    [
        (
            "政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n各位代表：",
            "2026-01-25",
            "delivered",
        ),
        (
            "政府工作报告\n——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会\n各位代表：",
            "2026-01-27",
            "delivered",
        ),
        (
            "政府工作报告\n2026年2月3日在四川省第十四届人民代表大会第五次会议上\n各位代表：",
            "2026-02-03",
            "delivered",
        ),
        ("某某通知\n发布日期：2025年3月1日\n正文。", "2025-03-01", "release"),
        ("某某意见\n成文日期：2024-12-30\n正文。", "2024-12-30", "release"),
        ("某新闻\n时间：2026-02-02\n正文很长的内容。", "2026-02-02", "page"),
        ("某新闻\n发表时间：\n2026-02-09 09:45:30\n正文。", "2026-02-09", "page"),
        ("某新闻\n2026年02月10日 07时41分\n正文。", "2026-02-10", "page"),
        (
            "关于某事的通知\n一、要求\n各地要落实。\n某某省人民政府办公厅\n2025年6月30日",
            "2025-06-30",
            "signed",
        ),
        # only a month: the date is as precise as the text
        ("長期照顧統計年報\n發布日期：中華民國113年5月\n正文。", "2024-05", "release"),
        ("长照年报\n发布日期：民国113年5月20日\n正文。", "2024-05-20", "release"),
        ("智慧农业发展报告\n发布日期：2024年6月\n正文。", "2024-06", "release"),
        ("新能源汽车产业研究报告\n某研究院\n2024年3月\n一、概况\n正文。", "2024-03", "cover"),
        (
            "研究报告\n一、概况\n正文一。\n二、结论\n正文二。\n某某研究院\n二〇二四年三月",
            "2024-03",
            "signed",
        ),
    ],
)
def test_publication_date_cues(text: str, date: str, kind: str) -> None:
    st = _st(text)
    assert (st.pub_date, st.pub_date_kind) == (date, kind)
    assert (
        date[:4] in st.sentences[st.pub_date_sentence_id].simp
        or "二〇二" in st.sentences[st.pub_date_sentence_id].simp
        or str(int(date[:4]) - 1911) in st.sentences[st.pub_date_sentence_id].simp  # the ROC calendar
    )


def test_a_month_in_the_text_is_no_publication_month() -> None:
    # a month line deep in the body, or a month inside a sentence, dates no report
    assert _st("报告\n一、概况\n2023年6月，全省启动试点。\n正文。").pub_date is None
    assert _st("某某通知\n发布日期：2025年3月1日\n2024年6月\n正文。").pub_date == "2025-03-01"


def test_delivered_date_preferred_to_page_date() -> None:
    st = _st("报告\n——2026年1月25日在某会议上\n来源：日报\n时间：2026-02-02\n各位代表：")
    assert (st.pub_date, st.pub_date_kind) == ("2026-01-25", "delivered")


def test_impossible_dates_are_ignored() -> None:
    assert _st("某新闻\n时间：2026-13-45\n正文。").pub_date is None


def test_title_skips_metadata_lines() -> None:
    st = _st("来源：某日报\n时间：2026-02-02\n2026年政府工作报告\n各位代表：")
    assert st.title == "2026年政府工作报告"


def test_markdown_headings() -> None:
    st = _st("# 数字政府报告\n## 一、总论\n### （一）背景\n正文。\n## 二、现状\n正文。")
    assert st.title == "数字政府报告"
    assert [(s.level, s.marker, s.path, s.title) for s in st.sections] == [
        (1, "一、", "一", "总论"),
        (2, "(一)", "一/一", "背景"),
        (1, "二、", "二", "现状"),
    ]


def test_page_metadata_sentences_are_marked() -> None:
    st = _st(
        "2026年某省政府工作报告\n发表时间：\n2026-02-09 09:45:30\n来源：某日报\n各位代表：\n今年增长5%。"
    )
    marked = [s.text for s in st.sentences if s.is_metadata]
    assert marked == ["发表时间:", "2026-02-09 09:45:30", "来源:某日报"]
    assert st.title == "2026年某省政府工作报告"


def test_a_title_copied_with_its_file_name_and_a_breadcrumb_above_it():
    raw = (
        "文档分享网 › 研究报告 › 汽车/交通\n中国新能源汽车产业发展研究报告（2019—2023年）.pdf\n"
        "一、概况\n正文。\n"
    )
    assert _st(raw).title == "中国新能源汽车产业发展研究报告(2019—2023年)"  # (width-normalized brackets)


def test_headings_numbered_as_an_outline() -> None:
    st = _st(
        "储能行业深度报告\n投资要点\n■ 全球储能装机延续高增。\n1 全球储能\n1.1 全球\n正文，数据如下。\n"
        "1.2 美国\n正文。\n2 中国储能\n2.1 装机规模\n正文。\n2.3配储比例与利用水平双升\n正文。\n"
        "1海博思创9.1%\n6 重点公司\n6.3 亿纬锂能（300014.SZ）：跻身全球前三\n正文。\n"
    )
    paths = [s.path for s in st.sections]
    assert paths[:6] == ["[1]", "1", "1/1", "1/2", "2", "2/1"]
    assert paths[6:] == ["2/3", "6", "6/3"]  # (the shadow text may lose the space: 2.3配储…)
    assert [s.level for s in st.sections] == [1, 1, 2, 2, 1, 2, 2, 1, 2]  # 1海博思创9.1%: a table row


def test_site_metadata_lines_are_no_title() -> None:
    st = _st(
        "岚州市人民政府门户网站\n首页 > 信息公开 > 生态环境\n"
        "索引号：11361100MB1D27458X/2026-08417　主题分类：生态环境\n"
        "发布机构：岚州市生态环境局　成文日期：2026-06-05\n2025年岚州市生态环境状况公报\n综　述\n"
        "2025年，全市生态环境质量持续改善。\n一、环境空气\n正文。\n"
    )
    assert st.title == "2025年岚州市生态环境状况公报"
    assert [s.title.replace(" ", "") for s in st.sections][:2] == ["综述", "环境空气"]
