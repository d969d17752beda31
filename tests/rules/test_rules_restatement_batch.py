"""SL401's shortcuts: summary sections are found by an SQL join on path components, and the earlier mentions
of a summary figure are read only up to the first faithful repeat."""

from __future__ import annotations

import duckdb
import polars as pl

from statlint.rules import restatement
from statlint.rules.base import RuleContext
from statlint.rules.restatement import summary_paths

SECTIONS = [
    ("a", "[1]", "摘要"),
    ("a", "一", "總論"),
    ("a", "七", "結論與展望"),
    ("a", "七/一", "主要發現"),
    ("a", "三", "實踐"),
    ("a", "三/4", "小結"),
    ("a", "七十", "附錄"),
    ("b", "七", "結論與展望"),
]
PATHS = [
    ("a", "[1]"),  # an abstract: it restates what follows it
    ("a", "一"),
    ("a", "一/七"),  # a 七 that is not the summary's
    ("a", "七"),
    ("a", "七/一"),
    ("a", "七/一/2"),
    ("a", "七十"),  # starts with the summary's path, but is another section
    ("a", "三/4"),
    ("a", "三/4/1"),
    ("a", "三/40"),
    ("b", "七/一"),
]


def test_summary_paths_are_the_summary_headings_and_their_children() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE sections (doc_id VARCHAR, path VARCHAR, title VARCHAR)")
    con.execute("CREATE TABLE sentences (doc_id VARCHAR, sentence_id BIGINT, section_path VARCHAR)")
    con.executemany("INSERT INTO sections VALUES (?, ?, ?)", SECTIONS)
    con.executemany(
        "INSERT INTO sentences VALUES (?, ?, ?)", [(d, i, p) for i, (d, p) in enumerate(PATHS * 2)]
    )
    found = summary_paths(RuleContext(con, ["a"]))
    assert sorted(found.rows()) == [
        ("a", "[1]", True),
        ("a", "七", False),
        ("a", "七/一", False),
        ("a", "七/一/2", False),
        ("a", "三/4", False),
        ("a", "三/4/1", False),
    ]
    assert found.schema == {"doc_id": pl.String, "section_path": pl.String, "leading": pl.Boolean}
    assert sorted(summary_paths(RuleContext(con)).rows())[-1] == ("b", "七/一", False)


def test_closest_change_is_the_last_related_mention_unless_one_is_a_faithful_repeat(monkeypatch) -> None:
    # verdicts of `changes` by earlier mention: None unrelated, [] the same meaning, else what changed
    verdicts = {0: None, 1: ["unit"], 2: ["metric"], 3: [], 4: None}
    monkeypatch.setattr(restatement, "changes", lambda e, later, memo: verdicts[e["id"]])
    closest = lambda ids: restatement._closest_change([{"id": i} for i in ids], {}, {})  # noqa: E731
    assert closest([0, 1, 2, 4]) == ({"id": 2}, ["metric"])
    assert closest([1, 0]) == ({"id": 1}, ["unit"])
    assert closest([0, 4]) is None
    assert closest([1, 3, 2]) is None
    assert closest([]) is None
