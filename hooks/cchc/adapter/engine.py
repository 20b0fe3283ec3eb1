"""The engine that builds the site: MkDocs 1.6 itself, or ProperDocs, its maintained fork.

ProperDocs is a drop-in replacement: once `properdocs.replacement` is imported, every
`mkdocs.*` import (ours, Material's, the hook file's) is answered by `properdocs.*`. Its
own command imports it; the `cchc` command does the same when MkDocs is not installed.
"""

from __future__ import annotations

import importlib


def load() -> str:
    """Makes `mkdocs.*` importable (MkDocs when installed, else ProperDocs); the engine's name."""
    try:
        mkdocs = importlib.import_module("mkdocs")
    except ModuleNotFoundError:
        importlib.import_module("properdocs.replacement")
        mkdocs = importlib.import_module("mkdocs")
    return str(mkdocs.__name__)  # "properdocs" once replaced
