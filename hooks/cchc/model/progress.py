"""A plan's progress as of a day, computed from the posts that report on its tasks.

Pure functions over a `Plan`, the posts a build shows and "today" (the build's
local date). Cost is linear in the posts: they are bucketed once per plan.

When a task counts as done, and the other statuses (shown in the plan page's
legend, `ui.STATUS_HELP`):

- Evidence is a post whose `plan` is this plan and whose `tasks` names the task, or a
  document of the register (`documents/`) that does the same: most tasks' output is a
  "văn bản triển khai", and the document counts on the day it was issued. One rule for both.
- A task with periods (`expects.per`, or a recurring `schedule.every`, or several
  `schedule.dates`) needs `expects.posts` posts (default 1) in each period. It is
  *Hoàn thành* only when every period of the plan is met; until then the page
  shows the periods met out of the periods whose deadline has passed ("7/10 tháng").
  Why not "all elapsed periods met": a monthly task is not finished in June.
- Any other task is *Hoàn thành* once it has `expects.posts` posts (default 1),
  whenever they were posted: a late post still completes it.
- *Quá hạn*: the latest deadline that has passed is not met (for a single
  deadline: passed without enough posts). A task without a schedule is due at the
  end of the plan year; an ongoing one only then.
- *Sắp đến hạn*: the next unmet deadline is within `DUE_SOON_DAYS` days.
- *Thường xuyên*: an ongoing task ("thường xuyên") that is not overdue; ongoing
  tasks are judged (done or overdue) once the plan year is over.
- *Đang thực hiện*: everything else (before its deadline, or on track).
- A task with subtasks takes the most urgent status of its subtasks (and of its
  own schedule, if it has one); it is done when all of them are. It is *Quá hạn*
  only when one of its subtasks is, and then shows no next deadline of its own.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Protocol

from ..config import urls
from ..config.settings import Settings
from ..readers.officialdocs import Document
from ..readers.plans import PERIOD_WORDS, QUARTERS, Plan, Report, Task, TaskNumberError, task_key
from ..readers.posts import Post
from ..text.ui import STATUS_LABELS, STRINGS, text

DUE_SOON_DAYS = 14


class Evidence(Protocol):
    """What reports on a task: a post, or a document of the register (`readers.documents`)."""

    @property
    def source(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def date(self) -> datetime: ...
    @property
    def local(self) -> datetime: ...
    @property
    def local_date(self) -> dt.date: ...  # `date` is the property above, in this class
    @property
    def plan(self) -> str | None: ...
    @property
    def tasks(self) -> tuple[str, ...]: ...


class Status(Enum):
    """A task's status; its value is the page's CSS modifier, its words are `ui.STATUS_LABELS`."""

    DONE = "done"
    ACTIVE = "active"
    DUE_SOON = "soon"
    OVERDUE = "overdue"
    ONGOING = "ongoing"

    @property
    def css(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.value]


# The order of the summary, and of urgency when subtasks are combined.
STATUS_ORDER = (Status.OVERDUE, Status.DUE_SOON, Status.ACTIVE, Status.ONGOING, Status.DONE)


@dataclass(frozen=True)
class Period:
    """One window in which a task needs its posts."""

    label: str  # "Tháng 3", "Quý I", "Năm 2026", "Hạn 5/3/2026"
    start: date  # first day whose posts count (date.min: any earlier post)
    end: date  # last day whose posts count
    deadline: date
    posts: int
    required: int
    short: str  # for the period strip: "3" (Tháng 3), "I" (Quý I), "5/3" (Hạn 5/3/2026)

    @property
    def met(self) -> bool:
        return self.posts >= self.required

    def state(self, today: date) -> str:
        """For the period strip: met, missed (deadline passed), or open."""
        if self.met:
            return "met"
        return "missed" if self.deadline < today else "open"


@dataclass(frozen=True)
class TaskProgress:
    task: Task
    status: Status
    posts: tuple[Evidence, ...]  # this task's own posts and documents, newest first
    today: date
    required: int = 1
    periods: tuple[Period, ...] = ()
    unit: str = ""  # "tháng", "quý", "năm", "hạn": what a period is
    next_deadline: date | None = None
    children: tuple[TaskProgress, ...] = ()

    @property
    def elapsed(self) -> int:
        return sum(1 for p in self.periods if p.deadline < self.today)

    @property
    def met(self) -> int:
        return sum(1 for p in self.periods if p.deadline < self.today and p.met)

    @property
    def ratio(self) -> str:
        """ "Đạt 7/10 tháng đã qua" (periods met of those whose deadline passed), or "1/2 bài" for a total."""
        if self.periods:  # nothing to count before the first period's deadline
            return text("periods_met", met=self.met, elapsed=self.elapsed, unit=self.unit) if self.elapsed else ""
        if self.required > 1:
            return text("posts_of_required", n=min(len(self.posts), self.required), required=self.required)
        return ""


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    url: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class ReportProgress:
    report: Report
    state: str  # "past" | "next" | "future"
    start: date
    end: date  # the due date, or today for a report still ahead
    total: int = 0  # posts of the section in the window
    by_task: tuple[Count, ...] = ()
    tasks_without_posts: int = 0
    by_area: tuple[Count, ...] = ()
    by_department: tuple[Count, ...] = ()
    portal: tuple[Post, ...] = ()
    documents: tuple[Document, ...] = ()  # the register's documents for this plan issued in the period


@dataclass(frozen=True)
class PlanProgress:
    plan: Plan
    today: date
    tasks: tuple[TaskProgress, ...]  # the Phụ lục's tasks, subtasks nested
    counts: tuple[tuple[Status, int], ...]  # top-level tasks by status, in STATUS_ORDER
    linked_posts: int  # posts reporting on this plan
    reports: tuple[ReportProgress, ...] = ()

    @property
    def total(self) -> int:
        return len(self.tasks)

    @property
    def done(self) -> int:
        return dict(self.counts).get(Status.DONE, 0)

    @property
    def bar(self) -> tuple[tuple[Status, int, float], ...]:
        """The progress bar: each status that has tasks, their count and share of the width in percent."""
        return tuple((status, n, 100 * n / self.total) for status, n in self.counts if n)

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def all_tasks(self) -> list[TaskProgress]:
        def walk(items: Iterable[TaskProgress]) -> list[TaskProgress]:
            out = []
            for item in items:
                out.append(item)
                out.extend(walk(item.children))
            return out

        return walk(self.tasks)


# --- Computing ---------------------------------------------------------------


def plan_progress(
    plan: Plan, posts: Iterable[Post], today: date, settings: Settings, documents: Iterable[Document] = ()
) -> PlanProgress:
    """Everything the plan page shows about progress, as of `today` (local date); `documents` count as posts do."""
    posts, documents = list(posts), [d for d in documents if d.plan == plan.id]
    linked = linked_posts(plan, [*posts, *documents])
    tasks = tuple(task_progress(task, plan, linked, today) for task in plan.tasks)
    counter = Counter(t.status for t in tasks)
    counts = tuple((status, counter.get(status, 0)) for status in STATUS_ORDER)
    reports = report_summaries(plan, posts, linked, today, settings, documents)
    return PlanProgress(
        plan,
        today,
        tasks,
        counts,
        len({p.source for found in linked.values() for p in found}),
        reports,
    )


def linked_posts(plan: Plan, posts: Iterable[Evidence]) -> dict[tuple[int, ...], list[Evidence]]:
    """Posts (and documents) per task key, newest first: one pass over them."""
    found: dict[tuple[int, ...], list[Evidence]] = defaultdict(list)
    for post in posts:
        if post.plan != plan.id:
            continue
        for stt in dict.fromkeys(post.tasks):
            try:
                found[task_key(stt)].append(post)
            except TaskNumberError:
                continue  # reported when the site was loaded
    for items in found.values():
        items.sort(key=lambda p: (p.date, p.source), reverse=True)
    return dict(found)


def task_progress(task: Task, plan: Plan, linked: dict[tuple[int, ...], list[Evidence]], today: date) -> TaskProgress:
    posts = tuple(linked.get(task.key, ()))
    children = tuple(task_progress(sub, plan, linked, today) for sub in task.subtasks)
    own = _own_progress(task, plan, posts, today)
    if not children:
        return own
    statuses = [c.status for c in children]
    deadlines = [c.next_deadline for c in children]
    # Else the parent is only the sum of its subtasks. Its own deadline never makes it overdue
    # on its own: the subtasks are how it is done, and each says which one is late.
    if (task.schedule or task.expects) and own.status is not Status.OVERDUE:
        statuses.append(own.status)
        deadlines.append(own.next_deadline)
    status = combine(statuses)
    # "Quá hạn" beside a date still ahead reads as a contradiction: the late subtask shows its own.
    upcoming = None if status is Status.OVERDUE else min((d for d in deadlines if d), default=None)
    return TaskProgress(task, status, posts, today, own.required, own.periods, own.unit, upcoming, children)


def combine(statuses: list[Status]) -> Status:
    """Done when all are done; else the most urgent one (an ongoing part keeps `Thường xuyên`)."""
    if all(s is Status.DONE for s in statuses):
        return Status.DONE
    return next(s for s in STATUS_ORDER if s in statuses)


def _own_progress(task: Task, plan: Plan, posts: tuple[Evidence, ...], today: date) -> TaskProgress:
    schedule = task.schedule
    required = task.expects.posts if task.expects else 1
    ongoing = bool(schedule and schedule.ongoing)
    periods, unit = task_periods(task, plan, posts)
    year_over = today > date(plan.year, 12, 31)
    if periods:
        upcoming = [p for p in periods if p.deadline >= today and not p.met]
        passed = [p for p in periods if p.deadline < today]
        next_deadline = upcoming[0].deadline if upcoming else None
        if all(p.met for p in periods):
            status = Status.DONE
        elif passed and not passed[-1].met:
            status = Status.OVERDUE
        elif next_deadline and (next_deadline - today).days <= DUE_SOON_DAYS:
            status = Status.DUE_SOON
        else:
            status = Status.ONGOING if ongoing else Status.ACTIVE
        return TaskProgress(task, status, posts, today, required, periods, unit, next_deadline)

    deadlines = schedule.deadlines(plan.year) if schedule else ()
    due = deadlines[-1] if deadlines else (None if ongoing else date(plan.year, 12, 31))
    enough = len(posts) >= required
    if ongoing and not year_over:
        status = Status.ONGOING
    elif enough:
        status = Status.DONE
    elif ongoing or (due and due < today):
        status = Status.OVERDUE
    elif due and (due - today).days <= DUE_SOON_DAYS:
        status = Status.DUE_SOON
    else:
        status = Status.ACTIVE
    next_deadline = due if due and due >= today and not enough else None
    return TaskProgress(task, status, posts, today, required, (), "", next_deadline)


def task_periods(task: Task, plan: Plan, posts: tuple[Evidence, ...]) -> tuple[tuple[Period, ...], str]:
    """The windows a task's evidence is counted in, and what one window is called."""
    schedule = task.schedule
    required = task.expects.posts if task.expects else 1
    per = (task.expects.per if task.expects else None) or (schedule.every if schedule else None)
    days = sorted(p.local_date for p in posts)
    if per:
        windows = []
        for short, start, end in calendar_periods(per, plan.year, plan.start):
            deadline = end
            if schedule and schedule.every == per:
                deadline = next(d for d in schedule.deadlines(plan.year) if start <= d <= end)
            windows.append((short, text(f"period_{per}", short=short), start, end, deadline))
        return _count(windows, days, required), PERIOD_WORDS[per]
    if schedule and len(schedule.dates) > 1:
        windows, start = [], date.min
        for i, deadline in enumerate(schedule.dates):
            last = i == len(schedule.dates) - 1
            short = f"{deadline.day}/{deadline.month}"
            label = text("period_deadline", short=short, year=deadline.year)
            windows.append((short, label, start, date.max if last else deadline, deadline))
            start = deadline + timedelta(days=1)
        return _count(windows, days, required), STRINGS["period_unit_deadline"]
    return (), ""


