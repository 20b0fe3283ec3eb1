"""A text progress bar for long steps, shown only when someone watches a terminal.

Logs, CI and pipes get nothing from it (no carriage-return noise in files); an
editor running `cchc publish` in a terminal sees the build advance.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
WIDTH = 30


class Progress:
    """`Progress(total, "Dựng trang")`, then `advance()` per item; `close()` if stopping early."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, interval: float = 0.1) -> None:
        self.total = max(total, 0)
        self.label = label
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.visible = self.total > 0 and _is_terminal(self.stream)
        self.interval = interval  # seconds between redraws: drawing must not slow the build
        self._drawn_at = 0.0
        self._drawn = -1  # `done` when last drawn

    def advance(self, n: int = 1) -> None:
        """One more item done; the bar ends its line by itself after the last one."""
        self.done = min(self.done + n, self.total)
        now = time.monotonic()
        if self.visible and (now - self._drawn_at >= self.interval or self.done == self.total):
            self._drawn_at = now
            self._draw()
        if self.done == self.total:
            self.close()

    def close(self) -> None:
        if self.visible:
            if self._drawn != self.done:
                self._draw()
            self.stream.write("\n")
            self.stream.flush()
            self.visible = False

    def _draw(self) -> None:
        filled = WIDTH * self.done // self.total
        percent = 100 * self.done // self.total
        bar = "#" * filled + "-" * (WIDTH - filled)
        self._drawn = self.done
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} ({percent}%)")
        self.stream.flush()


def track(items: Iterable[T], label: str, total: int | None = None, stream: TextIO | None = None) -> Iterator[T]:
    """Iterate `items` with a progress bar: `for image in track(images, "Xử lý ảnh"): ...`."""
    if total is None:
        items = list(items)
        total = len(items)
    bar = Progress(total, label, stream)
    try:
        for item in items:
            yield item
            bar.advance()
    finally:
        bar.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False
