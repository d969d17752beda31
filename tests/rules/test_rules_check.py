"""The check stage: rules over batches of documents, or on several processes, find what one pass finds."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from statlint.check import compute_findings, compute_findings_parallel, merge_frames
from statlint.rules.base import Finding, Rule
from statlint.rules.engine import findings_frames

# Two reports that contradict each other (SL901) and themselves (SL201), beside the seed.
OTHER_DOCS = {
    "east": "东部报告\n一、现状\n2024年全国5G基站数量达337万个。\n二、问题\n"
    "2024年东部省份政务服务网办率达92%。\n2024年东部省份政务服务网办率为65%。\n",
    "west": "西部报告\n一、现状\n2024年全国5G基站数量达425万个。\n2024年西部省份政务服务网办率为70%。\n",
}


def _sorted(frames: tuple[pl.DataFrame, pl.DataFrame]) -> tuple[pl.DataFrame, pl.DataFrame]:
    f, e = frames
    return f.drop("created_at").sort("fingerprint"), e.sort("fingerprint", "ordinal")


def _one_pass(db: Path, batch: int | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return _sorted(compute_findings(con, "run", batch=batch))
    finally:
        con.close()


@pytest.fixture(scope="module")
def several(tmp_path_factory: pytest.TempPathFactory, seed_path: Path, warehouse_builder) -> Path:
    base = tmp_path_factory.mktemp("several")
    paths = [seed_path]
    for name, text in OTHER_DOCS.items():
        (base / f"{name}.txt").write_text(text, "utf-8")
        paths.append(base / f"{name}.txt")
    return warehouse_builder(base / "w.duckdb", paths)


def test_batches_find_what_one_pass_finds(several: Path) -> None:
    whole = _one_pass(several)
    one_by_one = _one_pass(several, batch=1)
    assert whole[0].equals(one_by_one[0]) and whole[1].equals(one_by_one[1])
    rules = set(whole[0]["rule"])
    assert {"SL101", "SL201", "SL901"} <= rules  # per-document and cross-document findings both present
    docs = set(whole[0]["doc_id"].drop_nulls())
    assert docs == {"digital_government_society_report", "east"}


def test_processes_find_what_one_pass_finds(several: Path) -> None:
    whole = _one_pass(several)
    parallel = _sorted(compute_findings_parallel(str(several), "run", None, None, workers=2, batch=1))
    assert parallel[0].equals(whole[0]) and parallel[1].equals(whole[1])


def _rule(rule_id: str, category: str = "conflict") -> Rule:
    return Rule(rule_id, "r", category, "warning", "-", "-", "-", lambda ctx: iter(()))


def _finding(rule_id: str, doc: str | None, key: str) -> Finding:
    return Finding(rule=rule_id, doc_id=doc, message="m", message_en="m", evidence=[], key=key)


def _crash_parts() -> list[tuple[pl.DataFrame, pl.DataFrame]]:
    """Three batches' frames: SL298 finds on the first, crashes on the second and third."""
    ok = findings_frames(
        [(_rule("SL201"), _finding("SL201", "a", "1")), (_rule("SL298"), _finding("SL298", "a", "x"))], "run"
    )
    crashed = findings_frames(
        [
            (_rule("SL201"), _finding("SL201", "b", "1")),
            (_rule("SL298", "rule_error"), _finding("SL298", None, "crash")),
        ],
        "run",
    )
    again = findings_frames([(_rule("SL298", "rule_error"), _finding("SL298", None, "crash"))], "run")
    return [ok, crashed, again]


def test_a_rule_that_crashed_on_one_batch_keeps_only_its_crash_finding() -> None:
    findings, _ = merge_frames(_crash_parts())
    assert findings.select("rule", "doc_id", "category").rows() == [
        ("SL201", "a", "conflict"),
        ("SL201", "b", "conflict"),
        ("SL298", None, "rule_error"),
    ]


