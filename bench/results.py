"""Where benchmarks leave their figures for bench/report.py (they print them too).

record() appends one figure to bench/results/<benchmark>.json (BENCH_RESULTS moves
the folder); `make bench` clears the folder first, runs the benchmarks, then
bench/report.py turns every file into the table of bench/README.md.
"""

import json
import os
from pathlib import Path

FOLDER = Path(os.environ.get("BENCH_RESULTS", Path(__file__).resolve().parent / "results"))


def record(benchmark, figure, value, unit="", compared_with="", target="", passed=None):
    """One figure; `target` in words ("< 50 ms"), `passed` whether it was met (None: no target)."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / f"{benchmark}.json"
    rows = json.loads(path.read_text()) if path.exists() else []
    rows = [row for row in rows if row["figure"] != figure]
    rows.append(
        {
            "figure": figure,
            "value": value,
            "unit": unit,
            "compared_with": compared_with,
            "target": target,
            "passed": passed,
        }
    )
    path.write_text(json.dumps(rows, indent=1, ensure_ascii=False))
