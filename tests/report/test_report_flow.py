"""The report flow publishes the run's Markdown summary and findings table as flow-run artifacts."""

from __future__ import annotations

import json
from pathlib import Path

from flows.report import FINDINGS_KEY, SUMMARY_KEY, report_flow
from statlint.warehouse import connect


def test_report_flow_writes_reports_and_publishes_artifacts(
    prefect_harness, seed_warehouse: Path, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    state = report_flow(str(seed_warehouse), str(tmp_path / "reports"), return_state=True)
    paths = state.result()
    assert str(tmp_path / "reports" / "index.html") in paths
    assert (tmp_path / "reports" / "index.md").read_text("utf-8").startswith("# statlint run")
    con = connect(seed_warehouse, read_only=True)
    try:
        n_findings = con.execute("SELECT count(*) FROM findings").fetchall()[0][0]
        n_errors = con.execute("SELECT count(*) FROM findings WHERE severity = 'error'").fetchall()[0][0]
    finally:
        con.close()
    with get_client(sync_client=True) as client:
        flow_run_id = state.state_details.flow_run_id
        arts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    by_key = {a.key: a for a in arts}
    assert {SUMMARY_KEY, FINDINGS_KEY} <= set(by_key)
    summary = by_key[SUMMARY_KEY]
    assert summary.type == "markdown"
    assert f"**{n_findings}** findings" in summary.data and f"error {n_errors}" in summary.data
    table = by_key[FINDINGS_KEY]
    assert table.type == "table"
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert len(rows) == n_findings
    assert rows[0]["severity"] == "error" and {"fingerprint", "message", "evidence"} <= set(rows[0])


def test_saved_summary_can_be_republished_by_a_run_that_keeps_the_reports(
    prefect_harness, seed_warehouse: Path, tmp_path: Path
) -> None:
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from flows.report import publish_artifacts

    report_flow(str(seed_warehouse), str(tmp_path / "reports"))

    @flow(name="keeps-reports")
    def keeps_reports(reports_dir: str) -> bool:
        return publish_artifacts(reports_dir)

    state = keeps_reports(str(tmp_path / "reports"), return_state=True)
    assert state.result() is True
    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                flow_run_id=ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id])
            )
        )
    assert {a.key for a in arts} == {SUMMARY_KEY, FINDINGS_KEY}
    assert publish_artifacts(str(tmp_path / "empty")) is False


def test_the_table_artifact_stays_under_prefects_event_size_limit() -> None:
    from prefect.settings import PREFECT_EVENTS_MAXIMUM_SIZE_BYTES

    from flows.report import artifact_rows

    rows = [{"message": "某省数据" * 60, "fingerprint": f"{i:016x}"} for i in range(2000)]
    kept = artifact_rows(rows)

    def in_event(table: list[dict]) -> int:
        # Prefect's server encodes the event with pydantic; the artifact's data is the table's json.dumps
        # (ASCII-escaped) as a JSON string inside it. A 1,000-document run was refused at 1.6 MB with sizes
        # counted in UTF-8.
        return len(json.dumps(json.dumps(table)).encode("utf-8"))

    budget = PREFECT_EVENTS_MAXIMUM_SIZE_BYTES.value() * 2 // 3
    assert 0 < len(kept) < len(rows) and kept == rows[: len(kept)]
    assert in_event(kept) <= budget
    assert in_event(rows[: len(kept) + 1]) > budget  # as many as fit, not fewer
    assert artifact_rows(rows[:3]) == rows[:3]
