"""The front matter of the pages we hand MkDocs, written as JSON (which YAML reads as a flow mapping).

PyYAML's emitter is pure Python and took a quarter of `on_files` at 1,000 posts; `json` is C.
JSON alone is not quite YAML, though: YAML refuses some characters JSON leaves raw (C1
controls, U+FEFF, U+FFFE/F) and reads NEL, LS and PS (U+0085, U+2028, U+2029) as line breaks
inside a quoted scalar, folding them into spaces. Those are written as `\\uXXXX`, an escape both
read alike, so any title an editor writes comes back from MkDocs' YAML parser unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

# What YAML 1.1 (PyYAML and libyaml) does not read back as itself inside a double-quoted scalar.
_NOT_YAML_SAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")

FrontValue = str | bool | list[str] | Mapping[str, bool]


def front_matter(meta: Mapping[str, FrontValue]) -> str:
    """`---`, the metadata on one line, `---`: the head of a page source for MkDocs."""
    text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    return f"---\n{_NOT_YAML_SAFE.sub(_escape, text)}\n---\n"


def _escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"
