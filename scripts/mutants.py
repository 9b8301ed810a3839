"""`make mutants`: put each one-line bug of mutants/mutations.toml into the code, run the
tests of its area on the embedded default, and count it killed when they fail.

Prints every survivor and the kill rate, writes bench/results/mutants.json for
bench/README.md, and exits 1 unless every mutation is killed. The file is restored
after each run, whatever happens.
"""

import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVICES = (
    "DATABASE_URL",
    "ELASTICSEARCH_URL",
    "STRIPE_API_BASE",
    "STRIPE_SECRET_KEY",
    "S3_ENDPOINT_URL",
)
EMBEDDED = (
    "not postgres and not elasticsearch and not stripe and not s3 and not stack and not browser"
)


def run_tests(tests):
    env = {key: value for key, value in os.environ.items() if key not in SERVICES}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-x",
        "-p",
        "no:cacheprovider",
        "-m",
        EMBEDDED,
        *tests,
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def mutate(mutation):
    path = ROOT / mutation["file"]
    original = path.read_text()
    if original.count(mutation["find"]) != 1:
        raise SystemExit(
            f"{mutation['file']}: the text to mutate is not there exactly once: {mutation['rule']}"
        )
    path.write_text(original.replace(mutation["find"], mutation["replace"]))
    try:
        return run_tests(mutation["tests"]).returncode != 0
    finally:
        path.write_text(original)


def main():
    # A runner stopped by SIGTERM still puts the file it mutated back (the finally above).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    mutations = tomllib.loads((ROOT / "mutants" / "mutations.toml").read_text())["mutation"]
    baseline = run_tests(sorted({test for mutation in mutations for test in mutation["tests"]}))
    if baseline.returncode != 0:
        print(baseline.stdout[-3000:])
        raise SystemExit("The tests fail without any mutation: fix them first.")
    started, results = time.monotonic(), []
    for number, mutation in enumerate(mutations, 1):
        killed = mutate(mutation)
        results.append({"rule": mutation["rule"], "file": mutation["file"], "killed": killed})
        print(
            f"[{number}/{len(mutations)}] {'killed  ' if killed else 'SURVIVED'} {mutation['rule']}",
            flush=True,
        )
    killed = sum(result["killed"] for result in results)
    survivors = [result for result in results if not result["killed"]]
    print(
        f"\n{killed} of {len(results)} mutations killed ({100 * killed / len(results):.0f} %) "
        f"in {time.monotonic() - started:.0f} s"
    )
    for survivor in survivors:
        print(f"  survived: {survivor['rule']} ({survivor['file']})")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    # One row in the shape bench/report.py reads, the survivors named beside it.
    row = {
        "figure": "one-line bugs of the core rules killed by their area's tests (embedded default)",
        "value": f"{killed} of {len(results)}",
        "unit": f"({100 * killed / len(results):.0f} %)",
        "compared_with": "survivors: "
        + (", ".join(survivor["rule"] for survivor in survivors) or "none")
        + "; the issue 22 audit: 16 of 44 (36 %) on the embedded default",
        "target": "every listed mutation killed",
        "passed": not survivors,
    }
    (out / "mutants.json").write_text(json.dumps([row], ensure_ascii=False, indent=1))
    sys.exit(1 if survivors else 0)


if __name__ == "__main__":
    main()
