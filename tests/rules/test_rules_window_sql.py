"""SL101/SL102 group and grade sentences in SQL: the SQL forms of the Python patterns match the same texts,
and the name tests (a year in a 《title》 or in a name such as 2035年远景目标) still keep those years out of
the findings, in either script."""

from __future__ import annotations

import duckdb
import pytest

from statlint.rules.base import RuleContext
from statlint.rules.window import (
    ACHIEVED,
    FUTURE,
    PAST,
    _re2,
    dated_after_publication,
    year_outside_window,
)

TEXTS = [
    "实现",  # the word opens the text: no character before it to negate it
    "尚未实现",
    "没达到目标",
    "不完成",
    "没达到，但已建成",
    "未实现，累计",
    "到2030年",
    "到20３０年",  # a full-width digit is a digit to Python's \d
    "到20٣٠年",
    "2030年底前",
    "2030年后",
    "到203O年",
    "同比",
    "较上年",
    "未\n实现",  # a line break is a character before the word, as for Python's lookbehind
    "",
]


@pytest.mark.parametrize("pattern", [ACHIEVED, FUTURE, PAST], ids=["ACHIEVED", "FUTURE", "PAST"])
def test_sql_patterns_match_what_python_matches(pattern) -> None:
    con = duckdb.connect()
    sql = con.execute(
        f"SELECT t, regexp_matches(t, '{_re2(pattern)}') FROM unnest(?::VARCHAR[]) AS u(t)", [TEXTS]
    ).fetchall()
    assert dict(sql) == {t: bool(pattern.search(t)) for t in TEXTS}


def test_a_pattern_without_an_sql_form_is_refused() -> None:
    import re

    with pytest.raises(ValueError):
        _re2(re.compile(r"实现(?!了)"))


DOC = """數字政府研究報告
發布日期：2023年12月1日
一、總論
時間範圍：本報告研究數據主要來源於2018年至2023年。
根據《數字中國2035年建設規劃》，2025年全國電子證照庫已實現200類證照互認。
2030年願景已寫入規劃，2026年累計建成數據中心12個。
"""


def test_years_in_titles_and_names_are_not_dates(load_docs) -> None:
    con = load_docs({"doc": DOC})
    found = list(year_outside_window(RuleContext(con))) + list(dated_after_publication(RuleContext(con)))
    quoted = {sp.text for f in found for sp in f.evidence}
    assert {"2025年", "2026年"} <= quoted
    assert not quoted & {"2035年", "2030年"}
    # Each sentence is grouped under its latest year that is a date, not under the name's year.
    assert {f.key for f in found if f.rule == "SL101"} == {"2025|error", "2026|error"}
    assert sorted(f.key.rsplit("|", 1)[1] for f in found if f.rule == "SL102") == ["2025", "2026"]


BACKGROUND_DOC = """智慧农业发展报告
发布日期：2024年6月
研究说明
本报告所用统计数据时间范围为2020年至2023年。
早在2019年，农业农村部就联合印发了《数字农业农村发展规划》，为智慧农业发展确立了总体框架。
2019年全国农业生产信息化率为22.2%。
"""


def test_the_publication_line_is_no_date_and_background_before_the_window_is_a_note(load_docs) -> None:
    con = load_docs({"doc": BACKGROUND_DOC})
    assert con.execute("SELECT pub_date, pub_date_kind FROM documents").fetchone() == ("2024-06", "release")
    found = [f for f in year_outside_window(RuleContext(con))]
    quoted = {sp.text for f in found for sp in f.evidence}
    assert "2024年" not in quoted  # 发布日期：2024年6月 dates the report, not what it tells of
    # the policy issued in 2019 dates no figure: a note; the 2019 figure is a warning
    grades = {(f.severity, f.key) for f in found}
    assert grades == {("info", "2019|background"), ("warning", "2019|warning")}
