"""End-to-end benchmark: `statlint run` on 1, 10, 100 and 1,000 seed-sized documents, with 1 and 2 workers.

Each case is a fresh subprocess (`statlint run` as a steward would type it) on a generated corpus, with a
fresh warehouse; wall time, CPU time (user + system of the whole process tree: the CLI, Prefect's server, Dask
workers) and the peak memory of the tree are measured from outside. CPU time is the figure to compare on a
shared machine, where wall time depends on what else runs. Start-up (Python, Prefect's ephemeral server, the
Dask cluster) is measured on an empty folder, after one warm-up run that creates the bench's Prefect home and
database (a steward's persists across runs), and subtracted for the throughput figure; a re-run with nothing
changed is timed last.

    python -m benchmarks.bench_pipeline [--sizes 1,10,100,1000] [--workers 1,2] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "digital_government_society_report.txt"
STATLINT = (
    [sys.executable, "-m", "statlint.cli"]
    if not (ROOT / ".venv/bin/statlint").exists()
    else [str(ROOT / ".venv/bin/statlint")]
)


def make_corpus(folder: Path, n: int, seed_text: str | None = None) -> int:
    """n variants of the seed report: same size and structure, different figures, so every file is new work.

    Returns the total bytes written."""
    text = seed_text if seed_text is not None else SEED.read_text("utf-8")
    digits = [m.start() for m in re.finditer(r"(?<=\d)\d", text)]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        rng = random.Random(i)
        chars = list(text)
        for pos in rng.sample(digits, min(40, len(digits))):
            chars[pos] = str(rng.randrange(10))
        data = "".join(chars).encode("utf-8")
        (folder / f"report_{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def _proc_kb(path: str, field: str) -> int | None:
    """A `field:  N kB` line of a /proc file, in bytes (None if the process is gone or has no such line)."""
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _pss(pid: int) -> int:
    """Proportional set size: resident memory with shared pages (libraries, forked copies) divided among the
    processes sharing them, so a tree's sum is the memory it really holds; 0 if unavailable."""
    return _proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:") or 0


def _rss_anon(pid: int) -> int | None:
    """Private (anonymous) resident memory, from the kernel's counters: no walk of the address space."""
    return _proc_kb(f"/proc/{pid}/status", "RssAnon:")


# A full PSS reading walks every mapping of a process (5-8 ms of CPU for a worker with Polars and DuckDB
# loaded, holding the process's memory-map lock meanwhile): the whole tree every 100 ms cost ~30 % of a core,
# which on two cores slowed the run being measured by ~10 %. Between full readings, a process is counted as
# its last PSS plus the change of its private memory since (what moves during a run; libraries stay put).
FULL_READING_SECONDS = 1.0


class TreeMemory:
    """Memory (PSS) of a process and all its descendants (Prefect server, Dask nannies and workers)."""

    def __init__(self, pid: int, full_every: float = FULL_READING_SECONDS) -> None:
        self.pid = pid
        self.full_every = full_every
        self._full: dict[int, tuple[float, int, int]] = {}  # pid -> (when, PSS, private memory then)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        out, stack = [], [self.pid]
        while stack:
            p = stack.pop()
            out.append(p)
            stack.extend(children.get(p, []))
        return out

    def sample(self) -> int:
        now, total = time.monotonic(), 0
        for p in self._tree():
            anon = _rss_anon(p)
            if anon is None:
                continue  # gone, or a kernel thread
            full = self._full.get(p)
            if full is None or now - full[0] >= self.full_every:
                full = (now, _pss(p), anon)
                self._full[p] = full
            total += max(0, full[1] + anon - full[2])
        return total


@dataclass
class Measure:
    seconds: float
    peak_bytes: int
    returncode: int
    stderr: str
    cpu_seconds: float = 0.0  # user + system of the process tree (every process waited for by its parent)


