"""MkDocs' own lines in Vietnamese: what `cchc build` and `cchc serve` print besides ours.

MkDocs logs in English ("Documentation built in 2.10 seconds", "Aborted with a
BuildError!"). The `cchc` command rewrites the lines an editor meets, at the one
place they all pass: a filter on MkDocs' log handler, and for the few that
`mkdocs serve` prints without logging, its error stream. A line not in the table
is left as MkDocs wrote it.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

_TIME = r"(?P<time>\[\d\d:\d\d:\d\d\] )?"  # `mkdocs serve` stamps its own lines
_LINES = [
    (r"Aborted with a BuildError!", "Đã dừng: trang chưa được dựng vì các lỗi ở trên."),
    (r"Aborted with a configuration error!", "Đã dừng: tệp cấu hình có lỗi (xem dòng ở trên)."),
    (r"Aborted with (?P<n>\d+) warnings? in strict mode!", "Đã dừng vì --strict: {n} cảnh báo ở trên được coi là lỗi."),
    (
        r"Aborted with (?P<n>\d+) configuration warnings? in 'strict' mode!",
        "Đã dừng vì --strict: {n} cảnh báo về tệp cấu hình.",
    ),
    (
        r"An error happened during the rebuild\. The server will appear stuck until build errors are resolved\.",
        "Có lỗi khi dựng lại trang: trang xem thử giữ bản trước cho đến khi sửa xong các lỗi ở trên "
        "(lưu tệp là trang tự dựng lại).",
    ),
    (r"Config file '(?P<path>.*)' does not exist\.", "Không tìm thấy tệp cấu hình {path}."),
    (r"Cleaning site directory", "Dọn thư mục trang cũ"),
    (r"Building documentation to directory: (?P<path>.*)", "Đang dựng trang vào thư mục {path}"),
    (r"Building documentation\.\.\.", "Đang dựng trang…"),
    (r"Documentation built in (?P<s>[\d.]+) seconds", "Đã dựng xong trong {s} giây"),
    (r"Watching paths for changes: (?P<paths>.*)", "Theo dõi thay đổi trong: {paths}"),
    (r"Serving on (?P<url>\S+) and opening it in a browser", "Xem thử tại {url} (đang mở trình duyệt)"),
    (r"Serving on (?P<url>\S+)", "Xem thử tại {url} (dừng bằng Ctrl+C)"),
    (r"Detected file changes", "Có tệp vừa thay đổi"),
    (r"Reloading browsers", "Tải lại trình duyệt"),
    (r"Browser connected: (?P<url>\S+)", "Trình duyệt đã mở: {url}"),
    (r"Shutting down\.\.\.", "Đang dừng…"),
    (r"Error building page '(?P<page>.*)': (?P<why>.*)", "Lỗi khi tạo trang {page}: {why}"),
    # Usage errors of MkDocs' own options (click).
    (r"No such option:? '?(?P<option>[^'\s]+?)'?(?:[.:] .*)?", "không có tùy chọn {option} (xem cchc build -h)"),
    (r"Option '(?P<option>.*)' requires an argument\.", "tùy chọn {option} cần một giá trị đi kèm"),
]
_PATTERNS = [(re.compile(rf"^{_TIME}{pattern}$", re.S), text) for pattern, text in _LINES]
# MkDocs pads the level name to 8 characters before its "-": "Cảnh báo" fills them, hence its space.
LEVELS = {"DEBUG": "Gỡ lỗi", "INFO": "Tin", "WARNING": "Cảnh báo ", "ERROR": "Lỗi", "CRITICAL": "Lỗi"}


def translate(line: str) -> str:
    """The Vietnamese for one of MkDocs' lines; other lines as they are."""
    for pattern, text in _PATTERNS:
        found = pattern.match(line)
        if found:
            return (found["time"] or "") + text.format(**found.groupdict())
    return line


class VietnameseRecords(logging.Filter):
    """On MkDocs' handler: each record's message and level name, in Vietnamese."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = translate(record.getMessage()), ()
        record.levelname = LEVELS.get(record.levelname, record.levelname)
        return True


class _VietnameseLines:
    """An error stream that translates each whole line written to it (`mkdocs serve` prints some)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self._stream.write(translate(line) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(translate(self._pending))
            self._pending = ""
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding… as the real stream has them
        return getattr(self._stream, name)


@contextmanager
def vietnamese_output(handler: logging.Handler) -> Iterator[None]:
    """While MkDocs runs: its log `handler` and the error stream speak Vietnamese."""
    records = VietnameseRecords()
    handler.addFilter(records)
    stderr, sys.stderr = sys.stderr, _VietnameseLines(sys.stderr)
    try:
        yield
    finally:
        sys.stderr.flush()
        sys.stderr = stderr
        handler.removeFilter(records)
