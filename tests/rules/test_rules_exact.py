"""Exact arithmetic and the text helpers the rules group by."""

from __future__ import annotations

from statlint.rules.facts import same_thing
from statlint.rules.text import clause_after, clause_before, metric_phrase, places, simplify


def test_pasted_pinyin_is_removed_and_traditional_simplified() -> None:
    assert simplify("數字技術發(fā)展") == "数字技术发展"
    assert simplify("(GaaS)架構") == "(GaaS)架构"


def test_metric_phrase_drops_years_places_numbers_and_reporting_words() -> None:
    assert metric_phrase("2025年浙江省农村事项网办率提升至") == "农村事项网办率"
    assert metric_phrase("2025年浙江省农村事项网办率达") == "农村事项网办率"
    assert metric_phrase("数据共享率") == "数据共享率"  # 共 inside 共享 is kept


def test_clauses_around_a_figure() -> None:
    s = "2024年东部省份政务服务网办率达92%，而西部省份仅为65%。"
    at = s.index("92")
    assert clause_before(s, at) == "2024年东部省份政务服务网办率达"
    assert clause_after(s, s.index("65") + 3) == ""
    assert clause_after("覆盖90%的三甲医院，", 5) == "的三甲医院"


def test_places_resolve_short_names() -> None:
    assert ("上海市", "province") in places("上海推出电子证照库")
    assert places("某省推出")[0][1] == "anonymous"


def _fig(sentence: str, number: str) -> dict:
    at = sentence.index(number)
    return {"sentence": sentence, "sentence_start": 0, "start": at, "end": at + len(number)}


def test_same_thing_allows_added_words_on_one_side_only() -> None:
    a = _fig("粮食产量838.6亿斤，再创新高。", "838.6亿")
    b = _fig("粮食产量稳定在800亿斤以上。", "800亿")
    assert same_thing(a, b)
    c = _fig("五大道公园和85个口袋公园建成开放。", "85个")
    d = _fig("新建提升13座城市公园和275个口袋公园。", "275个")
    assert not same_thing(c, d)
