"""YAML read the way editors write it, with the line of every key.

YAML 1.1 would turn `stt: 01` into 1, `stt: 4.1` into a float, `yes` into True
and `2026-03-12 08:30` into a string but `2026-03-12` into a date. Editors mean
none of that, so every scalar stays the text they typed and the schema of each
file kind decides the type. Lines are kept so errors can point at them.

Anchors (`&a`) and aliases (`*a`) are refused as the parser meets them, before any
node is built: editors never need them, and a few lines of aliases to aliases
("billion laughs") expand to gigabytes, or to a loop when an alias names itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from ..text.vntext import nfc


class YamlSyntaxError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Located:
    """A parsed document: plain data plus the 1-based line of each key path."""

    data: Any
    lines: dict[tuple[str | int, ...], int]

    def line(self, *path: str | int) -> int | None:
        return self.lines.get(tuple(path))


_EMPTY = {"", "~", "null", "Null", "NULL"}


def _convert(node: yaml.Node, path: tuple[str | int, ...], lines: dict[tuple[str | int, ...], int], offset: int) -> Any:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.ScalarNode):
        value = nfc(node.value)
        # A blank or `~` plain scalar is "no value"; a quoted "" stays text.
        if not node.style and value.strip() in _EMPTY:  # plain style: None, or "" from libyaml
            return None
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), lines, offset) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = nfc(str(key_node.value)).strip()
            if key in result:  # YAML would let the last one win, silently losing the first
                first, again = lines[(*path, key)], key_node.start_mark.line + 1 + offset
                raise YamlSyntaxError(
                    f"Khóa `{key}` được ghi hai lần (dòng {first} và dòng {again}); hãy giữ một dòng.", again
                )
            lines[(*path, key)] = key_node.start_mark.line + 1 + offset
            result[key] = _convert(value_node, (*path, key), lines, offset)
        return result
    return None  # pragma: no cover - yaml has no other node kinds


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line  # 1-based, in the parsed text


ALIAS_REFUSED = (
    "Không dùng neo `&` hay bí danh `*` của YAML: hãy ghi thẳng giá trị. "
    'Nếu giá trị bắt đầu bằng & hoặc *, hãy đặt nó trong ngoặc kép, ví dụ title: "*Lưu ý* lịch trực".'
)


class _NoAliasComposer(yaml.composer.Composer):
    peek_event: Callable[[], yaml.Event]  # the parser's, which every loader mixes in

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark  # always set by the parsers; the stubs allow None
            raise _AliasFound(mark.line + 1 if mark else 1)
        return super().compose_node(parent, index)


class _PureLoader(_NoAliasComposer, yaml.BaseLoader):
    pass


# libyaml parses; the composer is Python's, so it sees every event and can refuse aliases.
if hasattr(yaml, "CBaseLoader"):

    class _FastLoader(_NoAliasComposer, yaml.CBaseLoader):
        def __init__(self, stream: str) -> None:
            yaml.CBaseLoader.__init__(self, stream)
            self.anchors = {}

    _FAST_LOADER: type = _FastLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _FAST_LOADER = _PureLoader


def parse(text: str, line_offset: int = 0) -> Located:
    """Parse one YAML document; `line_offset` shifts lines (front matter in a file)."""
    try:
        node = _compose(text)
    except _AliasFound as exc:
        raise YamlSyntaxError(ALIAS_REFUSED, exc.line + line_offset) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        raise YamlSyntaxError(_explain(exc), line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"YAML không đọc được: {exc}", None) from None
    if node is None:
        return Located(None, {})
    lines: dict[tuple[str | int, ...], int] = {}
    return Located(_convert(node, (), lines, line_offset), lines)


def _compose(text: str) -> yaml.Node | None:
    # libyaml, when PyYAML has it, reads a thousand posts several times faster; on a
    # syntax error the pure-Python parser reads the text again, so editors get its
    # wording (which `_explain` knows) whichever parser is installed.
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=_PureLoader)


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    hints = {
        "mapping values are not allowed here": (
            "có dấu hai chấm `:` ở chỗ không được phép; nếu giá trị chứa `:` "
            'hãy đặt nó trong ngoặc kép, ví dụ title: "Hội nghị: tổng kết"'
        ),
        "found character '\\t' that cannot start any token": ("có ký tự Tab; hãy dùng dấu cách để thụt lề"),
    }
    for needle, hint in hints.items():
        if needle in problem:
            return f"YAML sai cú pháp: {hint}."
    # The rest: mostly a value starting with a character YAML reserves ([THÔNG BÁO] …, *Lưu ý*).
    return (
        "YAML sai cú pháp: kiểm tra thụt lề và dấu `:`; giá trị bắt đầu bằng [ { * & ! % @ ` hoặc "
        'chứa dấu `: ` hay ` #` phải đặt trong ngoặc kép, ví dụ title: "[THÔNG BÁO] Lịch trực Tết". '
        f"(Chi tiết kỹ thuật: {problem or exc.context})"
    )
