"""Smoke test of the image benchmark (the figures in the README come from a full run)."""

import subprocess
import sys

from conftest import REPO


def test_benchmark_runs_cold_then_warm():
    out = subprocess.run(
        [sys.executable, str(REPO / "bench/images.py"), "-n", "2", "--size", "400x300"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    cold, warm = (line for line in out.splitlines() if line.startswith(("cold:", "warm:")))
    assert "encoded 2, reused 0" in cold and "peak RSS" in cold
    assert "encoded 0, reused 2" in warm
