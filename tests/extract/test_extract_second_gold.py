"""Extraction against a second gold: every statistic of nineteen probe reports
(tests/rules/fixtures/reports/), annotated to ../shared/gold/STATS_SCHEMA.md by sessions that never saw the
extractor. Detection is scored as the shared scorer does (spans overlap, pairs taken one to one, largest
overlap first)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from statlint.ingest import process_path

HERE = Path(__file__).parent
REPORTS = HERE.parent / "rules" / "fixtures" / "reports"
CASES = [
    ("planted_nev_report.txt", "gold_nev_report.jsonl"),
    ("planted_agriculture_report.txt", "gold_agriculture_report.jsonl"),
    # a Traditional doc-site report with page furniture and a Markdown table
    ("planted_elderly_care_report.txt", "gold_elderly_care_report.jsonl"),
    # a city's statistical bulletin: 425 figures, two spaced tables (one with a unit column), a structure;
    # its table cells and 本年 take 2025 (the caption's and the bulletin's year: see each row's note)
    ("clean_county_bulletin.txt", "gold_clean_county_bulletin.jsonl"),
    # a province's plan execution report (Simplified, official): review, targets, measures
    ("planted_plan_execution_report.txt", "gold_plan_execution_report.jsonl"),
    # a Simplified doc-site report with pasted pinyin and GBK mojibake in its text
    ("planted_rural_digital_report.txt", "gold_rural_digital_report.jsonl"),
    # a Taiwan statistics release in ROC years with tab-separated quarter tables
    ("clean_taiwan_statistics_release.txt", "gold_clean_taiwan_statistics_release.jsonl"),
    # a think-tank white paper in Markdown with pipe tables under captions
    ("planted_digital_economy_whitepaper.md", "gold_digital_economy_whitepaper.jsonl"),
    # text copied out of a PDF: every line wrapped at one width, numbers split from their units
    ("clean_pdf_extracted_report.txt", "gold_clean_pdf_extracted_report.jsonl"),
    # a Simplified doc-site health report: ranges, vague amounts, grades (4.02级), pipes between cells only
    ("planted_health_industry_report.txt", "gold_health_industry_report.jsonl"),
    # a county's work report saved in GB18030 (offsets are characters of the decoded text)
    ("planted_county_work_report.gb18030.txt", "gold_county_work_report.jsonl"),
    # a Macao release in Traditional: 澳門元, 百萬 unit lines, quarter tables of changes, stays in 日/晚
    ("clean_macau_economy_release.txt", "gold_clean_macau_economy_release.jsonl"),
    # a provincial plan in Markdown: an indicator table (类别/指标名称 columns, bracketed five-year sums)
    ("clean_jiangxi_digital_plan.md", "gold_clean_jiangxi_digital_plan.jsonl"),
    # an academic study exported from a PDF: survey statistics (N=2,356, α=0.87), references (no figures)
    ("planted_urban_renewal_study.md", "gold_urban_renewal_study.jsonl"),
    # a Taiwan doc-site industry report: ROC and Gregorian years, 兆/億 amounts, tab and pipe tables
    ("planted_taiwan_semiconductor_report.txt", "gold_taiwan_semiconductor_report.jsonl"),
    # a national education bulletin: 459 figures, ratios (生师比17.96:1), tables under 单位 lines
    ("clean_education_bulletin.txt", "gold_clean_education_bulletin.jsonl"),
    # a city's monthly release: 1—10月, 前三季度, 10月末, 当月 and 累计 figures, a table with a unit column
    ("clean_city_monthly_economy.txt", "gold_clean_city_monthly_economy.jsonl"),
    # a Hong Kong budget speech: fiscal years (2026-27年度), forecast ranges, a medium-term table of deficits
    ("clean_hk_budget_speech.txt", "gold_clean_hk_budget_speech.jsonl"),
    # a doc-site blue book of a city index: scores (分), ranks (第N位), weights, a ranking table
    ("planted_digital_index_bluebook.txt", "gold_digital_index_bluebook.jsonl"),
    # a city's environment bulletin: µg/m³, a pipe table of districts (+1.3, （百分点）), 比上年（86.6%）
    ("planted_city_environment_bulletin.txt", "gold_city_environment_bulletin.jsonl"),
    # a Traditional doc-site financial report: 萬億元 balances, 比年初 changes, page markers mid-sentence
    ("planted_provincial_financial_report.txt", "gold_provincial_financial_report.jsonl"),
    # a province's budget report in Markdown: 为调整预算…的96.8%, 完成预算的103.2%, a table of items
    ("clean_provincial_budget_report.md", "gold_clean_provincial_budget_report.jsonl"),
    # a broker's research report from a doc site: 2026E forecasts, 68.5GW/178.2GWh, firms' shares, PE, EPS
    ("planted_energy_storage_research.txt", "gold_energy_storage_research.jsonl"),
    # a university team's survey report in Markdown: 单选/多选 questions, N, 回收率, age brackets (no figures)
    ("planted_youth_employment_survey.md", "gold_youth_employment_survey.jsonl"),
    # a province's 1% sample survey bulletin: shares in two decimals, a table of 12 cities with a 全省 row
    ("planted_provincial_census_bulletin.txt", "gold_provincial_census_bulletin.jsonl"),
    # a Hong Kong company's ESG report in Traditional: 噸二氧化碳當量, 兆瓦時, KPI tables of two years
    ("planted_hk_company_esg_report.txt", "gold_hk_company_esg_report.jsonl"),
    # a doc-site AI white paper: regions' enterprise counts and shares, a 全国平均 after four regions
    ("planted_ai_industry_whitepaper.txt", "gold_ai_industry_whitepaper.jsonl"),
    # a Macao policy address in Traditional: 澳門元, 首十個月, forecasts for the financial year
    ("planted_macao_policy_address.txt", "gold_macao_policy_address.jsonl"),
    # a national R&D bulletin: a table of all 31 provinces laid out with spaces at one width
    ("planted_rd_statistics_bulletin.txt", "gold_rd_statistics_bulletin.jsonl"),
]
# Role readings two careful annotators make differently (成长率为3.82%: a level or the size of a change;
# 新增48万人: a flow or an increase) cost these golds a few points: their floor is lower.
ROLE_FLOOR = {
    "gold_county_work_report.jsonl": 0.92,  # (新建…3家 read as a change throughout)
    "gold_urban_renewal_study.jsonl": 0.92,
    "gold_taiwan_semiconductor_report.jsonl": 0.92,
    "gold_clean_education_bulletin.jsonl": 0.94,
    # its annotator made every forecast, budget estimate and 原來預算 figure a target, 修訂預算 a level
    "gold_clean_hk_budget_speech.jsonl": 0.74,
    "gold_health_industry_report.jsonl": 0.96,
    "gold_clean_jiangxi_digital_plan.jsonl": 0.96,
    "gold_plan_execution_report.jsonl": 0.92,
    # (and a base value, 較112年之5兆8,600億元增加…, as a level where four other golds read a change's start)
    "gold_clean_taiwan_statistics_release.jsonl": 0.88,
    "gold_clean_pdf_extracted_report.jsonl": 0.96,  # (a gap, 高出6.8个百分点, read as a change)
    # (a 2026 budget's figures and the debt quota issued in advance: targets here, levels in the gold)
    "gold_clean_provincial_budget_report.jsonl": 0.96,
    # (PE multiples of forecast years, 2026年17.0倍PE: targets in the gold, ratios here)
    "gold_energy_storage_research.jsonl": 0.88,
    "gold_provincial_financial_report.jsonl": 0.97,  # (gaps, 增速比…高1.9个百分点, read as changes)
    "gold_provincial_census_bulletin.jsonl": 0.96,
    # (base values, 較2024年的4.81噸, as levels; a target table's changes as changes)
    "gold_hk_company_esg_report.jsonl": 0.92,
    # (its annotator made the forecasts of the current year, 预计2025年全年…, levels)
    "gold_macao_policy_address.jsonl": 0.9,
}
# The PDF text's annotator left the year off figures a wrapped sentence dates (2024年，…，占全国的34.9%).
YEAR_FLOOR = {
    "gold_clean_pdf_extracted_report.jsonl": 0.9,
    # four annotators left table cells undated where only the caption or a column header gives the year,
    # which four others (and statlint) take
    "gold_health_industry_report.jsonl": 0.88,
    "gold_clean_macau_economy_release.jsonl": 0.86,
    "gold_taiwan_semiconductor_report.jsonl": 0.78,
    "gold_clean_education_bulletin.jsonl": 0.8,
    "gold_urban_renewal_study.jsonl": 0.96,  # (the study's annotator applied the clause rule after 「；」)
    # a release that names its year once (2025年1—10月) and a blue book's tables: undated in these golds
    "gold_clean_city_monthly_economy.jsonl": 0.78,
    "gold_digital_index_bluebook.jsonl": 0.78,
    "gold_clean_hk_budget_speech.jsonl": 0.96,  # (a range of years dated by its last: 2026至2030年)
    # three more golds applied the clause rule to the letter: table cells and the sentences of a section
    # that state no year of their own are undated there
    "gold_city_environment_bulletin.jsonl": 0.8,
    "gold_provincial_financial_report.jsonl": 0.83,
    "gold_clean_provincial_budget_report.jsonl": 0.74,
    "gold_provincial_census_bulletin.jsonl": 0.82,
    "gold_hk_company_esg_report.jsonl": 0.95,
    "gold_rd_statistics_bulletin.jsonl": 0.74,
}
# The health report's annotator read vague amounts as bounds (数百家: more than 100) where statlint keeps
# their span (100-900, '~'), and 超过 once as '='.
QUALIFIER_FLOOR = {
    "gold_macao_policy_address.jsonl": 0.97,  # (a forecast range, 增长3%至4%, as one figure)
    # (the parts' range, 8个县（区）…范围为27～34微克/立方米, as a lowest and a highest value: '=' there)
    "gold_city_environment_bulletin.jsonl": 0.97,
    "gold_health_industry_report.jsonl": 0.95,
    "gold_taiwan_semiconductor_report.jsonl": 0.96,  # (七成 read as '>=', where statlint reads '=')
}


def _pairs(gold: list[dict], pred: list[tuple[int, int, dict]]) -> list[tuple[dict, dict]]:
    spans = []
    for g in gold:
        a, b = g["start"], g["start"] + len(g["number_text"])
        for s, e, p in pred:
            overlap = min(b, e) - max(a, s)
            if overlap > 0:
                spans.append((overlap, id(g), id(p), g, p))
    spans.sort(key=lambda t: -t[0])
    used_g, used_p, out = set(), set(), []
    for _, gi, pi, g, p in spans:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((g, p))
    return out


@pytest.mark.parametrize(("report", "gold_file"), CASES)
def test_detection_and_fields_on_the_second_gold(report: str, gold_file: str) -> None:
    gold = [json.loads(line) for line in (HERE / "fixtures" / gold_file).read_text("utf-8").splitlines()]
    bundle = process_path(REPORTS / report, run_id="t")
    rows = bundle.frames["statistics"].to_dicts()
    lo, hi = min(g["start"] for g in gold), max(g["start"] + len(g["number_text"]) for g in gold)
    pred = [(r["start"], r["end"], r) for r in rows if lo <= r["start"] < hi]
    pairs = _pairs(gold, pred)
    precision, recall = len(pairs) / len(pred), len(pairs) / len(gold)
    assert precision >= 0.98 and recall >= 0.94, (precision, recall)
    for field in ("year", "qualifier", "role"):
        agree = sum(g[field] == p[field] for g, p in pairs) / len(pairs)
        floors = {"role": ROLE_FLOOR, "year": YEAR_FLOOR, "qualifier": QUALIFIER_FLOOR}.get(field, {})
        floor = floors.get(gold_file, 0.98)
        assert agree >= floor, (field, agree)
    value = sum(abs(g["value"] - p["value"]) <= 1e-6 * max(1.0, abs(g["value"])) for g, p in pairs) / len(
        pairs
    )
    assert value >= 0.97
