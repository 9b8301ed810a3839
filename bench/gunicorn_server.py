"""The site under gunicorn on 127.0.0.1 for a benchmark, as `make run` serves it."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def serve(port, elasticsearch_url, workers=2, ready_path="/robots.txt"):
    """Start gunicorn with this ELASTICSEARCH_URL; return the process once it answers."""
    env = {**os.environ, "ELASTICSEARCH_URL": elasticsearch_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--pythonpath", str(ROOT / "site"), "--chdir",
         str(ROOT), "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "30",
         "--log-level", "warning", "marketplace.wsgi:application"],
        env=env,
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")
