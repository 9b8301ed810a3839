"""Rewrite bench/README.md from bench/results/*.json: the machine, how to reproduce,
and one table of every figure with what it is compared against and its target."""

import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", BENCH / "results"))
ORDER = [
    ("slow_phone", "Public pages on a slow 3G phone (`bench/slow_phone.py`)"),
    ("listing_pages", "Listing pages at 100,000 products (`bench/listing_pages.py`)"),
    ("photo_processing", "Photo processing (`bench/photo_processing.py`)"),
    ("search", "Search at 100,000 products, Elasticsearch vs the database (`bench/search.py`)"),
    ("search_outage", "Search while Elasticsearch hangs or is stopped (`bench/search_outage.py`)"),
    ("listing_figures", "Officials' figures (`bench/listing_figures.py`)"),
    ("checkout", "Checkout on PostgreSQL (`bench/checkout.py`)"),
    ("harvests", "Harvests: the supply outlook and pre-orders racing (`bench/harvests.py`)"),
    ("price_board", "The market price board at 1,000,000 sales (`bench/price_board.py`)"),
    ("notifications", "A burst of orders' texts on PostgreSQL (`bench/notifications.py`)"),
    ("load", "The production-shaped stack under load (`bench/load/run.py`)"),
    ("faults", "Faults under load (`bench/load/run.py`)"),
    ("page_cache", "The page cache: with and without, freshness (`bench/load/run.py`)"),
    (
        "restore",
        "The restore drill: PostgreSQL's disk lost under orders (`bench/load/restore_drill.py`)",
    ),
    ("mutants", "Mutations of the core rules (`make mutants`, `mutants/mutations.toml`)"),
]


def command(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine():
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    memory = next(
        int(line.split()[1]) // 2**20 for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )  # fmt: skip
    postgres = command("bash", "-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1")
    return [
        f"{os.cpu_count()} cores ({cpu}), {memory} GiB memory",
        f"{platform.platform()}, Python {platform.python_version()}",
        command(f"{postgres}/postgres", "--version") if postgres else "PostgreSQL: not installed",
        "Elasticsearch 8.19.21 (the minimal distribution and the project's analysis plugin), "
        "stripe-mock v0.203.0, nginx "
        + command("bash", "-c", "/usr/sbin/nginx -v 2>&1 | cut -d/ -f2"),
    ]


def cell(row):
    value = f"{row['value']:,}" if isinstance(row["value"], int) else str(row["value"])
    return f"{value} {row['unit']}".strip()


def verdict(row):
    return {True: "pass", False: "**FAIL**", None: "—"}[row["passed"]]


def main():
    files = {path.stem: json.loads(path.read_text()) for path in sorted(RESULTS.glob("*.json"))}
    if not files:
        sys.exit(f"No results in {RESULTS}: run the benchmarks first (make bench).")
    lines = [
        "# Benchmarks",
        "",
        f"Written by `bench/report.py` from the figures of `make bench`, {datetime.date.today()}.",
        "Notes on each benchmark, what changed its figures and earlier measurements are in",
        "[NOTES.md](NOTES.md).",
        "",
        "## The machine",
        "",
        *[f"- {line}" for line in machine()],
        "- Everything shares these cores: the site, its services, and the clients that load it.",
        "",
        "## How to reproduce",
        "",
        "```sh",
        "make bench                  # about an hour; WORKER_MINUTES=10 for the full worker drill",
        "make bench-report           # this file again from bench/results/",
        "```",
        "",
        "`make bench` starts the services it needs (`scripts/services.sh`, and the stack of",
        "`scripts/stack.sh` for the load and fault drills), runs each benchmark, stops",
        "everything and rewrites this file. Each script can also be run on its own (see NOTES.md).",
        "",
        "## Every figure",
        "",
        "| benchmark | figure | value | compared with | target | |",
        "|---|---|---|---|---|---|",
    ]
    known = [name for name, _ in ORDER]
    for name, title in [*ORDER, *[(stem, stem) for stem in files if stem not in known]]:
        for row in files.get(name, []):
            lines.append(
                f"| {title.split(' (')[0]} | {row['figure']} | {cell(row)} | "
                f"{row['compared_with']} | {row['target']} | {verdict(row)} |"
            )
    failed = [row for rows in files.values() for row in rows if row["passed"] is False]
    lines += [
        "",
        f"{sum(len(rows) for rows in files.values())} figures, {len(failed)} below target.",
        "",
    ]
    (BENCH / "README.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
