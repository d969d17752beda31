"""SL101/SL102 read every flagged sentence's statistics in one query: each finding still quotes only the
figures of its own sentence dated in the years it cites, however many documents are checked together."""

from __future__ import annotations

from statlint.rules.base import RuleContext
from statlint.rules.window import dated_after_publication, year_outside_window

DOC = """智慧城市发展报告{n}
发布日期：202{n}年3月1日
时间范围：本报告研究数据主要来源于2018年至202{n}年。
一、发展现状
2025年全国智慧城市试点城市已超过500个，比上年增加80个，2026年累计投资达1200亿元。
截至2027年底，已建成5G基站300万个，同比增长20%，2019年为100万个。
2016年全国电子证照库已实现200类证照互认，累计发放证照5亿张。
力争到2030年，全国智慧城市试点城市超过800个。
"""


def _stats_in(con, doc_id: str, start: int, end: int) -> set[tuple[int, int]]:
    rows = con.execute(
        'SELECT s.start, s."end" FROM statistics s WHERE doc_id = ? AND start >= ? AND "end" <= ?',
        [doc_id, start, end],
    ).fetchall()
    return set(rows)


def test_window_findings_do_not_depend_on_the_other_documents_checked(load_docs) -> None:
    con = load_docs({f"doc_{n}": DOC.format(n=n) for n in (1, 2, 3)})
    together = list(year_outside_window(RuleContext(con))) + list(dated_after_publication(RuleContext(con)))
    doc_ids = sorted({f.doc_id for f in together})
    assert len(doc_ids) == 3 and any(f.rule == "SL102" for f in together)
    alone = []
    for d in doc_ids:
        alone += list(year_outside_window(RuleContext(con, [d]))) + list(
            dated_after_publication(RuleContext(con, [d]))
        )
    key = lambda f: (f.rule, f.doc_id, f.key)  # noqa: E731
    assert sorted(together, key=key) == sorted(alone, key=key)
    for f in together:
        assert all(sp.doc_id == f.doc_id for sp in f.evidence)
    # Statistics in the evidence belong to a quoted sentence.
    sentences = con.execute('SELECT doc_id, start, "end" FROM sentences').fetchall()
    for f in together:
        spans = {(sp.start, sp.end) for sp in f.evidence}
        quoted = [s for s in sentences if s[0] == f.doc_id and any(s[1] <= a < s[2] for a, _ in spans)]
        inside = set().union(*(_stats_in(con, d, a, b) for d, a, b in quoted))
        stat_spans = spans & {
            (a, b)
            for a, b in con.execute(
                'SELECT start, "end" FROM statistics WHERE doc_id = ?', [f.doc_id]
            ).fetchall()
        }
        assert stat_spans <= inside
