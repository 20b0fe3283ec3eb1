"""The `cchc` command's help and usage errors in Vietnamese.

argparse words its help and its errors in English ("usage:", "invalid choice",
"the following arguments are required"). A parser class of our own writes the
help's headings and its own `-h`, and says each usage error in Vietnamese; its
subcommands' parsers are of the same class.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

HELP = "hiện hướng dẫn này rồi thoát"
# argparse's error messages (Python 3.11+), each with its Vietnamese wording.
_ERRORS = [
    (
        r"argument (?P<arg>\S+): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)",
        'không có "{value}"; chọn một trong: {choices}',
    ),
    (r"the following arguments are required: (?P<args>.*)", "thiếu {args}"),
    (r"unrecognized arguments: (?P<args>.*)", "không hiểu tùy chọn: {args}"),
    (r"argument (?P<arg>\S+): expected one argument", "tùy chọn {arg} cần một giá trị đi kèm"),
    (
        r"argument (?P<arg>\S+): ignored explicit argument '(?P<value>.*)'",
        'tùy chọn {arg} không nhận giá trị "{value}"',
    ),
    (r"ambiguous option: (?P<arg>\S+) could match (?P<choices>.*)", "tùy chọn {arg} chưa rõ, có thể là {choices}"),
]
_PATTERNS = [(re.compile(f"^{pattern}$"), text) for pattern, text in _ERRORS]


def _vietnamese(message: str) -> str:
    for pattern, text in _PATTERNS:
        found = pattern.match(message)
        if found:
            return text.format(**found.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose every line is Vietnamese.

    Arguments go in `self.arguments` (positional) and `self.options`: the default
    groups carry English titles, and argparse leaves a group out of the help when empty.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # ours, in Vietnamese, below
        super().__init__(*args, **kwargs)
        self.arguments = self.add_argument_group("Tham số")
        self.options = self.add_argument_group("Tùy chọn")
        self.options.add_argument("-h", "--help", action="help", help=HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {_vietnamese(message)}\n")