def test_processes_that_cannot_start_fall_back_to_this_process(
    several: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    import statlint.processes

    class NoProcesses:
        def __init__(self, *a, **kw) -> None:
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            pass

        def map(self, *a, **kw):
            raise BrokenProcessPool("cannot start")

    monkeypatch.setattr(statlint.processes, "ProcessPoolExecutor", NoProcesses)
    whole = _one_pass(several)
    fallback = _sorted(compute_findings_parallel(str(several), "run", None, None, workers=2, batch=1))
    assert fallback[0].equals(whole[0]) and fallback[1].equals(whole[1]) and whole[0].height > 5


def _stored(db: Path) -> tuple[list[tuple], list[tuple]]:
    """The findings (without created_at) and evidence tables, rows in stored order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        f = con.execute("SELECT * EXCLUDE (created_at) FROM findings ORDER BY rowid").fetchall()
        e = con.execute("SELECT * FROM finding_evidence ORDER BY rowid").fetchall()
        return f, e
    finally:
        con.close()


def test_spooled_parallel_check_stores_what_the_in_memory_merge_stores(several: Path, tmp_path: Path) -> None:
    import shutil

    from statlint.check import check_warehouse_parallel, store_findings
    from statlint.warehouse import connect

    copies = []
    for name in ("memory", "spooled"):
        db = tmp_path / f"{name}.duckdb"
        shutil.copy(several, db)
        con = connect(db)
        con.execute(
            "DELETE FROM finding_evidence WHERE fingerprint IN (SELECT fingerprint FROM findings "
            "WHERE rule = 'SL101')"
        )
        con.execute("DELETE FROM findings WHERE rule = 'SL101'")  # new again: first seen in run2
        con.close()
        copies.append(db)
    frames = compute_findings_parallel(str(copies[0]), "run2", None, None, workers=2, batch=1)
    con = connect(copies[0])
    try:
        n_memory = store_findings(con, *frames)
    finally:
        con.close()
    n_spooled = check_warehouse_parallel(str(copies[1]), "run2", None, None, workers=2, batch=1)
    memory, spooled = _stored(copies[0]), _stored(copies[1])
    assert n_memory == n_spooled == len(memory[0]) > 5
    assert spooled == memory
    con = duckdb.connect(str(copies[1]), read_only=True)
    try:
        first_seen = dict(
            con.execute("SELECT rule = 'SL101', min(run_id) FROM findings GROUP BY 1").fetchall()
        )
    finally:
        con.close()
    assert first_seen == {True: "run2", False: "test-run"}
    assert not list(tmp_path.glob(".statlint-check-*"))  # the spool is removed


def test_a_spooled_crash_keeps_only_the_crash_finding_as_the_merge_does(tmp_path: Path) -> None:
    from statlint.check import _spool, store_findings, store_spooled
    from statlint.warehouse import connect

    frames = _crash_parts()
    parts = [_spool(str(tmp_path / f"part-{i:05d}"), p) for i, p in enumerate(frames)]
    con = connect(tmp_path / "spooled.duckdb")
    try:
        assert store_spooled(con, parts) == 3
    finally:
        con.close()
    con = connect(tmp_path / "memory.duckdb")
    try:
        store_findings(con, *merge_frames(frames))
    finally:
        con.close()
    assert _stored(tmp_path / "spooled.duckdb") == _stored(tmp_path / "memory.duckdb")
    rows = _stored(tmp_path / "spooled.duckdb")[0]
    assert [(r[1], r[5]) for r in rows] == [("SL201", "a"), ("SL201", "b"), ("SL298", None)]


def test_a_store_that_fails_midway_leaves_the_findings_and_their_keys_as_they_were(
    several: Path, tmp_path: Path
) -> None:
    """The findings tables are dropped and created again inside the store's transaction: a failure after
    that (here the evidence spool is unreadable) rolls back to the old rows, and the tables keep their
    primary keys either way."""
    import shutil

    from statlint.check import _spooled_parts, store_spooled
    from statlint.warehouse import connect

    db = tmp_path / "w.duckdb"
    shutil.copy(several, db)
    spool = tmp_path / "spool"
    spool.mkdir()
    parts = _spooled_parts(str(spool), str(db), "run2", None, None, 1, None)
    before = _stored(db)
    assert before[1], "evidence to lose"
    broken = tmp_path / "broken-evidence.parquet"
    broken.write_bytes(b"not parquet")
    con = connect(db)
    try:
        with pytest.raises(duckdb.Error):
            store_spooled(con, [(f, str(broken)) for f, _ in parts])
        with pytest.raises(duckdb.ConstraintException):
            con.execute("INSERT INTO findings (fingerprint) SELECT fingerprint FROM findings LIMIT 1")
        with pytest.raises(duckdb.ConstraintException):
            con.execute("INSERT INTO finding_evidence SELECT * FROM finding_evidence LIMIT 1")
        assert store_spooled(con, parts) == len(before[0])
    finally:
        con.close()
    assert _stored(db) == before


def test_the_store_has_the_memory_its_spool_needs(tmp_path: Path) -> None:
    """10,000 findings with 150,000 evidence rows: DuckDB cannot store them under a fixed 32 MB (the
    limit matters), and can under `store_memory`, which grows with the spool."""
    from statlint.check import _spool, store_memory, store_spooled
    from statlint.ingest import column_frame
    from statlint.warehouse import connect

    n, per = 10_000, 15
    fps = [f"{i:016x}" for i in range(n)]
    evidence_json = "[" + ",".join(['{"text": "%s"}' % ("证据文本" * 20)] * per) + "]"
    findings = column_frame(
        "findings",
        {"fingerprint": fps, "rule": ["SL201"] * n, "message": [f"消息 {i} " * 10 for i in range(n)],
         "evidence": [evidence_json] * n},
    )  # fmt: skip
    evidence = column_frame(
        "finding_evidence",
        {"fingerprint": [fp for fp in fps for _ in range(per)], "ordinal": list(range(per)) * n,
         "text": [f"证据{i}" * 8 for i in range(n * per)], "section_path": ["一、现状"] * (n * per)},
    )  # fmt: skip
    parts = [_spool(str(tmp_path / "part-00000"), (findings, evidence))]
    assert store_memory(parts) > 64 * 2**20
    for name, limit in (("fixed", 32 * 2**20), ("fitted", store_memory(parts))):
        con = connect(tmp_path / f"{name}.duckdb")
        try:
            con.execute("SET threads = 1")
            con.execute(f"SET memory_limit = '{limit}B'")
            if name == "fixed":
                with pytest.raises(duckdb.OutOfMemoryException):
                    store_spooled(con, parts)
            else:
                assert store_spooled(con, parts) == n
                assert con.execute("SELECT count(*) FROM finding_evidence").fetchone()[0] == n * per
        finally:
            con.close()


def test_one_process_checks_a_large_warehouse_in_spooled_batches_with_the_same_result(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import statlint.check as check_mod
    from statlint.warehouse import connect

    results = []
    real = check_mod.store_spooled
    calls: list[str] = []
    monkeypatch.setattr(
        check_mod, "store_spooled", lambda *a, **kw: calls.append("spooled") or real(*a, **kw)
    )
    for name, spool_min in (("whole", 10**9), ("batched", 1)):
        db = tmp_path / f"{name}.duckdb"
        shutil.copy(several, db)
        monkeypatch.setattr(check_mod, "SPOOL_MIN", spool_min)
        monkeypatch.setattr(check_mod, "CHECK_BATCH", 1)
        calls.clear()
        con = connect(db)
        try:
            n = check_mod.check_warehouse(con, "run2")
        finally:
            con.close()
        results.append((n, _stored(db), bool(calls)))
    (n_whole, whole, spooled_whole), (n_batched, batched, spooled_batched) = results
    assert (spooled_whole, spooled_batched) == (False, True)
    assert n_whole == n_batched == len(whole[0]) > 5
    assert batched[0] == whole[0]  # findings: rule by rule, as one pass stores them
    assert sorted(batched[1]) == sorted(
        whole[1]
    )  # evidence: the same rows (batch by batch, not rule by rule)


def test_spooled_facts_of_batches_are_the_facts_of_all_documents(several: Path, tmp_path: Path) -> None:
    """The cross-document task reads each batch's spooled rule_stats instead of building them over all
    documents: the union must be the same rows."""
    from statlint.check import document_ids
    from statlint.rules.base import RuleContext
    from statlint.rules.facts import drop_facts, ensure_facts, spool_facts, use_spooled_facts

    con = duckdb.connect(str(several), read_only=True)
    try:
        ensure_facts(RuleContext(con))
        whole = con.sql("SELECT * FROM rule_stats").pl().sort("doc_id", "stat_id")
        drop_facts(con)
        files = []
        for i, doc in enumerate(document_ids(con)):
            files.append(str(tmp_path / f"it's {i}.parquet"))  # a quote in the path must not break the view
            spool_facts(RuleContext(con, doc_ids=[doc]), files[-1])
            drop_facts(con)
        ctx = RuleContext(con)
        use_spooled_facts(ctx, files)
        ensure_facts(ctx)  # builds nothing: rule_stats is the view
        spooled = con.sql("SELECT * FROM rule_stats").pl().sort("doc_id", "stat_id")
        drop_facts(con)
        assert not con.execute("SELECT * FROM duckdb_views() WHERE view_name = 'rule_stats'").fetchall()
    finally:
        con.close()
    assert whole.height > 300 and whole["doc_id"].n_unique() == 3
    assert spooled.equals(whole)