def _count(windows: list[tuple[str, str, date, date, date]], days: list[date], required: int) -> tuple[Period, ...]:
    return tuple(
        Period(
            label,
            start,
            end,
            deadline,
            bisect.bisect_right(days, end) - bisect.bisect_left(days, start),
            required,
            short,
        )
        for short, label, start, end, deadline in windows
    )


def calendar_periods(per: str, year: int, start: date) -> list[tuple[str, date, date]]:
    """Months, quarters or the year of `year`, from the one containing `start`: (its number, first, last day)."""
    found = []
    if per == "month":
        for month in range(1, 13):
            found.append((str(month), date(year, month, 1), _month_end(year, month)))
    elif per == "quarter":
        for q in range(4):
            found.append((QUARTERS[q], date(year, 3 * q + 1, 1), _month_end(year, 3 * q + 3)))
    else:
        found.append((str(year), date(year, 1, 1), date(year, 12, 31)))
    return [p for p in found if p[2] >= start]


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def report_summaries(
    plan: Plan,
    posts: list[Post],
    linked: dict[tuple[int, ...], list[Evidence]],
    today: date,
    settings: Settings,
    documents: Sequence[Document] = (),
) -> tuple[ReportProgress, ...]:
    """Per report: the figures of its period (from `from:` or 1 January to its due date).

    Why cumulative by default: the Quý I / 6 tháng / Quý III / Năm reports each
    state results "from the start of the year"; `from:` narrows one when needed.
    """
    ordered = sorted(posts, key=lambda p: p.local_date)
    days = [p.local_date for p in ordered]
    upcoming = [r for r in plan.reports if r.due >= today]
    result = []
    for report in plan.reports:
        state = "past" if report.due < today else ("next" if report is upcoming[0] else "future")
        start = report.start or date(min(plan.year, report.due.year), 1, 1)
        end = min(report.due, today)
        window = ordered[bisect.bisect_left(days, start) : bisect.bisect_right(days, end)] if end >= start else []
        issued = tuple(sorted((d for d in documents if start <= d.issued <= end), key=lambda d: (d.issued, d.source)))
        result.append(replace(_summary(plan, report, state, start, end, window, linked, settings), documents=issued))
    return tuple(result)


