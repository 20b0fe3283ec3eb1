"""One typed field reader: every file kind declares its keys once, and reads them the same way.

Like MkDocs' `config_options`: a `Schema` is a list of `Field`s (name, kind of value,
required, default, aliases, Vietnamese label and help, choices), and a `Reader` types
one parsed YAML document against them. Posts, plans and settings share the forgiving
conversions (comma lists, yes/no, dates as people type them), the line of every key
and the messages; the declarations can be listed (`Schema.fields`) to describe a form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from ..text.vndates import DateFormatError, parse_date, parse_deadline
from .errors import Collector
from .values import BAD_FLAG, parse_flag, unknown_key_message
from .yamlsource import Located

ValueKind = Literal[
    "text",  # one line; spaces collapsed
    "block",  # several lines (Markdown, a multi-line cell)
    "strings",  # a list of texts; one text is accepted too
    "flag",  # yes/no, as people write it
    "integer",
    "date",  # a day: 2026-03-12, 12/3/2026
    "datetime",  # a moment: 2026-03-12 08:30
    "deadline",  # a day, or a month, a quarter, "trước …"
    "choice",  # one of `choices`
    "group",  # a mapping with its own fields
    "list",  # a list of groups
]
Default = str | int | bool | None
KeyPath = tuple[str | int, ...]
Value = str | list["Value"] | dict[str, "Value"] | None


@dataclass(frozen=True)
class Field:
    """One key of a file kind, as an editor (or a generated form) sees it."""

    name: str
    kind: ValueKind
    label: str  # Vietnamese, as a form shows it: "Tiêu đề bài viết"
    help: str  # one sentence an editor understands
    required: bool = False
    default: Default = None
    aliases: tuple[str, ...] = ()  # other names read as this key (`author` for `authors`)
    choices: tuple[str, ...] = ()  # the values accepted, when known in advance
    bounds: tuple[int, int] | None = None  # integer: (lowest, highest) accepted
    split: bool = False  # strings: one text is also split at commas (`tags: VNeID, chuyển đổi số`)
    missing: str = ""  # the message when a required key is absent; default: "Thiếu <label> (<name>)."
    fields: Schema | None = None  # group, list: the fields of each mapping

    def missing_message(self) -> str:
        return self.missing or f"Thiếu {self.label[:1].lower()}{self.label[1:]} ({self.name})."


@dataclass(frozen=True)
class Schema:
    """The fields of one file kind (or of one group of keys inside it)."""

    name: str  # "post", "plan", "task"…
    fields: tuple[Field, ...]
    example: str = ""  # a one-line flow mapping, for "must be a group of keys" messages

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def __getitem__(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    def with_choices(self, name: str, choices: tuple[str, ...]) -> Schema:
        """The same fields, `name` offering `choices` known only at build time (the unit's areas)."""
        fields = tuple(replace(f, choices=choices) if f.name == name else f for f in self.fields)
        return replace(self, fields=fields)

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every key read, names and aliases: any other key is warned about."""
        return frozenset(self.names) | {alias for f in self.fields for alias in f.aliases}


def key_text(path: KeyPath) -> str:
    """`("tasks", 3, "schedule", "due")` -> `tasks[3].schedule.due`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class Reader:
    """Types one parsed document; each problem names its file, key path and line.

    `forgiving` (posts): a list where a text is wanted reads as its items joined, and a
    nested mapping as no value; otherwise (plans) both are errors.
    """

    def __init__(self, source: str, doc: Located, problems: Collector, *, forgiving: bool = False) -> None:
        self.source = source
        self.doc = doc
        self.problems = problems
        self.forgiving = forgiving
        self.ok = True

    # Reporting

    def line(self, path: KeyPath) -> int | None:
        """The line of `path`, or of the nearest key above it that has one."""
        while path:
            found = self.doc.line(*path)
            if found:
                return found
            path = path[:-1]
        return None

    def error(self, path: KeyPath, message: str) -> None:
        self.ok = False
        self.problems.error(self.source, message, key_text(path) or None, self.line(path))

    def warn_unknown(self, value: dict[str, Value], schema: Schema, path: KeyPath = ()) -> None:
        """Every key `schema` does not declare: a warning naming the closest one."""
        for key in sorted(set(value) - schema.keys):
            where = (*path, key)
            self.problems.warning(self.source, unknown_key_message(key, schema.keys), key_text(where), self.line(where))

    # Values

    def value(self, path: KeyPath, field: Field) -> str | tuple[str, ...] | bool | dt.date | None:
        """The value at `path`, typed by `field`'s kind (the kinds that need no rule of their own)."""
        readers: dict[str, Callable[[KeyPath], str | tuple[str, ...] | bool | dt.date | None]] = {
            "text": self.text,
            "block": lambda at: self.text(at, block=True),
            "strings": lambda at: self.strings(at, split=field.split),
            "flag": self.flag,
            "date": self.date,
            "deadline": self.deadline,
        }
        return readers[field.kind](path)

    def get(self, path: KeyPath) -> Value:
        value: Value = self.doc.data
        for part in path:
            if isinstance(part, int):
                value = value[part] if isinstance(value, list) and part < len(value) else None
            else:
                value = value.get(part) if isinstance(value, dict) else None
        return value

    def text(self, path: KeyPath, *, block: bool = False) -> str | None:
        """Text; `block` keeps line breaks (Markdown bodies, multi-line cells)."""
        value = self.get(path)
        if value is None:
            return None
        if isinstance(value, dict | list):
            if self.forgiving:
                return _joined(value) or None
            self.error(path, "Cần một đoạn văn bản, không phải danh sách hay nhóm khóa.")
            return None
        if block:
            lines = [line.rstrip() for line in value.strip("\n").splitlines()]
            return "\n".join(lines).strip() or None
        return " ".join(value.split()) or None

    def required_text(self, path: KeyPath, message: str) -> str:
        found = self.text(path)
        if not found:
            self.error(path, message)
        return found or ""

    def strings(self, path: KeyPath, *, split: bool = False) -> tuple[str, ...]:
        """A list of texts; a single text is accepted too (`split`: and split at its commas)."""
        value = self.get(path)
        if value is None:
            return ()
        items: list[Value] = list(value) if isinstance(value, list) else [value]
        if split and isinstance(value, str):
            items = list(value.split(","))
        result = []
        for i, item in enumerate(items):
            if isinstance(item, dict | list):
                if not self.forgiving:
                    self.error((*path, i) if isinstance(value, list) else path, "Mỗi mục phải là một dòng văn bản.")
                continue
            if item is not None and item.strip():
                result.append(" ".join(item.split()))
        return tuple(result)

    def is_inline(self, path: KeyPath) -> bool:
        """A list written on its key's line (`[a, b]`) rather than one `- item` a line."""
        value = self.get(path)
        return isinstance(value, list) and bool(value) and self.doc.line(*path, 0) == self.doc.line(*path)

    def integer(self, path: KeyPath, field: Field, what: str = "") -> int | None:
        """A whole number within `field.bounds`; `what` names it in the message (default: its label)."""
        low, high = field.bounds or (0, 2**31)
        what = what or f"{field.label} ({field.name})"
        value = self.text(path)
        if value is None:
            return None
        if not re.fullmatch(r"\d+", value) or not low <= int(value) <= high:
            self.error(path, f'{what} phải là số nguyên từ {low} đến {high}; đang ghi "{value}".')
            return None
        return int(value)

    def date(self, path: KeyPath, parse: Callable[[str], dt.date] = parse_date) -> dt.date | None:
        """A date; `parse=parse_deadline` also reads a month, a quarter or "trước …" (deadlines)."""
        value = self.text(path)
        if value is None:
            return None
        try:
            return parse(value)
        except DateFormatError as exc:
            self.error(path, str(exc))
            return None

    def deadline(self, path: KeyPath) -> dt.date | None:
        return self.date(path, parse_deadline)

    def flag(self, path: KeyPath) -> bool:
        """Yes or no as people write it (có, x, true…); absent or blank is no."""
        value = self.text(path) or ""
        flag = parse_flag(value)
        if flag is None:
            self.error(path, BAD_FLAG.format(value=value))
        return bool(flag)

    def mapping(self, path: KeyPath, schema: Schema, what: str) -> dict[str, Value] | None:
        """A group of keys (unknown ones warned about); None when absent or not a group."""
        value = self.get(path)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error(path, f"{what} phải là một nhóm khóa, ví dụ {schema.example}.")
            return None
        self.warn_unknown(value, schema, path)
        return value

    def items(self, path: KeyPath, what: str) -> list[Value]:
        value = self.get(path)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, f"{what} phải là một danh sách, mỗi mục một dòng bắt đầu bằng `- `.")
            return []
        return value


def _joined(value: Value) -> str:
    """A list read as one text (`title: [THÔNG BÁO]`); a nested mapping is no usable value."""
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list):
        return ", ".join(_joined(v) for v in value)
    return " ".join(value.split())
