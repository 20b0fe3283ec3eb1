"""The engine: MkDocs, or ProperDocs where only it is installed (`.ci/run` runs the suite under both)."""

import os
import subprocess
import sys

from cchc.adapter import engine

# `.ci/run` names the engine of its second run; otherwise the suite runs on MkDocs.
EXPECTED = os.environ.get("CCHC_ENGINE", "mkdocs")


def test_the_suite_builds_with_the_expected_engine():
    from mkdocs.commands import build  # what conftest's builds call

    assert engine.load() == EXPECTED
    assert build.__name__ == f"{EXPECTED}.commands.build"


def test_the_cchc_command_finds_the_engine_by_itself():
    # A fresh process: no pytest plugin has redirected `mkdocs.*` yet.
    code = "from cchc.adapter import engine; from cchc.commands import cli; print(engine.load())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == EXPECTED, result.stderr
