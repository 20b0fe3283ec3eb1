"""Deadlines the plan officer watches: plans' task and report dates, and the portal's monthly one.

Plans come from `cchc.plans` (`Plan`, `Task`, `Schedule`, `Report`): this module reads
them and never loads plans itself. The portal's quota rule is `cchc.portal.QuotaRules`'.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..readers.plans import QUARTERS, Plan, Report, Task
from ..text.ui import STRINGS, text
from ..text.vntext import match_key, slugify
from .portal import QuotaRules

# How deadlines of one day are ordered: reports first, they involve the whole unit.
KINDS = ("report", "task", "portal")


@dataclass(frozen=True)
class Deadline:
    day: date
    kind: str  # report | task | portal
    label: str  # short, for a calendar cell: "Nhiệm vụ 05"
    summary: str  # one line, for lists and the .ics: "Hạn nhiệm vụ 05: Đăng tin …"
    description: str = ""  # plain text details for the .ics
    uid: str = ""  # stable: plan id, task STT and date; the .ics adds a domain
    url: str | None = None  # site-relative page to read more (the plan)

    @property
    def order(self) -> tuple[date, int, str]:
        return (self.day, KINDS.index(self.kind), self.uid)


def plan_deadlines(plan: Plan) -> list[Deadline]:
    """The deadlines one plan sets: each task's schedule and each report's due date."""
    found = []
    for task in plan.all_tasks():
        schedule = task.schedule
        if schedule is None or "schedule" in task.inherited:  # the parent's deadline covers it
            continue
        # `deadlines` gives due/dates as written (even past the plan year) and expands `every`;
        # a recurring deadline before the plan was issued is not one (as on the plan page).
        for day in schedule.deadlines(plan.year):
            if schedule.every and day < plan.start:
                continue
            found.append(_task_deadline(plan, task, schedule.every, day))
    for report in plan.reports:
        found.append(_report_deadline(plan, report))
    return sorted(found, key=lambda d: d.order)


def portal_deadlines(months: Iterable[tuple[int, int]], rules: QuotaRules) -> list[Deadline]:
    """One deadline a month the quota applies to: the last day to send articles to the provincial portal.

    "Before the 20th" means the 19th is the last day. The text says who sets the rule:
    the province (the site setting) or the plan of that year, only when the plan does.
    """
    found = []
    for year, month in months:
        rule = rules.for_year(year)
        if rule is None or not rules.applies(year, month):
            continue
        before = rule.quota.before_day
        last = min(max(before - 1, 1), calendar.monthrange(year, month)[1])
        summary = text("portal_due_summary", month=month, year=year, before=before)
        details = [
            text("portal_due_detail", month=month, year=year, before=before),
            text("portal_due_quota", source=rule.source, min=rule.quota.min, max=rule.quota.max),
        ]
        found.append(
            Deadline(
                date(year, month, last),
                "portal",
                STRINGS["portal_due_label"],
                summary,
                "\n".join(details),
                f"cong-cchc/{year}-{month:02d}",
                rule.plan.url if rule.plan is not None else None,
            )
        )
    return found


def _task_deadline(plan: Plan, task: Task, every: str | None, day: date) -> Deadline:
    details = [text("task_due_plan", title=plan.title), text("task_due_task", stt=task.stt, title=task.title)]
    if task.timeline:
        details.append(text("task_due_timeline", timeline=task.timeline))
    if task.lead:
        details.append(text("task_due_lead", lead=task.lead))
    # A recurring task has one deadline a period: name it, or the phone shows the same line each month.
    period = f" ({period_name(every, day)})" if every else ""
    return Deadline(
        day,
        "task",
        text("task_due_label", stt=task.stt),
        text("task_due_summary", stt=task.stt, period=period, title=task.title),
        "\n".join(details),
        f"{plan.id}/nhiem-vu-{task.stt}/{day.isoformat()}",
        f"{plan.url}#{task.anchor}",  # the task's row on the plan page
    )


def period_name(every: str, day: date) -> str:
    """The period a recurring deadline closes, as a sentence says it: "tháng 11/2026", "quý IV/2026"."""
    if every == "month":
        return text("deadline_month", month=day.month, year=day.year)
    if every == "quarter":
        return text("deadline_quarter", quarter=QUARTERS[(day.month - 1) // 3], year=day.year)
    return text("deadline_year", year=day.year)


def report_label(name: str) -> str:
    """ "Quý I" reads "Báo cáo quý I", "Năm" "Báo cáo năm"; a name already saying "Báo cáo …" is kept."""
    if match_key(name).startswith("bao cao"):
        return name
    if match_key(name.split(maxsplit=1)[0]) in _PERIOD_WORDS:  # a common noun: not capitalised mid-sentence
        name = name[:1].lower() + name[1:]
    return text("report_label", name=name)


_PERIOD_WORDS = {"nam", "quy", "thang"}


def _report_deadline(plan: Plan, report: Report) -> Deadline:
    name = report.name
    label = report_label(name)
    return Deadline(
        report.due,
        "report",
        label,
        text("report_due_summary", label=f"{label[:1].lower()}{label[1:]}"),
        text("report_due_detail", title=plan.title),
        f"{plan.id}/bao-cao-{slugify(name)}/{report.due.isoformat()}",
        plan.url,
    )