def _summary(
    plan: Plan,
    report: Report,
    state: str,
    start: date,
    end: date,
    window: list[Post],
    linked: dict[tuple[int, ...], list[Evidence]],
    settings: Settings,
) -> ReportProgress:
    in_window = {p.source for p in window}
    by_task, empty = [], 0
    for task in plan.all_tasks():
        count = sum(1 for p in linked.get(task.key, ()) if p.source in in_window)
        if count:
            by_task.append(Count(f"{task.stt}. {task.title}", count, anchor=task.anchor))
        else:
            empty += 1
    areas: Counter[str] = Counter(a.key for p in window for a in p.areas)
    labels = {a.key: a.label for p in window for a in p.areas}
    order = [a.key for a in settings.areas]
    by_area = tuple(Count(labels[k], areas[k], url=urls.area(settings.section, k)) for k in order if areas.get(k))
    departments: Counter[str] = Counter(p.department or "" for p in window)
    by_department = tuple(
        Count(name or STRINGS["no_department"], n)
        for name, n in sorted(departments.items(), key=lambda kv: (-kv[1], not kv[0], kv[0]))
    )
    portal = tuple(sorted((p for p in window if p.portal), key=lambda p: (p.date, p.source)))
    return ReportProgress(report, state, start, end, len(window), tuple(by_task), empty, by_area, by_department, portal)
