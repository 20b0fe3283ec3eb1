"""Values as editors type them in YAML, shared by posts and plans, and the checks both make.

`yamlsource` keeps every scalar as the text typed; these turn that text into a
yes/no, and give the messages both file kinds use for the same mistakes.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

_TRUE = {"true", "yes", "on", "1", "có", "co", "x"}
_FALSE = {"false", "no", "off", "0", "không", "khong", ""}
BAD_FLAG = 'Giá trị "{value}" không hợp lệ; hãy ghi true hoặc false.'


def parse_flag(text: str) -> bool | None:
    """True/False for the ways people write yes and no (blank is no); None when unclear."""
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


def unknown_key_message(key: str, known: Iterable[str]) -> str:
    """`categoies` → a warning that suggests `categories`."""
    found = closest(key, {k: k for k in known})
    hint = f" Có phải ý bạn là `{found}`?" if found else ""
    return f"Khóa `{key}` không được hỗ trợ và bị bỏ qua.{hint}"


def closest(value: str, choices: dict[str, T]) -> T | None:
    """The choice whose name is nearest `value` (names compared as typed), if one is near."""
    found = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.7)
    return choices[found[0]] if found else None


def repeats(items: Iterable[T], key: Callable[[T], str]) -> Iterator[tuple[T, T]]:
    """(item, the first with the same key) for every later item that repeats a key: slugs, plan ids."""
    seen: dict[str, T] = {}
    for item in items:
        first = seen.setdefault(key(item), item)
        if first is not item:
            yield item, first
