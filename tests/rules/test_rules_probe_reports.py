"""The catalogue on reports in styles the seed and the work reports lack, written (without seeing the code)
with planted inconsistencies and answer keys (answer_keys/ holds the later ones), or with none at all:
tests/rules/fixtures/reports/ (plain text, HTML and Markdown, Simplified and Traditional).

Each planted report must raise exactly the rules its planted issues call for (a rule that stops firing, or a
new one that starts, fails the test and is looked at); each clean report, every relation in it checked by
script, must raise nothing above a note."""

from __future__ import annotations

from pathlib import Path

import pytest

from statlint.ingest import process_path
from statlint.load import load_bundle
from statlint.rules.base import RuleContext
from statlint.rules.engine import run_rules
from statlint.warehouse import connect

REPORTS = Path(__file__).parent / "fixtures" / "reports"

# The rules each planted report calls for (its answer key's issues that statlint finds).
PLANTED = {
    # (its SL102: 截至2024年9月…已有 in a report dated 2024年6月, a month not yet come; unplanted but true)
    "planted_agriculture_report.txt": {
        "SL101",
        "SL102",
        "SL301",
        "SL401",
        "SL601",
        "SL602",
        "SL603",
        "SL604",
        "SL605",
        "SL606",
        "SL607",
        "SL610",
    },
    "planted_health_report.txt": {
        "SL101",
        "SL201",
        "SL301",
        "SL601",
        "SL602",
        "SL604",
        "SL605",
        "SL607",
        "SL608",
        "SL610",
        "SL701",
    },
    # (its sixth issue, a national growth rate outside a table of all 31 provinces' rates, is not caught)
    "planted_digital_economy_whitepaper.md": {"SL401", "SL603", "SL605", "SL606", "SL607", "SL610"},
    "planted_elderly_care_report.txt": {
        "SL101",
        "SL201",
        "SL401",
        "SL601",
        "SL603",
        "SL604",
        "SL605",
        "SL701",
    },
    "planted_ministry_release.html": {"SL201", "SL601", "SL603", "SL605", "SL608"},
    # a Word document with real tables (its SL610 comes with the SL201 it planted: the text's revenue against
    # the table's base)
    "planted_association_annual_report.docx": {"SL201", "SL401", "SL603", "SL605", "SL606", "SL610"},
    "planted_urban_renewal_study.md": {"SL101", "SL401", "SL601", "SL604", "SL701"},
    "planted_taiwan_semiconductor_report.txt": {"SL101", "SL201", "SL401", "SL601", "SL605", "SL701"},
    # (its SL101 is a note: a policy's 2027 target, after the 2020-2024 window)
    "planted_digital_index_bluebook.txt": {"SL101", "SL201", "SL401", "SL604", "SL611"},
    "planted_health_industry_report.txt": {"SL101", "SL201", "SL401", "SL603", "SL606", "SL701"},
    # GB18030 on disk (its SL610 is found as SL601: an average yearly growth between two dated endpoints)
    "planted_county_work_report.gb18030.txt": {"SL201", "SL401", "SL502", "SL601", "SL609"},
    "planted_nev_report.txt": {"SL101", "SL102", "SL401", "SL604", "SL606", "SL608", "SL609", "SL701"},
    "planted_plan_execution_report.txt": {"SL201", "SL202", "SL301", "SL501", "SL502", "SL610"},
    "planted_provincial_income_release.html": {"SL201", "SL401", "SL603", "SL605", "SL606"},
    "planted_provincial_bulletin.txt": {"SL601", "SL605", "SL606", "SL607", "SL608", "SL609"},
    "planted_rural_digital_report.txt": {
        "SL101",
        "SL103",
        "SL201",
        "SL601",
        "SL604",
        "SL609",
        "SL801",
        "SL802",
    },
    # (its SL102: 截至113年8月底…已完成 in a yearbook dated 113年5月; unplanted but true)
    "planted_taiwan_yearbook.txt": {"SL101", "SL102", "SL601", "SL604", "SL607", "SL608", "SL609"},
    "planted_transport_bulletin.txt": {
        "SL201",
        "SL301",
        "SL601",
        "SL604",
        "SL605",
        "SL606",
        "SL607",
        "SL701",
    },
    "planted_white_paper.md": {"SL101", "SL102", "SL604", "SL606", "SL609", "SL701"},
    "planted_city_environment_bulletin.txt": {"SL401", "SL502", "SL601", "SL603", "SL607"},
    # (its SL201 is the planted SL401's pair: the green loans' growth given as 22.6% and as 14.1%)
    "planted_provincial_financial_report.txt": {
        "SL101",
        "SL201",
        "SL401",
        "SL502",
        "SL601",
        "SL605",
        "SL606",
    },
    "planted_energy_storage_research.txt": {"SL102", "SL201", "SL401", "SL601", "SL605"},
    "planted_youth_employment_survey.md": {"SL101", "SL401", "SL604", "SL605", "SL607"},
    # one of its six planted issues is not found: 城镇人口增加251.36万人，增长8.92% after a share and a
    # base year between level and change (SL606); its SL602 is found as SL601 (from 3.87% to 4.06%)
    "planted_provincial_census_bulletin.txt": {"SL601", "SL603", "SL604", "SL605", "SL607"},
    # two of its five planted issues are not found: a company report's 本集团 figures against its tables'
    # (SL201: 426,380 in the text, 462,380 in 表3) and the board statement's restatement (SL401)
    "planted_hk_company_esg_report.txt": {"SL502", "SL605", "SL606"},
    # two of its six planted issues are not found: a patent count given for 2024 and, in a list of the
    # conclusion, for 2025 (SL202), and one computing power credited to two clusters the text names only
    # inside the measure (SL301); its SL101 notes are plans for 2027 and 2030
    "planted_ai_industry_whitepaper.txt": {"SL101", "SL603", "SL605", "SL606", "SL701"},
    "planted_macao_policy_address.txt": {"SL102", "SL501", "SL606", "SL610", "SL701"},
    # one of its five planted issues is not found: three research types' shares listed with 分别为 that
    # add up to 99.1 (SL609 reads structures written as ratios)
    "planted_rd_statistics_bulletin.txt": {"SL603", "SL604", "SL606", "SL701"},
}
CLEAN = [
    "clean_city_bulletin.txt",
    "clean_city_monthly_economy.txt",
    "clean_city_news.html",
    "clean_city_price_release.html",
    "clean_education_bulletin.txt",
    "clean_county_bulletin.txt",
    "clean_hk_budget_speech.txt",
    "clean_hk_census_release.txt",
    "clean_jiangxi_digital_plan.md",
    "clean_macau_economy_release.txt",
    "clean_hong_kong_release.txt",
    "clean_pdf_extracted_report.txt",
    "clean_press_conference_transcript.html",
    "clean_provincial_plan.txt",
    "clean_taiwan_statistics_release.txt",
    "clean_provincial_budget_report.md",
    "clean_disclosure_annual_report.html",
]


def _findings(path: Path, tmp_path: Path) -> list:
    con = connect(tmp_path / "wh.duckdb")
    try:
        bundle = process_path(path, run_id="t")
        assert bundle.status == "ok", bundle.reason
        load_bundle(con, bundle, "t")
        return [f for _, f in run_rules(RuleContext(con))]
    finally:
        con.close()


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_a_planted_report_raises_the_rules_its_issues_call_for(name: str, tmp_path: Path) -> None:
    found = _findings(REPORTS / name, tmp_path)
    assert {f.rule for f in found} == PLANTED[name]


@pytest.mark.parametrize("name", CLEAN)
def test_a_clean_report_raises_nothing_above_a_note(name: str, tmp_path: Path) -> None:
    found = _findings(REPORTS / name, tmp_path)
    assert [f.message for f in found if f.severity != "info"] == []
