"""Benchmark: the whole rule catalogue on generated warehouses of 100,000 and 1,000,000 statistics.

Targets (issue 5): < 5 s and < 60 s, time roughly linear in the number of statistics, peak memory < 2 GB.
Each warehouse is generated with SQL (two figures per sentence, 2,000 figures per document, keys filled as a
mature extractor fills them, 0.5% of figures contradicting an earlier one) and checked in a fresh process, so
the time and the peak resident memory are those of the check alone.

    python -m benchmarks rules            # both sizes
    python benchmarks/bench_rules.py 20000  # one size
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (100_000, 1_000_000)
TARGET_SECONDS = {100_000: 5.0, 1_000_000: 60.0}
TARGET_PEAK_MB = 2048
FIGURES_PER_DOC = 2_000
# One figure in this many contradicts the same measure earlier in its document.
CONFLICT_EVERY = 200
ENTITIES = [
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "广州市",
    "深圳市",
    "杭州市",
    "成都市",
    "武汉市",
]
METRICS = [
    "政务服务网办率",
    "数字技能普及率",
    "智能客服问题解决率",
    "政务云资源利用率",
    "千兆光网覆盖率",
    "电子证照互认率",
    "数据共享率",
    "适老化改造完成率",
    "远程医疗覆盖率",
    "社区治理平台覆盖率",
    "企业开办线上率",
    "公共数据开放率",
    "基层数据回流率",
    "在线问诊占比",
    "移动支付普及率",
    "电商物流网点覆盖率",
    "智慧社区覆盖率",
    "数字乡村试点覆盖率",
    "五G基站覆盖率",
    "政务数据调用成功率",
]
COUNTS = ["智慧社区试点", "数字学习站", "社区食堂", "政务服务站", "数据开放集"]


def generate(path: Path, n: int) -> None:
    """A warehouse with `n` statistics in n/2 sentences of n/FIGURES_PER_DOC documents."""
    from statlint.warehouse import connect

    con = connect(path)
    sentences = n // 2
    per_doc = FIGURES_PER_DOC // 2
    con.execute(f"""
        CREATE TEMP TABLE gen AS
        SELECT i,
               'doc_' || lpad(CAST(i // {per_doc} AS VARCHAR), 5, '0') AS doc_id,
               i % {per_doc} AS sentence_id,
               2018 + (i * 7) % 8 AS year,
               list_element({ENTITIES}, 1 + CAST((i * 31) % {len(ENTITIES)} AS INT)) AS entity,
               list_element({METRICS}, 1 + CAST((i * 17) % {len(METRICS)} AS INT)) AS metric,
               list_element({COUNTS}, 1 + CAST((i * 13) % {len(COUNTS)} AS INT)) AS counted,
               (i // {per_doc}) AS d
        FROM range({sentences}) t(i)
    """)
    con.execute(f"""
        CREATE TEMP TABLE gen2 AS
        SELECT *,
               40 + (hash(doc_id, metric, entity, year) % 50)::INT + CASE WHEN i % {CONFLICT_EVERY} = 7
                   THEN 9 ELSE 0 END
                   AS pct,
               10 + (hash(doc_id, counted, entity, year) % 900)::INT AS cnt
        FROM gen
    """)
    con.execute("""
        CREATE TEMP TABLE gen3 AS
        SELECT *, CAST(year AS VARCHAR) || '年' || entity || metric || '达' AS head1,
               CAST(pct AS VARCHAR) || '%，' || '新建' || counted AS mid,
               CAST(cnt AS VARCHAR) || '个，编号' || CAST(i AS VARCHAR) || '。' AS tail,
               sentence_id * 64 AS s_start
        FROM gen2
    """)
    con.execute("""
        INSERT INTO documents BY NAME
        SELECT DISTINCT doc_id, doc_id || '.txt' AS path, 'txt' AS format, 'utf-8' AS encoding,
               'simplified' AS script, '数字政府发展报告' AS title, 'ok' AS status
        FROM gen3
    """)
    con.execute("""
        INSERT INTO sentences BY NAME
        SELECT doc_id, sentence_id, s_start AS start, s_start + length(head1 || mid || tail) AS "end",
               head1 || mid || tail AS text, head1 || mid || tail AS text_simp,
               CAST(1 + sentence_id // 100 AS VARCHAR) AS section_path, sentence_id // 5 AS paragraph,
               FALSE AS is_heading
        FROM gen3
    """)
    common = """doc_id, sentence_id, year, entity, entity AS entity_key, '=' AS qualifier, 'level' AS role,
                head1 || mid || tail AS sentence, CAST(1 + sentence_id // 100 AS VARCHAR) AS section_path,
                0.9 AS confidence, FALSE AS needs_review, 0 AS precision"""
    con.execute(f"""
        INSERT INTO statistics BY NAME
        SELECT {common}, sentence_id * 2 AS stat_id, s_start + length(head1) AS start,
               s_start + length(head1) + length(CAST(pct AS VARCHAR)) + 1 AS "end",
               CAST(pct AS VARCHAR) || '%' AS number_text, pct AS value, CAST(pct AS VARCHAR) AS value_text,
               '%' AS unit, 'percent' AS unit_family, metric, metric AS metric_key
        FROM gen3
        UNION ALL
        SELECT {common}, sentence_id * 2 + 1 AS stat_id, s_start + length(head1 || mid) AS start,
               s_start + length(head1 || mid) + length(CAST(cnt AS VARCHAR)) + 1 AS "end",
               CAST(cnt AS VARCHAR) || '个' AS number_text, cnt AS value, CAST(cnt AS VARCHAR) AS value_text,
               '个' AS unit, 'count' AS unit_family, '新建' || counted AS metric, counted AS metric_key
        FROM gen3
    """)
    con.execute("""
        INSERT INTO year_mentions BY NAME
        SELECT doc_id, sentence_id AS mention_id, year, s_start AS start, s_start + 5 AS "end",
               CAST(year AS VARCHAR) || '年' AS text, 'date' AS kind, sentence_id
        FROM gen3
    """)
    con.execute("""
        INSERT INTO sections BY NAME
        SELECT DISTINCT doc_id, 0 AS section_id, NULL AS parent_id, 1 AS level, '一、' AS marker, '总论' AS
            title,
               '1' AS path, 0 AS start, 1 AS "end"
        FROM gen3
    """)
    con.close()


def check(path: str) -> dict:
    """Run the catalogue once (in this process) and report time, findings and peak memory."""
    from statlint.rules.base import RuleContext
    from statlint.rules.engine import load_rules, run_rules
    from statlint.warehouse import connect

    load_rules()
    con = connect(path, read_only=True)
    n = con.execute("SELECT count(*) FROM statistics").fetchone()[0]
    ctx = RuleContext(con)
    started = time.perf_counter()
    results = run_rules(ctx)
    seconds = time.perf_counter() - started
    con.close()
    crashed = [f.message_en for r, f in results if r.category == "rule_error"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "statistics": n,
        "seconds": round(seconds, 2),
        "findings": len(results),
        "crashed": crashed,
        "peak_mb": round(peak_mb),
        "slowest": sorted(
            ((k, round(v, 2)) for k, v in ctx.options["timings"].items()), key=lambda kv: -kv[1]
        )[:4],
    }


def bench(n: int, workdir: Path) -> dict:
    path = workdir / f"bench_rules_{n}.duckdb"
    t0 = time.perf_counter()
    generate(path, n)
    generated = time.perf_counter() - t0
    out = subprocess.run(
        [sys.executable, __file__, "--check", str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["generate_seconds"] = round(generated, 1)
    target = TARGET_SECONDS.get(n)
    result["ok"] = (
        (target is None or result["seconds"] < target)
        and result["peak_mb"] < TARGET_PEAK_MB
        and not result["crashed"]
    )
    path.unlink(missing_ok=True)
    return result


def main(sizes: tuple[int, ...] = SIZES) -> dict:
    """Generate and check each size; print one line per size and return the figures."""
    figures = {}
    with tempfile.TemporaryDirectory(prefix="statlint_bench_rules_") as tmp:
        for n in sizes:
            r = bench(n, Path(tmp))
            figures[str(n)] = r
            print(
                f"rules on {n:>9,} statistics: {r['seconds']:6.2f} s "
                f"(target {TARGET_SECONDS.get(n, '-')} s), "
                f"peak {r['peak_mb']} MB, {r['findings']} findings, slowest {r['slowest']}",
                flush=True,
            )
    if len(sizes) > 1:
        a, b = figures[str(sizes[0])], figures[str(sizes[-1])]
        figures["scaling"] = round((b["seconds"] / max(a["seconds"], 1e-9)) / (sizes[-1] / sizes[0]), 2)
    return figures


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        print(json.dumps(check(sys.argv[2]), ensure_ascii=False))
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        print(json.dumps(main(tuple(int(a) for a in sys.argv[1:]) or SIZES), ensure_ascii=False))
