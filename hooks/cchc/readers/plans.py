"""Plans (kế hoạch tuyên truyền CCHC): `plans/*.yaml` per shared/FORMATS.md §2.

A plan is the data of an official Word document: its heading (issuer, number,
place, date), its body, and the Phụ lục task table. Reading is forgiving the way
`yamlsource` is (every scalar arrives as the text typed); each value is typed
here, and every mistake is collected with the file, the key path
(`tasks[3].schedule.due`) and the line.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from ..config import limits, urls
from ..config.errors import Collector
from ..config.fields import Field, KeyPath, Reader, Schema, Value, key_text
from ..config.settings import PER_MONTH_MESSAGE, PortalQuota, Settings, quota_range
from ..config.settings import PORTAL as PORTAL_RULE
from ..config.values import repeats
from ..config.yamlsource import Located
from ..text.vndates import DateFormatError, parse_deadline
from ..text.vntext import match_key, slugify
from .sources import read_yaml_file

PERIOD_WORDS = {"month": "tháng", "quarter": "quý", "year": "năm"}
QUARTERS = ("I", "II", "III", "IV")
# Editors write the period in English (the documented form) or in Vietnamese.
_PERIOD_ALIASES = {
    "month": "month",
    "monthly": "month",
    "thang": "month",
    "hang thang": "month",
    "moi thang": "month",
    "quarter": "quarter",
    "quarterly": "quarter",
    "quy": "quarter",
    "hang quy": "quarter",
    "moi quy": "quarter",
    "year": "year",
    "yearly": "year",
    "nam": "year",
    "hang nam": "year",
    "moi nam": "year",
}
# "định kỳ hằng quý": the words plans put before the period.
_PERIODIC = re.compile(r"^(?:dinh ky|theo dinh ky)\s+")
_STT = re.compile(r"^\d+(?:\.\d+)*\.?$")
_MONTH_ONLY = re.compile(r"^(?:(?P<y>\d{4})-(?P<m>\d{1,2})|(?P<m2>\d{1,2})/(?P<y2>\d{4}))$")
_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


_PERIOD_CHOICES = ("month", "quarter", "year")
_ONE_TEXT = "Một dòng văn bản."
SIGNER = Schema(
    "signer",
    (
        Field(
            "name",
            "text",
            "Họ tên người ký",
            "Họ và tên, như dưới chữ ký.",
            True,
            missing="Thiếu họ tên người ký (signer.name).",
        ),
        Field("title", "block", "Chức vụ người ký", "Mỗi dòng một dòng chữ, ví dụ KT. GIÁM ĐỐC rồi PHÓ GIÁM ĐỐC."),
    ),
    "{name: Trịnh Tiến Khoa, title: Giám đốc}",
)
SECTION = Schema(
    "section",
    (
        Field("heading", "text", "Tiêu đề phần", "Ví dụ: I. MỤC ĐÍCH, YÊU CẦU."),
        Field("body", "block", "Nội dung phần", "Viết bằng Markdown, như trong văn bản."),
    ),
    "{heading: I. MỤC ĐÍCH, YÊU CẦU, body: …}",
)
SCHEDULE = Schema(
    "schedule",
    (
        Field("due", "deadline", "Hạn", "Một ngày, một tháng hoặc một quý, ví dụ 30/09/2026 hoặc quý III/2026."),
        Field("dates", "strings", "Các hạn", "Nhiều ngày hạn, ví dụ [05/03/2026, 05/09/2026]."),
        Field("every", "choice", "Chu kỳ", "Hạn lặp lại mỗi tháng, quý hoặc năm.", choices=_PERIOD_CHOICES),
        Field(
            "day", "integer", "Ngày hạn trong tháng", "Dùng cùng chu kỳ; để trống là ngày cuối tháng.", bounds=(1, 31)
        ),
        Field("ongoing", "flag", "Thường xuyên", "Ghi có khi nhiệm vụ làm thường xuyên, không có hạn.", default=False),
    ),
    "{due: 2026-02-28} hoặc {every: month, day: 20}",
)
EXPECTS = Schema(
    "expects",
    (
        Field("posts", "integer", "Số bài", "Số bài viết cần có cho nhiệm vụ.", default=1, bounds=(1, 1000)),
        Field("per", "choice", "Mỗi kỳ", "Để trống: cho cả năm kế hoạch.", choices=_PERIOD_CHOICES),
    ),
    "{posts: 1, per: month}",
)
_TEXT_CELL = "Như trong ô của Phụ lục; xuống dòng được."
_LIST_CELL = "Một mục mỗi dòng, hoặc [mục 1, mục 2]."
TASK = Schema(
    "task",
    (
        Field("stt", "text", "Số thứ tự", "Như trong văn bản, ví dụ 01 hoặc 4.1.", True),
        Field("title", "block", "Tên nhiệm vụ", _TEXT_CELL, True),
        Field("outputs", "strings", "Sản phẩm", _LIST_CELL),
        Field("forms", "strings", "Hình thức", _LIST_CELL),
        Field("timeline", "block", "Thời gian thực hiện", _TEXT_CELL),
        Field("schedule", "group", "Lịch", "Hạn để theo dõi, ví dụ 30/09/2026 hoặc hằng quý.", fields=SCHEDULE),
        Field("lead", "block", "Chủ trì", _TEXT_CELL),
        Field("support", "strings", "Phối hợp", _LIST_CELL),
        Field("budget", "block", "Kinh phí", _TEXT_CELL),
        Field("expects", "group", "Yêu cầu bài viết", "Số bài viết cần có.", fields=EXPECTS),
        Field("subtasks", "list", "Nhiệm vụ con", "Các nhiệm vụ 4.1, 4.2… của nhiệm vụ này."),
    ),
    "{stt: 01, title: …}",
)
REPORT = Schema(
    "report",
    (
        Field(
            "name",
            "text",
            "Tên kỳ báo cáo",
            "Ví dụ: Quý I.",
            True,
            missing="Thiếu tên kỳ báo cáo (name), ví dụ: Quý I.",
        ),
        Field("due", "deadline", "Hạn nộp", "Ví dụ 10/03/2026."),
        Field("from", "date", "Từ ngày", "Ngày đầu kỳ báo cáo; để trống là 1 tháng 1."),
        Field("every", "choice", "Chu kỳ", "Báo cáo định kỳ hằng tháng, quý hoặc năm.", choices=_PERIOD_CHOICES),
        Field("day", "integer", "Ngày hạn trong tháng", "Dùng cùng chu kỳ; để trống là ngày cuối kỳ.", bounds=(1, 31)),
    ),
    "{name: Quý I, due: 2026-03-10}",
)
# A plan's quota reads as the province's rule does, without its start month.
PORTAL = Schema("portal", tuple(f for f in PORTAL_RULE if f.name != "from"), PORTAL_RULE.example)
# The Phụ lục's columns, whose headers a plan may word as its signed document does (`columns:`).
COLUMN_KEYS = ("stt", "title", "outputs", "forms", "timeline", "lead", "support", "budget", "progress")
COLUMNS = Schema(
    "columns",
    tuple(Field(key, "text", f"Tiêu đề cột {key}", "Tên cột như trong Phụ lục của văn bản.") for key in COLUMN_KEYS),
    "{title: Hoạt động/sản phẩm, lead: Bộ phận chủ trì, support: Bộ phận phối hợp}",
)
PLAN = Schema(
    "plan",
    (
        Field("id", "text", "Mã kế hoạch", "Chữ thường không dấu; để trống là tên tệp."),
        Field("title", "text", "Tên kế hoạch", "Như trên văn bản.", True),
        Field(
            "year",
            "integer",
            "Năm kế hoạch",
            "Ví dụ 2026.",
            True,
            missing="Thiếu năm kế hoạch (year), ví dụ: year: 2026",
            bounds=(2000, 2100),
        ),
        Field("number", "text", "Số hiệu", "Ví dụ 15/KH-TTYT."),
        Field("issued", "date", "Ngày ban hành", "Ví dụ 12/02/2026, hoặc chỉ tháng 02/2026 khi chưa có ngày."),
        Field("issuer", "text", "Cơ quan ban hành", "Như trên văn bản.", True),
        Field("parent", "text", "Cơ quan chủ quản", "Dòng trên tên cơ quan ban hành."),
        Field("place", "text", "Địa danh", "Ví dụ: Khánh Hòa."),
        Field("signer", "group", "Người ký", "Họ tên và chức vụ.", fields=SIGNER),
        Field("bases", "strings", "Căn cứ", "Mỗi văn bản căn cứ một dòng."),
        Field("sections", "list", "Các phần", "Các phần của văn bản, mỗi phần có tiêu đề và nội dung.", fields=SECTION),
        Field("tasks", "list", "Nhiệm vụ", "Các dòng của Phụ lục.", True, fields=TASK),
        Field("reports", "list", "Các kỳ báo cáo", "Tên và hạn nộp mỗi kỳ.", fields=REPORT),
        Field("portal", "group", "Chỉ tiêu gửi bài Cổng CCHC", "Khi kế hoạch đặt chỉ tiêu riêng.", fields=PORTAL),
        Field("recipients", "strings", "Nơi nhận", "Mỗi nơi nhận một dòng."),
        Field("appendix_title", "text", "Tiêu đề Phụ lục", "Khi văn bản đặt tên riêng cho Phụ lục."),
        Field("columns", "group", "Tên các cột của Phụ lục", "Khi văn bản đặt tên cột khác.", fields=COLUMNS),
    ),
)


# What a subtask takes from its parent when it does not set its own (the document's merged cells).
INHERITED = ("outputs", "forms", "timeline", "schedule", "lead", "support", "budget")


class TaskNumberError(ValueError):
    pass


def task_key(stt: str) -> tuple[int, ...]:
    """`"05"` -> (5,), `"4.1"` -> (4, 1): task numbers compare by their numeric parts."""
    text = str(stt).strip()
    if not _STT.match(text):
        raise TaskNumberError(f'"{text}" không phải số thứ tự nhiệm vụ; hãy ghi số như 05 hoặc 4.1')
    return tuple(int(part) for part in text.rstrip(".").split("."))


@dataclass(frozen=True)
class Expects:
    """The evidence a task needs: `posts` linked posts, per period or for the whole plan."""

    posts: int = 1
    per: str | None = None  # "month" | "quarter" | "year" | None (for the whole plan)


@dataclass(frozen=True)
class Schedule:
    due: date | None = None  # schedule.due
    dates: tuple[date, ...] = ()  # schedule.dates
    every: str | None = None  # "month" | "quarter" | "year"
    day: int | None = None  # with `every`: day of the period's month (default: last day)
    ongoing: bool = False  # "thường xuyên"

    def deadlines(self, year: int) -> tuple[date, ...]:
        """Every concrete deadline of this schedule, sorted; `every` expands over `year`.

        `due` and `dates` are returned as written, even if one falls outside the
        plan year (a yearly report due in January is still the plan's deadline).
        Ongoing: ().
        """
        if self.ongoing:
            return ()
        if self.every:
            months = {"month": range(1, 13), "quarter": (3, 6, 9, 12), "year": (12,)}[self.every]
            return tuple(date(year, m, self._day_in(year, m)) for m in months)
        found = ([self.due] if self.due else []) + list(self.dates)
        return tuple(sorted(set(found)))

    def _day_in(self, year: int, month: int) -> int:
        last = calendar.monthrange(year, month)[1]
        return min(self.day, last) if self.day else last


@dataclass(frozen=True)
class Task:
    stt: str  # as written: "01", "4.1"
    title: str
    outputs: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    timeline: str | None = None
    schedule: Schedule | None = None
    lead: str | None = None
    support: tuple[str, ...] = ()
    budget: str | None = None
    expects: Expects | None = None
    subtasks: tuple[Task, ...] = ()
    line: int | None = field(default=None, compare=False)  # line of the task in its file
    # List fields written inline (`forms: [Tin, bài, hình ảnh]`): shown as typed, commas and all,
    # since YAML splits such a list at every comma. Lists written one item a line show as lists.
    inline: frozenset[str] = field(default=frozenset(), compare=False)
    # Fields this subtask takes from its parent (a merged cell of the Phụ lục), not written on it.
    inherited: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def key(self) -> tuple[int, ...]:
        return task_key(self.stt)

    @property
    def anchor(self) -> str:
        """HTML id of the task's row on the plan page: `nv-4-1`."""
        return "nv-" + "-".join(str(n) for n in self.key)


@dataclass(frozen=True)
class Report:
    name: str
    due: date
    start: date | None = None  # `from:`: first day the report covers (default: 1 January)


@dataclass(frozen=True)
class Signer:
    name: str
    title: str | None = None  # may hold several lines: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"

    @property
    def title_lines(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in (self.title or "").splitlines() if line.strip())


@dataclass(frozen=True)
class PlanSection:
    heading: str | None
    body: str = ""  # Markdown


@dataclass(frozen=True)
class Plan:
    id: str
    source: str  # "plans/2026-tuyen-truyen-cchc.yaml"
    title: str
    year: int
    issuer: str
    tasks: tuple[Task, ...]
    number: str | None = None
    issued: date | None = None
    place: str | None = None
    signer: Signer | None = None
    bases: tuple[str, ...] = ()
    sections: tuple[PlanSection, ...] = ()
    reports: tuple[Report, ...] = ()
    portal: PortalQuota | None = None  # None: the plan leaves the quota to the province's rule
    # Additions beyond the agreed interface: what the official heading also shows.
    parent: str | None = None  # cơ quan chủ quản, above the issuer
    issued_month: int | None = None  # "ngày … tháng 02 năm 2026": month known, day left blank
    recipients: tuple[str, ...] = ()  # Nơi nhận
    appendix_title: str | None = None  # the Phụ lục's own heading, when the document words it differently
    headers: tuple[tuple[str, str], ...] = ()  # `columns:`: (column key, the document's header)
    section: str = field(default=urls.DEFAULT_SECTION, compare=False, repr=False)  # `extra.cchc.section`

    @property
    def url(self) -> str:
        return urls.plan(self.section, self.id)

    @property
    def start(self) -> date:
        """The first day the plan asks for evidence: its issue month if issued in its year, else 1 January.

        Why: a plan issued in February cannot be behind for January; recurring
        deadlines and periods start from here.
        """
        if self.issued and self.issued.year == self.year:
            return self.issued.replace(day=1)
        if self.issued_month:
            return date(self.year, self.issued_month, 1)
        return date(self.year, 1, 1)

    def all_tasks(self) -> Iterator[Task]:
        """Tasks and subtasks, depth first, in the order of the Phụ lục."""

        def walk(tasks: Iterable[Task]) -> Iterator[Task]:
            for task in tasks:
                yield task
                yield from walk(task.subtasks)

        return walk(self.tasks)

    def find_task(self, stt: str) -> Task | None:
        """The task numbered `stt`, compared numerically (5 == "05"); None if absent."""
        found = self.find_tasks(stt)
        return found[0] if found else None

    def find_tasks(self, stt: str) -> list[Task]:
        """Every task numbered `stt`: more than one when the document repeats a number."""
        try:
            wanted = task_key(stt)
        except TaskNumberError:
            return []
        return [t for t in self.all_tasks() if t.key == wanted]

    def header(self, column: str) -> str | None:
        """The header the signed document gives `column` (`columns:`), if the plan says."""
        return dict(self.headers).get(column)

    def columns(self) -> tuple[str, ...]:
        """The optional Phụ lục columns some task fills; the others are left out.

        Lead and support share one column ("Phân công thực hiện") unless the plan names
        a header for `support`: then the document has a column of its own for each.
        """
        names = ("outputs", "forms", "timeline", "lead", "support", "budget")
        tasks = list(self.all_tasks())
        return tuple(n for n in names if any(_filled(t, self._column_fields(n)) for t in tasks))

    def _column_fields(self, column: str) -> tuple[str, ...]:
        separate = self.header("support") is not None
        if column == "lead":
            return ("lead",) if separate else ("lead", "support")
        if column == "support":
            return ("support",) if separate else ()
        return (column,)

    def rowspan(self, task: Task, column: str) -> int:
        """How many rows `task`'s cell of `column` spans: 0 when merged into a parent's cell above.

        A subtask that takes the column's value from its parent (`Task.inherited`) shares
        the parent's cell, as the document's merged cell does.
        """
        return self._spans.get((id(task), column), 1)

    @cached_property
    def _spans(self) -> dict[tuple[int, str], int]:
        rows = list(self.all_tasks())
        parents = {id(sub): task for task in rows for sub in task.subtasks}
        spans: dict[tuple[int, str], int] = {}
        for column in self.columns():
            fields = self._column_fields(column)
            start, members = None, set()
            for task in rows:
                parent = parents.get(id(task))
                merged = all(f in task.inherited or not getattr(task, f) for f in fields) and any(
                    f in task.inherited for f in fields
                )
                if start is not None and merged and parent is not None and id(parent) in members:
                    spans[(id(start), column)] += 1
                    spans[(id(task), column)] = 0
                    members.add(id(task))
                else:
                    start, members = task, {id(task)}
                    spans[(id(task), column)] = 1
        return spans


def _filled(task: Task, fields: tuple[str, ...]) -> bool:
    return any(getattr(task, f) for f in fields)


# --- Loading -----------------------------------------------------------------


def load_plans(root: Path, settings: Settings, problems: Collector) -> list[Plan]:
    """Every plans/*.yaml (settings.plans_dir), validated; problems collected, never raised.

    Sorted by year (newest first), then id.
    """
    base = root / settings.plans_dir
    plans: list[Plan] = []
    if not base.is_dir():
        return plans
    for path in sorted([*base.glob("*.yaml"), *base.glob("*.yml")]):
        source = path.relative_to(root).as_posix()
        plan = read_plan(path, source, problems)
        if plan is not None:
            plans.append(replace(plan, section=settings.section))
    _check_unique_ids(plans, problems)
    return sorted(plans, key=lambda p: (-p.year, p.id))


def unreadable_plan_ids(root: Path, settings: Settings, plans: list[Plan]) -> set[str]:
    """Ids (by file name) of plan files that failed to load: their errors are reported already."""
    base = root / settings.plans_dir
    if not base.is_dir():
        return set()
    loaded = {Path(plan.source).stem for plan in plans}
    return {p.stem for p in [*base.glob("*.yaml"), *base.glob("*.yml")]} - loaded


def read_plan(path: Path, source: str, problems: Collector) -> Plan | None:
    """Read one plan file; `None` when it has errors (all of them reported)."""
    not_keys = "Tệp kế hoạch phải là các dòng `khóa: giá trị` (title, year, issuer, tasks…)."
    doc = read_yaml_file(path, source, limits.PLAN_BYTES, problems, not_keys)
    if doc is None:
        return None
    reader = _Reader(source, doc, problems)
    plan = reader.plan(path.stem)
    return plan if reader.ok else None


def _check_unique_ids(plans: list[Plan], problems: Collector) -> None:
    for plan, first in repeats(plans, lambda plan: plan.id):
        problems.error(
            plan.source,
            f'Mã kế hoạch "{plan.id}" trùng với kế hoạch {first.source}; hãy đổi `id:` hoặc tên tệp.',
            "id",
        )


class _Reader(Reader):
    """Types one plan document against `PLAN`; the rules between keys live here."""

    def __init__(self, source: str, doc: Located, problems: Collector) -> None:
        super().__init__(source, doc, problems)
        self.task_paths: dict[int, KeyPath] = {}  # id(task) -> its key path, for later checks

    def year(self) -> int | None:
        """The plan's year as written, for reports' checks (its own errors are reported by `plan`)."""
        value = self.get(("year",))
        return int(value) if isinstance(value, str) and value.isdigit() else None

    def period(self, path: KeyPath) -> str | None:
        value = self.text(path)
        if value is None:
            return None
        found = period_of(value)
        if found is None:
            self.error(path, f'Chu kỳ "{value}" không hợp lệ; hãy ghi month (tháng), quarter (quý) hoặc year (năm).')
        return found

    # The plan

    def plan(self, stem: str) -> Plan:
        data: dict[str, Value] = self.doc.data
        self.warn_unknown(data, PLAN)
        plan_id = self.text(("id",)) or stem
        if not _ID.match(plan_id):
            suggestion = slugify(plan_id)
            hint = f' ví dụ "{suggestion}"' if suggestion else ""
            self.error(
                ("id",) if "id" in data else (),
                f'Mã kế hoạch "{plan_id}" chỉ được gồm chữ thường không dấu, số và dấu gạch nối;{hint}.',
            )
        title = self.required_text(("title",), PLAN["title"].missing_message())
        year = self.integer(("year",), PLAN["year"])
        if "year" not in data or data["year"] is None:
            self.error(("year",), PLAN["year"].missing_message())
        issuer = self.required_text(("issuer",), PLAN["issuer"].missing_message())
        issued, issued_month = self.issued()
        tasks = self.tasks(("tasks",), None)
        if not tasks and self.get(("tasks",)) is None:
            self.error(("tasks",), "Thiếu danh sách nhiệm vụ (tasks) của Phụ lục; cần ít nhất một nhiệm vụ.")
        self.check_repeated_numbers(tasks)
        self.check_task_count(tasks)
        return Plan(
            id=plan_id,
            source=self.source,
            title=title,
            year=year or 0,
            issuer=issuer,
            tasks=tasks,
            number=self.text(("number",)),
            issued=issued,
            place=self.text(("place",)),
            signer=self.signer(),
            bases=self.strings(("bases",)),
            sections=self.sections(),
            reports=self.reports(),
            portal=self.portal(),
            parent=self.text(("parent",)),
            issued_month=issued_month,
            recipients=self.strings(("recipients",)),
            appendix_title=self.text(("appendix_title",)),
            headers=self.headers(),
        )

    def issued(self) -> tuple[date | None, int | None]:
        """A date, or only a month (`2026-02`) while the day is still blank on the document."""
        value = self.text(("issued",))
        if value is None:
            return None, None
        partial = _MONTH_ONLY.match(value)
        if partial:
            month = int(partial["m"] or partial["m2"])
            if 1 <= month <= 12:
                return None, month
        return self.date(("issued",)), None

    def headers(self) -> tuple[tuple[str, str], ...]:
        """`columns: {title: Hoạt động/sản phẩm, lead: Bộ phận chủ trì}`: the document's own headers."""
        value = self.mapping(("columns",), COLUMNS, "Tên các cột của Phụ lục (columns)")
        if value is None:
            return ()
        found = ((key, self.text(("columns", key))) for key in COLUMN_KEYS if key in value)
        return tuple((key, text) for key, text in found if text)

    def signer(self) -> Signer | None:
        value = self.get(("signer",))
        if isinstance(value, str):
            return Signer(" ".join(value.split()))
        if self.mapping(("signer",), SIGNER, "Người ký (signer)") is None:
            return None
        name = self.required_text(("signer", "name"), SIGNER["name"].missing_message())
        return Signer(name, self.text(("signer", "title"), block=True))

    def sections(self) -> tuple[PlanSection, ...]:
        result = []
        for i, item in enumerate(self.items(("sections",), "Các phần của kế hoạch (sections)")):
            path = ("sections", i)
            if isinstance(item, str):
                result.append(PlanSection(None, self.text(path, block=True) or ""))
                continue
            if self.mapping(path, SECTION, "Mỗi phần (sections)") is None:
                continue
            heading = self.text((*path, "heading"))
            body = self.text((*path, "body"), block=True) or ""
            if not heading and not body:
                self.error(path, "Phần này trống: cần `heading` (tiêu đề) hoặc `body` (nội dung).")
            result.append(PlanSection(heading, body))
        return tuple(result)

    def tasks(self, path: KeyPath, parent: Task | None) -> tuple[Task, ...]:
        result = []
        what = "Nhiệm vụ con (subtasks)" if parent else "Danh sách nhiệm vụ (tasks)"
        items = self.items(path, what)
        if isinstance(self.get(path), list) and not items and parent is None:
            self.error(path, "Danh sách nhiệm vụ (tasks) đang trống; cần ít nhất một nhiệm vụ.")
        for i, _item in enumerate(items):
            task = self.task((*path, i), parent)
            if task is not None:
                result.append(task)
        return tuple(result)

    def task(self, path: KeyPath, parent: Task | None) -> Task | None:
        group = self.mapping(path, TASK, "Mỗi nhiệm vụ")
        if group is None:
            if self.get(path) is None:
                self.error(path, "Nhiệm vụ trống; cần ít nhất `stt` và `title`.")
            return None
        stt, label, key = self.task_number(path, parent)
        title = self.text((*path, "title"), block=True) or ""  # a cell may hold several lines
        if not title:
            self.error((*path, "title"), f"{label}: thiếu tên nhiệm vụ (title).")
        own: dict[str, Any] = {
            name: self.schedule((*path, name), label) if name == "schedule" else self.value((*path, name), TASK[name])
            for name in INHERITED
        }
        inline = {k for k in ("outputs", "forms", "support") if self.is_inline((*path, k))}
        # A merged cell of the Phụ lục: a value written once on the parent holds for its subtasks.
        inherited = {k for k in INHERITED if parent is not None and not own[k] and getattr(parent, k)}
        for name in inherited:
            own[name] = getattr(parent, name)
            if parent is not None and name in parent.inline:
                inline.add(name)
        draft = Task(stt or "0", title, **own, inline=frozenset(inline))
        subtasks = self.tasks((*path, "subtasks"), draft if key else None) if "subtasks" in group else ()
        task = Task(
            stt=stt or "",
            title=title,
            **own,
            expects=self.expects((*path, "expects"), label),
            subtasks=subtasks,
            line=self.line(path),
            inline=frozenset(inline),
            inherited=frozenset(inherited),
        )
        self.task_paths[id(task)] = path
        return task if key else None

    def task_number(self, path: KeyPath, parent: Task | None) -> tuple[str, str, tuple[int, ...] | None]:
        """(stt as written, how messages name the task, its number; None when unusable)."""
        stt = self.text((*path, "stt")) or ""
        label = f"Nhiệm vụ {stt}" if stt else f"Nhiệm vụ thứ {int(path[-1]) + 1}"
        key: tuple[int, ...] | None = None
        if not stt:
            self.error((*path, "stt"), f"{label}: thiếu số thứ tự (stt), ví dụ stt: 01")
        else:
            try:
                key = task_key(stt)
            except TaskNumberError as exc:
                self.error((*path, "stt"), f"{label}: {exc}.")
        if key and parent is not None and (len(key) <= len(parent.key) or key[: len(parent.key)] != parent.key):
            self.error(
                (*path, "stt"),
                f"{label}: nhiệm vụ con của nhiệm vụ {parent.stt} phải được đánh số {parent.stt.rstrip('.')}.1, "
                f"{parent.stt.rstrip('.')}.2…",
            )
            key = None
        return stt, label, key

    def schedule(self, path: KeyPath, label: str) -> Schedule | None:
        value = self.get(path)
        if value is None:
            return None
        if isinstance(value, str):
            # The one-line forms, as plans word the timeline: "thường xuyên", "định kỳ hằng quý",
            # "Quý III/2026", "trước 25/11/2026"…
            if match_key(value) in {"thuong xuyen", "ongoing"}:
                return Schedule(ongoing=True)
            every = period_of(value)
            if every:
                return Schedule(every=every)
            try:
                return Schedule(due=parse_deadline(value))
            except DateFormatError as exc:
                self.error(path, f"{label}: lịch (schedule) {exc}; {SCHEDULE_FORMS}.")
                return None
        group = self.mapping(path, SCHEDULE, f"{label}: lịch (schedule)")
        if group is None:
            return None
        kinds = [k for k in ("due", "dates", "every", "ongoing") if group.get(k) is not None]
        if len(kinds) != 1:
            chosen = ", ".join(f"`{k}`" for k in kinds) if kinds else "không có khóa nào"
            self.error(
                path,
                f"{label}: lịch (schedule) cần đúng một trong due, dates, every, ongoing ({chosen}).",
            )
            return None
        if group.get("day") is not None and kinds != ["every"]:
            self.error((*path, "day"), f"{label}: `day` chỉ dùng cùng `every` (ví dụ every: month, day: 20).")
        kind = kinds[0]
        if kind == "due":
            due = self.deadline((*path, "due"))
            return Schedule(due=due) if due else None
        if kind == "dates":
            written = group["dates"]
            if isinstance(written, list):
                dates = [self.deadline((*path, "dates", i)) for i in range(len(written))]
            else:
                dates = [self.deadline((*path, "dates"))]
            return Schedule(dates=tuple(sorted(d for d in dates if d))) if all(dates) else None
        if kind == "every":
            every = self.period((*path, "every"))
            day = self.integer((*path, "day"), SCHEDULE["day"], f"{label}: ngày hạn trong tháng (day)")
            return Schedule(every=every, day=day) if every else None
        ongoing = self.flag((*path, "ongoing"))
        return Schedule(ongoing=True) if ongoing else None

    def expects(self, path: KeyPath, label: str) -> Expects | None:
        if self.mapping(path, EXPECTS, f"{label}: yêu cầu bài viết (expects)") is None:
            return None
        posts = self.integer((*path, "posts"), EXPECTS["posts"], f"{label}: số bài (expects.posts)")
        per = self.period((*path, "per"))
        return Expects(posts or 1, per)

    def reports(self) -> tuple[Report, ...]:
        result = []
        for i, item in enumerate(self.items(("reports",), "Các kỳ báo cáo (reports)")):
            path = ("reports", i)
            group = self.mapping(path, REPORT, "Mỗi kỳ báo cáo")
            if group is None:
                if item is None:
                    self.error(path, "Kỳ báo cáo trống; ví dụ: {name: Quý I, due: 2026-03-10}")
                continue
            if group.get("every") is not None:
                result.extend(self.periodic_reports(path))
                continue
            name = self.required_text((*path, "name"), REPORT["name"].missing_message())
            due = self.deadline((*path, "due"))
            if self.get((*path, "due")) is None:
                self.error(
                    (*path, "due"),
                    f"Kỳ báo cáo {name}: thiếu hạn nộp (due); khi kế hoạch không ghi ngày, "
                    "hãy ghi chu kỳ, ví dụ every: quý.",
                )
            start = self.date((*path, "from"))
            if due and start and start > due:
                self.error((*path, "from"), f"Kỳ báo cáo {name}: ngày bắt đầu (from) sau hạn nộp (due).")
            if name and due:
                result.append(Report(name, due, start))
                year = self.year()
                if year and due.year < year:
                    self.problems.warning(
                        self.source,
                        f"Kỳ báo cáo {name}: hạn nộp {due.day}/{due.month}/{due.year} trước năm kế hoạch {year}; "
                        "kiểm tra lại năm của hạn nộp.",
                        key_text((*path, "due")),
                        self.line((*path, "due")),
                    )
        return tuple(sorted(result, key=lambda r: (r.due, r.name)))

    def periodic_reports(self, path: KeyPath) -> list[Report]:
        """`{name: Báo cáo CCHC, every: quý}`: the plan says "định kỳ hằng quý" and gives no dates.

        One report a period of the plan's year, due on its last day (or on `day`), each
        covering its own period.
        """
        name = self.text((*path, "name")) or "Báo cáo"
        for key in ("due", "from"):
            if self.get((*path, key)) is not None:
                self.error((*path, key), f"Kỳ báo cáo {name}: `{key}` không dùng cùng `every`; hãy giữ một trong hai.")
        every = self.period((*path, "every"))
        day = self.integer((*path, "day"), REPORT["day"], f"Kỳ báo cáo {name}: ngày hạn trong tháng (day)")
        year = self.year()
        if not every or not year:
            return []
        schedule = Schedule(every=every, day=day)
        return [
            Report(f"{name} {period_name(every, due)}", due, period_start(every, due))
            for due in schedule.deadlines(year)
        ]

    def portal(self) -> PortalQuota | None:
        if self.mapping(("portal",), PORTAL, "Chỉ tiêu gửi bài cổng CCHC (portal)") is None:
            return None
        quota = PortalQuota()
        path = ("portal", "per_month")
        value = self.get(path)
        if value is not None:
            numbers = quota_range(value)
            if numbers is None:
                self.error(path, PER_MONTH_MESSAGE)
            else:
                quota = PortalQuota(numbers[0], numbers[1], quota.before_day)
        before = self.integer(("portal", "before_day"), PORTAL["before_day"])
        return PortalQuota(quota.min, quota.max, before or quota.before_day)

    def check_repeated_numbers(self, tasks: tuple[Task, ...]) -> None:
        """A repeated STT is kept as the document has it, but posts cannot name it.

        A note, not a warning: when the signed document repeats the number, nothing can be
        fixed, and a warning would fail every `--strict` build. A post naming it is an error.
        """
        seen: dict[tuple[int, ...], Task] = {}
        plan = Plan("", "", "", 0, "", tasks)
        for task in plan.all_tasks():
            first = seen.setdefault(task.key, task)
            if first is not task:
                self.problems.note(
                    self.source,
                    f"Số thứ tự {task.stt} lặp lại (đã dùng ở dòng {first.line}); giữ nguyên như văn bản, nhưng "
                    "bài viết không thể ghi `tasks` bằng số này. Nên đánh số lại nếu văn bản cho phép.",
                    key_text((*self.task_paths[id(task)], "stt")),
                    task.line,
                )

    def check_task_count(self, tasks: tuple[Task, ...]) -> None:
        count = sum(1 for _ in Plan("", "", "", 0, "", tasks).all_tasks())
        if count > limits.PLAN_TASKS:
            self.error(("tasks",), limits.too_many("Số nhiệm vụ và nhiệm vụ con", count, limits.PLAN_TASKS))


SCHEDULE_FORMS = (
    "cũng ghi được: thường xuyên, định kỳ hằng tháng (hằng quý, hằng năm), "
    "hoặc nhóm khóa như {due: 30/09/2026}, {dates: [05/03/2026, 05/09/2026]}, {every: month, day: 20}"
)


def period_of(text: str) -> str | None:
    """ "quý", "hằng quý", "định kỳ hàng quý", "quarterly" -> "quarter"; None if not a period."""
    return _PERIOD_ALIASES.get(_PERIODIC.sub("", match_key(text)))


def period_start(every: str, due: date) -> date:
    """The first day of the period (month, quarter or year) that ends in `due`'s month."""
    month = {"month": due.month, "quarter": due.month - 2, "year": 1}[every]
    return date(due.year, month, 1)


def period_name(every: str, due: date) -> str:
    """How a report of that period is named: "tháng 3", "quý I", "năm 2026"."""
    if every == "month":
        return f"tháng {due.month}"
    if every == "quarter":
        return "quý " + QUARTERS[(due.month - 1) // 3]
    return f"năm {due.year}"


# --- Posts that report on plans ---------------------------------------------


class Citing(Protocol):
    """A file that names a plan and its tasks: a post, or a document of the register."""

    @property
    def source(self) -> str: ...
    @property
    def plan(self) -> str | None: ...
    @property
    def tasks(self) -> tuple[str, ...]: ...
    @property
    def lines(self) -> dict[str, int]: ...


def check_post_references(
    posts: Iterable[Citing], plans: Iterable[Plan], problems: Collector, pending: Collection[str] = ()
) -> None:
    """Each post's (or document's) `plan` must name a plan and its `tasks` that plan's tasks.

    `pending`: ids of plan files that failed to load; their own errors are
    reported already, so posts naming them are not blamed twice.
    """
    by_id = {plan.id: plan for plan in plans}
    for post in posts:
        if not post.plan:
            continue
        plan = by_id.get(post.plan)
        if plan is None:
            if post.plan not in pending:
                known = ", ".join(sorted(by_id)) or "chưa có kế hoạch nào trong thư mục plans/"
                problems.error(
                    post.source,
                    f'Kế hoạch "{post.plan}" không có trong plans/. Các mã kế hoạch: {known}.',
                    "plan",
                    post.lines.get("plan"),
                )
            continue
        for stt in post.tasks:
            found = plan.find_tasks(stt)
            if len(found) == 1:
                continue
            if found:
                message = (
                    f"Số thứ tự {stt} lặp lại ở {len(found)} nhiệm vụ của kế hoạch {plan.id} "
                    f"({plan.source}); không biết bài viết thuộc nhiệm vụ nào."
                )
            else:
                numbers = ", ".join(t.stt for t in plan.all_tasks())
                message = f"Kế hoạch {plan.id} không có nhiệm vụ số {stt}. Các số thứ tự: {numbers}."
            problems.error(post.source, message, "tasks", post.lines.get("tasks"))
