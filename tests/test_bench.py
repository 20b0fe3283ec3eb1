"""Smoke test: the benchmark runs end to end at a tiny size (its figures are not asserted)."""

import subprocess
import sys

from conftest import REPO


def test_build_benchmark_runs_at_n_20():
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "build_bench.py"), "--sizes", "20", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "| 20 |" in done.stdout
    assert "ratio warm/plain" in done.stdout
