"""Load and faults against the production-shaped stack (scripts/stack.sh).

    .venv/bin/python bench/load/run.py                      # stages, then every fault drill
    .venv/bin/python bench/load/run.py --stages 8,16 --no-faults --products 20000

Starts the stack (throttles off: every request comes from one address), tops the
catalogue up to --products, then:

- stages: Locust with more users each stage, for --stage-seconds each; per request
  type p50/p95/p99, requests/s, errors and SQL queries (median). The knee is the
  first stage whose p95 over all requests passes 500 ms. A warm-up run comes first
  (renditions of 100,000 products' photos are made on first view).
- fault drills, each under load (--fault-users): an app instance stopped, an
  Elasticsearch node killed, both nodes hung then stopped, Stripe's webhooks replayed,
  shuffled and forged (stripe_storm.py), PostgreSQL restarted, the task worker stopped
  (--worker-minutes). After each: 5xx counted, writes checked.

Prints the tables and writes everything to --out (JSON) for bench/report.py.
Everything shares the machine's cores: the stack, the load generator and this script.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from figures import KNEE_MS, record_ceiling, record_figures  # noqa: E402
from freshness import probe_freshness  # noqa: E402
from phone import HOST, index_converged, waited  # noqa: E402
from stripe_storm import deliver  # noqa: E402

STACK = [str(ROOT / "scripts/stack.sh")]
PYTHON = str(ROOT / ".venv/bin/python")
LOCUST = str(ROOT / ".venv/bin/locust")


def stack(*args, check=True):
    return subprocess.run(
        ["bash", *STACK, *args], check=check, capture_output=True, text=True, cwd=ROOT
    )


def manage(*args, check=True):
    """A manage.py command in the stack's environment; its output."""
    return stack("run", PYTHON, "manage.py", *args, check=check).stdout


def sql(query):
    """One value from the stack's database."""
    script = f"from django.db import connection\nc = connection.cursor()\nc.execute({query!r})\nprint(c.fetchone()[0])"
    return manage("shell", "-c", script).strip().splitlines()[-1]


