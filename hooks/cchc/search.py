"""Search without diacritics: `cai cach thu tuc` must find "cải cách thủ tục".

Material's search indexes the page text in the browser with lunr. People on
phones often type without marks, so each entry's text also carries a folded
copy of its title and text; lunr then matches either spelling. The folded copy
comes last, so result snippets start with the real text.
"""

from __future__ import annotations

import json
from pathlib import Path

from .vntext import fold


def fold_entry(entry: dict) -> dict:
    title, text = entry.get("title") or "", entry.get("text") or ""
    folded = fold(f"{title} {text}")
    if folded != f"{title} {text}":
        entry["text"] = f"{text} {folded}".strip()
    return entry


def fold_index(path: Path) -> None:
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [fold_entry(doc) for doc in index.get("docs", [])]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
