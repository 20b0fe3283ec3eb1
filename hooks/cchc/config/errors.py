"""Problems found in editors' files, collected and reported together.

One type for every problem: the file, the key and the line where known, and a
Vietnamese message an editor can act on. Errors stop the build; warnings are
logged (and fatal under `--strict`, MkDocs' convention) and are only for what can
still be fixed; notes tell what cannot be (a repeated number the signed document
has), shown by `cchc check` and logged as information, never fatal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Level(Enum):
    ERROR = "Lỗi"
    WARNING = "Cảnh báo"
    NOTE = "Ghi chú"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    key: str | None
    message: str
    level: Level = field(default=Level.ERROR, compare=False)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, dòng {self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: {self.message}"


class ContentErrors(Exception):
    """Raised once with every error of a build, grouped by file."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.key or ""))
        super().__init__(format_report(self.problems))


def format_report(problems: list[Problem]) -> str:
    files = sorted({p.file for p in problems})
    lines = [f"Không thể dựng trang: {len(problems)} lỗi trong {len(files)} tệp."]
    for name in files:
        lines.append(f"  {name}")
        for p in problems:
            if p.file == name:
                lines.append(f"    - {describe(p)}")
    lines.append("Sửa các lỗi trên rồi dựng lại trang. Trang cũ (nếu có) được giữ nguyên.")
    return "\n".join(lines)


def describe(p: Problem) -> str:
    """One problem under its file's heading: `dòng 3, mục `date`: …`."""
    where = f"dòng {p.line}" if p.line else "tệp"
    key = f", mục `{p.key}`" if p.key else ""
    return f"{where}{key}: {p.message}"


class ByLevel:
    """`errors` and `warnings` of anything holding a list of `problems`."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.WARNING]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.NOTE]


class Collector(ByLevel):
    """Gathers problems while files are read; callers never stop at the first one."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, file: str, message: str, key: str | None = None, line: int | None = None) -> None:
        self.problems.append(Problem(file, line, key, message, Level.ERROR))

    def warning(self, file: str, message: str, key: str | None = None, line: int | None = None) -> None:
        self.problems.append(Problem(file, line, key, message, Level.WARNING))

    def note(self, file: str, message: str, key: str | None = None, line: int | None = None) -> None:
        self.problems.append(Problem(file, line, key, message, Level.NOTE))

    def extend(self, other: Collector) -> None:
        self.problems.extend(other.problems)

    def raise_errors(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)