def run_statlint(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    """Run `statlint ...` and sample the process tree's memory every 100 ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*STATLINT, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak, tree = 0, TreeMemory(proc.pid)
    while proc.poll() is None:
        peak = max(peak, tree.sample())
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measure(seconds, peak, proc.returncode, proc.stderr.read() if proc.stderr else "", cpu)


def rules_off_config(case: Path) -> Path:
    """A statlint.toml turning every rule off: isolates ingest and report cost from the rule catalogue's."""
    from statlint.rules.engine import load_rules

    cfg = case / "rules_off.toml"
    cfg.write_text("[rules]\n" + "".join(f'{r} = "off"\n' for r in load_rules()), "utf-8")
    return cfg


def bench_case(work: Path, n: int, workers: int, env: dict[str, str], rules_off: bool = False) -> dict:
    corpus = work / f"corpus_{n}"
    if not corpus.exists():
        make_corpus(corpus, n)
    size = sum(f.stat().st_size for f in corpus.iterdir())
    case = work / f"case_{n}_{workers}"
    case.mkdir()
    more = ["--config", str(rules_off_config(case))] if rules_off else []
    args = [
        "run",
        str(corpus),
        "--warehouse",
        str(case / "w.duckdb"),
        "--reports",
        str(case / "reports"),
        "--workers",
        str(workers),
        *more,
    ]
    first = run_statlint(args, case, env)
    if first.returncode not in (0, 1):
        raise RuntimeError(f"statlint run failed ({first.returncode}):\n{first.stderr[-3000:]}")
    again = run_statlint(args, case, env)
    return {
        "n": n,
        "rules_off": rules_off,
        "workers": workers,
        "bytes": size,
        "seconds": first.seconds,
        "cpu": first.cpu_seconds,
        "peak": first.peak_bytes,
        "rerun": again.seconds,
        "rerun_cpu": again.cpu_seconds,
        "stages": stages(first.stderr),
        "rerun_stages": stages(again.stderr),
    }


def stages(stderr: str) -> dict[str, float]:
    """The per-stage seconds `statlint run` prints: ingest (read..load), check (rules), report."""
    m = re.search(r"stage seconds: ingest ([\d.]+), check ([\d.]+), report ([\d.]+)", stderr)
    return dict(zip(("ingest", "check", "report"), map(float, m.groups()), strict=True)) if m else {}


def startup(work: Path, workers: int, env: dict[str, str], name: str = "startup") -> Measure:
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    case = work / f"{name}_{workers}"
    case.mkdir(exist_ok=True)
    return run_statlint(
        [
            "run",
            str(empty),
            "--warehouse",
            str(case / "w.duckdb"),
            "--reports",
            str(case / "reports"),
            "--workers",
            str(workers),
        ],
        case,
        env,
    )


def table(rows: list[dict], starts: dict[int, float], start_cpu: dict[int, float] | None = None) -> str:
    """Markdown: end-to-end figures, then the stages statlint reports (ingest = read..validate..load)."""
    start_cpu = start_cpu or {}
    lines = [
        "| docs | MB | workers | end to end (s) | CPU (s) | CPU after start-up (s) | after start-up (s) "
        "| MB/s/core after start-up | ingest (s) | ingest MB/s/core | check (s) | report (s) | peak MB "
        "| re-run (s) | re-run after start-up (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        net = max(r["seconds"] - starts[r["workers"]], 1e-3)
        mb = r["bytes"] / 1e6
        st = r.get("stages") or {}
        ing = st.get("ingest")
        cells = [
            f"{r['n']}{' (rules off)' if r.get('rules_off') else ''}",
            f"{mb:.1f}",
            r["workers"],
            f"{r['seconds']:.1f}",
            f"{r.get('cpu', 0):.1f}",
            f"{max(r.get('cpu', 0) - start_cpu.get(r['workers'], 0), 0):.1f}",
            f"{net:.1f}",
            f"{mb / net / r['workers']:.2f}",
            "" if ing is None else f"{ing:.1f}",
            "" if not ing else f"{mb / ing / r['workers']:.2f}",
            f"{st.get('check', 0):.1f}",
            f"{st.get('report', 0):.1f}",
            f"{r['peak'] / 2**20:.0f}",
            f"{r['rerun']:.1f}",
            f"{max(r['rerun'] - starts[r['workers']], 0):.1f}",
        ]
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1,10,100,1000"))
    ap.add_argument("--workers", default=os.environ.get("BENCH_WORKERS", "1,2"))
    ap.add_argument("--out", type=Path, default=None, help="also write the Markdown table here")
    ap.add_argument(
        "--rules-off-sizes",
        default=os.environ.get("BENCH_RULES_OFF_SIZES", ""),
        help="corpus sizes to run with every rule off (isolates ingest and report cost)",
    )
    args = ap.parse_args(argv if argv is not None else [])
    sizes = [int(s) for s in args.sizes.split(",")]
    workers = [int(w) for w in args.workers.split(",")]
    rules_off = {int(s) for s in args.rules_off_sizes.split(",") if s}
    with tempfile.TemporaryDirectory(prefix="statlint-bench-") as tmp:
        work = Path(tmp)
        env = dict(
            os.environ,
            PREFECT_HOME=str(work / "prefect_home"),
            PREFECT_SERVER_ANALYTICS_ENABLED="false",
            DO_NOT_TRACK="1",
        )
        env.pop("PREFECT_API_URL", None)
        warm = startup(
            work, 1, env, name="warm-up"
        )  # creates the Prefect home and database once, as a steward's first run
        print(
            f"first run (fresh Prefect home): {warm.seconds:.1f} s, CPU {warm.cpu_seconds:.1f} s", flush=True
        )
        starts, start_cpu = {}, {}
        for w in workers:
            m = startup(work, w, env)
            starts[w], start_cpu[w] = m.seconds, m.cpu_seconds
            print(
                f"start-up, {w} worker(s): {m.seconds:.1f} s, CPU {m.cpu_seconds:.1f} s, "
                f"peak {m.peak_bytes / 2**20:.0f} MB",
                flush=True,
            )
        rows = []
        for n in sizes:
            for w in workers:
                r = bench_case(work, n, w, env, rules_off=n in rules_off)
                rows.append(r)
                print(
                    f"{n} documents, {w} worker(s): {r['seconds']:.1f} s (CPU {r['cpu']:.1f} s), "
                    f"peak {r['peak'] / 2**20:.0f} MB, re-run {r['rerun']:.1f} s "
                    f"(CPU {r['rerun_cpu']:.1f} s), stages {r['stages']}",
                    flush=True,
                )
    out = table(rows, starts, start_cpu)
    print(out)
    if args.out:
        args.out.write_text(out + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