def run_locust(work, name, users, seconds, fixture, locustfile="locustfile.py"):
    """One headless Locust run; (rows by request name, extra) from its CSV and hook file."""
    prefix, extra = work / name, work / f"{name}.extra.json"
    environment = {**os.environ, "LOAD_FIXTURE": str(fixture), "LOAD_EXTRA": str(extra)}
    subprocess.run(
        [LOCUST, "-f", str(ROOT / "bench/load" / locustfile), "--headless", "--host", HOST,
         "-u", str(users), "-r", str(max(1, users // 2)), "--run-time", f"{seconds}s",
         "--csv", str(prefix), "--only-summary", "--stop-timeout", "10", "--loglevel", "ERROR"],
        check=False, capture_output=True, text=True, env=environment, cwd=work,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    return rows, json.loads(extra.read_text()) if extra.exists() else {}


def summary(rows, extra):
    """[(name, requests, requests/s, p50, p95, p99, failures, 5xx, median queries)]."""
    table = []
    for name, row in rows.items():
        codes = extra.get("statuses", {}).get(name, {})
        queries = extra.get("queries", {}).get(name, [])
        table.append(
            {
                "name": name,
                "requests": int(row["Request Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
                "failures": int(row["Failure Count"]),
                "5xx": sum(n for code, n in codes.items() if code.startswith("5")),
                "queries": queries[len(queries) // 2] if queries else None,
            }
        )
    return table


def print_table(title, table):
    print(f"\n### {title}\n")
    print("| request | n | req/s | p50 | p95 | p99 | errors | 5xx | SQL queries |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in sorted(table, key=lambda r: (r["name"] == "Aggregated", r["name"])):
        print(
            f"| {row['name']} | {row['requests']} | {row['rps']:.1f} | {row['p50']:.0f} | "
            f"{row['p95']:.0f} | {row['p99']:.0f} | {row['failures']} | {row['5xx']} | "
            f"{'' if row['queries'] is None else row['queries']} |"
        )


def stages(work, fixture, users_list, seconds, warmup, label="", during=None):
    """A warm-up first (image renditions are made on first view, caches fill), not counted.
    `during` {users: callable}: run in a thread while that stage loads the site."""
    if warmup:
        run_locust(work, f"warm-up{label}", users_list[0], warmup, fixture)
    results = []
    for users in users_list:
        side = (during or {}).get(users)
        thread = side and threading.Thread(target=side)
        if thread:
            thread.start()
        rows, extra = run_locust(work, f"stage{label}-{users}", users, seconds, fixture)
        if thread:
            thread.join()
        table = summary(rows, extra)
        total = next(row for row in table if row["name"] == "Aggregated")
        results.append({"users": users, "table": table, "total": total, "extra": extra})
        print(
            f"  {users} users: {total['rps']:.1f} requests/s, p95 {total['p95']:.0f} ms, "
            f"errors {total['failures']}",
            flush=True,
        )
    knee = next((stage for stage in results if stage["total"]["p95"] > KNEE_MS), None)
    return results, knee


def drill(work, fixture, name, users, seconds, actions):
    """Load for `seconds` while `actions` [(at second, callable)] run; the summary."""

    def script():
        started = time.monotonic()
        for at, action in actions:
            time.sleep(max(0, at - (time.monotonic() - started)))
            action()

    thread = threading.Thread(target=script)
    thread.start()
    rows, extra = run_locust(work, f"fault-{name}", users, seconds, fixture)
    thread.join()
    table = summary(rows, extra)
    return {"name": name, "table": table, "extra": extra,
            "total": next(row for row in table if row["name"] == "Aggregated")}  # fmt: skip


def cluster_green():
    health = subprocess.run(
        ["curl", "-fsS", "http://127.0.0.1:19211/_cluster/health"], capture_output=True, text=True
    )
    return '"status":"green"' in health.stdout and '"number_of_nodes":3' in health.stdout


def elected_master():
    return stack("es-master").stdout.strip()


def orders_consistent():
    """Orders without a part or a part without a line: a half-written order."""
    return int(
        sql(
            "SELECT count(*) FROM orders_order o WHERE NOT EXISTS (SELECT 1 FROM orders_orderpart p "
            "WHERE p.order_id = o.id) OR EXISTS (SELECT 1 FROM orders_orderpart p WHERE "
            "p.order_id = o.id AND NOT EXISTS (SELECT 1 FROM orders_orderline l WHERE l.part_id = p.id))"
        )
    )


def wait_until(what, check, seconds):
    if waited(check, seconds, every=2) is not None:
        return True
    print(f"  !! {what}: not within {seconds} s")
    return False


def search_converged():
    """The index equals the database, document by document, and nothing waits."""
    status = manage("search_index", "status", check=False)  # non-zero while they differ
    return index_converged(status), status


def stripe_storm(work, fixture, users):
    """Card orders' webhooks replayed, shuffled and forged while the load runs."""
    orders_file = work / "storm-orders.json"
    script = "bench/load/stripe_storm.py"
    stack("run", PYTHON, script, "prepare", "--fixture", str(fixture), "--out", str(orders_file))
    orders = json.loads(orders_file.read_text())
    secret = dict(line.split("=", 1) for line in stack("env").stdout.splitlines() if "=" in line)[
        "STRIPE_WEBHOOK_SECRET"
    ]
    answers = {}

    def storm():
        answers.update(deliver(orders, f"{HOST}/payments/stripe/webhook/", secret))

    result = drill(work, fixture, "Stripe webhooks replayed, shuffled, forged", users, 60,
                   [(5, storm)])  # fmt: skip
    outcome = json.loads(stack("run", PYTHON, script, "check", "--orders", str(orders_file))
                         .stdout.strip().splitlines()[-1])  # fmt: skip
    result.update(webhook_answers=answers, **outcome)
    return result


def faults(work, fixture, users, worker_minutes):
    results = []

    def step(*args):
        return lambda: stack(*args)

    results.append(drill(work, fixture, "app instance stopped", users, 60,
                         [(15, step("stop-app", "2")), (40, step("start-app", "2"))]))  # fmt: skip
    # The elected master first (found through the cluster API), then each other node.
    master = elected_master()
    others = [name for name in ("es-1", "es-2", "es-3") if name != master]
    for role, node in [("the elected master", master), *[("a node", name) for name in others]]:
        results.append(drill(work, fixture, f"Elasticsearch {role} ({node}) killed", users, 75,
                             [(15, step("kill-es", node)), (45, step("start-es", node))]))  # fmt: skip
        results[-1]["green_again"] = wait_until("the node back in the cluster", cluster_green, 180)
        results[-1]["index_converged"] = wait_until(
            "writes reached the index", lambda: search_converged()[0], 180
        )
        results[-1]["master_after"] = elected_master()
    results.append(drill(work, fixture, "Elasticsearch hung, then stopped", users, 90,
                         [(10, step("freeze-es")), (30, step("thaw-es")),
                          (30.5, step("kill-es", "es-1")), (30.5, step("kill-es", "es-2")),
                          (30.5, step("kill-es", "es-3")), (60, step("start-es", "es-1")),
                          (60, step("start-es", "es-2")), (60, step("start-es", "es-3"))]))  # fmt: skip
    converged = wait_until("search index converged", lambda: search_converged()[0], 180)
    results[-1]["index_converged"] = converged
    results[-1]["index_status"] = search_converged()[1]
    results.append(stripe_storm(work, fixture, users))
    results.append(drill(work, fixture, "PostgreSQL restarted", users, 60,
                         [(20, step("restart-postgres"))]))  # fmt: skip
    results[-1]["half_written_orders"] = orders_consistent()

    tasks_before = int(sql("SELECT count(*) FROM django_tasks_database_dbtaskresult"))
    results.append(drill(work, fixture, f"task worker stopped {worker_minutes} min", users,
                         int(worker_minutes * 60), [(1, step("stop-worker"))]))  # fmt: skip
    waiting = int(
        sql("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'")
    )
    stack("start-worker")
    done = wait_until(
        "tasks delivered",
        lambda: (
            int(
                sql(
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
                )
            )
            == 0
        ),
        300,
    )
    failed = int(
        sql("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'")
    )
    results[-1].update(
        tasks_queued=int(sql("SELECT count(*) FROM django_tasks_database_dbtaskresult"))
        - tasks_before,
        tasks_waiting_when_worker_returned=waiting,
        all_delivered=done,
        failed_tasks=failed,
    )
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--stages", default="8,16,32,48,64,96")
    parser.add_argument("--cached-stages", default="16,32,64,128,256,384")
    parser.add_argument("--stage-seconds", type=int, default=60)
    parser.add_argument("--warmup-seconds", type=int, default=60)
    parser.add_argument("--fault-users", type=int, default=16)
    parser.add_argument("--worker-minutes", type=float, default=10)
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--no-stages", action="store_true", help="The fault drills only.")
    parser.add_argument("--ceiling-users", type=int, default=64)
    parser.add_argument("--ceiling-seconds", type=int, default=30)
    parser.add_argument(
        "--only-ceiling", action="store_true", help="The kept pages' ceiling only (ceiling.py)."
    )
    # Not in bench/results/: every file there is a list of figures for bench/report.py.
    parser.add_argument("--out", help="the whole run as JSON (default: in the work folder)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))

    started = time.monotonic()
    env = {**os.environ, "RATELIMIT_ENABLE": "0", "QUERY_COUNT_HEADER": "1"}
    subprocess.run(
        ["bash", *STACK, "start"], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    fixture = work / "fixture.json"
    stack(
        "run",
        PYTHON,
        "bench/load/prepare.py",
        "--products",
        str(args.products),
        "--out",
        str(fixture),
    )
    catalogue = json.loads(fixture.read_text())["counts"]
    print(
        f"stack up and catalogue ready in {time.monotonic() - started:.0f} s: {catalogue}",
        flush=True,
    )

    if args.only_ceiling:
        record_ceiling(ceiling(work, fixture, args.ceiling_users, args.ceiling_seconds))
        return
    users = [] if args.no_stages else [int(u) for u in args.stages.split(",")]
    cached_users = [] if args.no_stages else [int(u) for u in args.cached_stages.split(",")]
    results, knee, cached, cached_knee, freshness = [], None, [], None, {}
    if users:
        # Today's site first: every page drawn by the app (the page cache off everywhere).
        stack("page-cache", "off")
        results, knee = stages(work, fixture, users, args.stage_seconds, args.warmup_seconds)
        stack("page-cache", "on")
        probed = 64 if 64 in cached_users else cached_users[-1]
        cached, cached_knee = stages(
            work, fixture, cached_users, args.stage_seconds, args.warmup_seconds // 3,
            label="-cached", during={probed: lambda: freshness.update(probe_freshness(fixture))},
        )  # fmt: skip
        freshness["users"] = probed
        record_ceiling(ceiling(work, fixture, args.ceiling_users, args.ceiling_seconds))
    for stage in results:
        print_table(f"{stage['users']} users", stage["table"])
    for stage in cached:
        print_table(f"{stage['users']} users, page cache on", stage["table"])
        print("  where pages came from:", stage["extra"].get("cache"))
    print("freshness:", freshness)
    check = stack("run", PYTHON, "manage.py", "check_listing_counts", check=False)
    print("\ncheck_listing_counts after the stages:\n" + check.stdout + check.stderr)
    report = {
        "catalogue": catalogue,
        "stages": results,
        "knee": knee
        and {"users": knee["users"], "rps": knee["total"]["rps"], "p95": knee["total"]["p95"]},
        "cached_stages": cached,
        "cached_knee": cached_knee
        and {
            "users": cached_knee["users"],
            "rps": cached_knee["total"]["rps"],
            "p95": cached_knee["total"]["p95"],
        },
        "freshness": freshness,
        "check_listing_counts": check.returncode == 0,
        "faults": []
        if args.no_faults
        else faults(work, fixture, args.fault_users, args.worker_minutes),
    }
    if not args.no_faults:
        stack("backup")  # the night's backup: the catalogue's top-up is in it, not replayed
        drill_run = stack("restore-drill", "--record", check=False)
        print("\nrestore drill:\n" + drill_run.stdout[-3000:] + drill_run.stderr[-3000:])
    for fault in report["faults"]:
        print_table(f"fault: {fault['name']}", fault["table"])
        print({k: v for k, v in fault.items() if k not in ("table", "extra", "total", "name")})
        print("search backends:", fault["extra"].get("search_backends"))
    out = Path(args.out or work / "report.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    record_figures(report)
    print(f"\nwritten to {out}; knee: {report['knee']}")


def ceiling(work, fixture, users, seconds):
    """Strangers on kept pages only (ceiling.py), the page cache on, a warm-up first."""
    stack("page-cache", "on")
    run_locust(work, "ceiling-warm-up", users, 10, fixture, locustfile="ceiling.py")
    rows, extra = run_locust(work, "ceiling", users, seconds, fixture, locustfile="ceiling.py")
    total = next(row for row in summary(rows, extra) if row["name"] == "Aggregated")
    hits = extra.get("cache", {}).get("kept page", {})
    print(f"  ceiling, {users} strangers on kept pages: {total['rps']:.0f} requests/s, "
          f"p95 {total['p95']:.0f} ms, {hits}", flush=True)  # fmt: skip
    return {"users": users, "total": total, "hits": hits}


if __name__ == "__main__":
    sys.exit(main())
