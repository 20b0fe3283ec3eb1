"""Word documents of a plan: the periodic report (`cchc report`) and the plan itself (its page's .docx).

Both are laid out by `officedoc` (Decree 30/2020/NĐ-CP). The report's figures are the
plan page's report section (`progress.ReportProgress`, the same code): posts in the
period, by task with each task's status and linked posts, by area, by department,
the portal's months against the quota. Its parts II and III are headed blanks for
the officer to write. The plan document sets out what the plan page shows as the
signed document does: heading, bases, sections, signer, and the Phụ lục table with
the merged cells of subtasks sharing a value (`Plan.rowspan`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model.deadlines import report_label
from ..model.planheading import dateline, issued_text, title_lines
from ..model.portal import MonthQuota
from ..model.progress import PlanProgress, ReportProgress
from ..readers.plans import Plan, Task
from ..text.ui import STRINGS, text
from ..text.vndates import short_date
from ..text.vntext import match_key
from .officedoc import OfficialDocument, merge_down

BLANK = "\u2003\u2003\u2003"  # room for the number, filled in by hand when the document is issued


def report_number(plan: Plan) -> str:
    """ "/BC-YTNH" from the plan's "209/KH-YTNH": the report's number, its figure left blank."""
    suffix = plan.number.split("/", 1)[1] if plan.number and "/" in plan.number else ""
    return f"{BLANK}/{re.sub(r'^KH-', 'BC-', suffix)}" if suffix else f"{BLANK}/BC-"


def period_words(progress: ReportProgress) -> str:
    """ "quý I năm 2026": the report's name as the summary says it."""
    name = report_label(progress.report.name).removeprefix("Báo cáo ")
    year = progress.report.due.year
    if match_key(name) == "nam":
        return f"năm {year}"
    return name if re.search(r"\d{4}", name) else f"{name} năm {year}"


def report_document(pp: PlanProgress, rp: ReportProgress, portal_rows: Sequence[MonthQuota], base_url: str) -> bytes:
    """The report of `rp`'s period as .docx bytes."""
    plan, doc = pp.plan, OfficialDocument()
    place = f"{plan.place}, " if plan.place else ""
    doc.heading(plan.issuer, plan.parent, report_number(plan), f"{place}ngày … tháng … năm …")
    doc.title(STRINGS["report_kind"], [STRINGS["report_summary"], period_words(rp)])
    number = f" số {plan.number}" if plan.number and plan.number[:1].isdigit() else ""
    doc.para(text("report_basis", plan=plan.title, number=number, issuer=plan.issuer, period=period_words(rp)))
    doc.para(STRINGS["report_results"], bold=True)
    overview = text(
        "report_overview", start=short_date(rp.start), end=short_date(rp.end), total=rp.total, portal=len(rp.portal)
    )
    doc.para(overview)
    _tasks(doc, pp, rp, base_url)
    doc.para(STRINGS["report_areas"], bold=True)
    _counts(doc, STRINGS["report_col_area"], [(c.label, c.count) for c in rp.by_area])
    doc.para(STRINGS["report_departments"], bold=True)
    _counts(doc, STRINGS["report_col_department"], [(c.label, c.count) for c in rp.by_department])
    _portal(doc, rp, portal_rows, base_url)
    doc.para(STRINGS["report_documents"], bold=True)
    if not rp.documents:
        doc.para(STRINGS["report_none"], italic=True)
    for document in rp.documents:
        url = base_url + document.url
        doc.para(text("report_document_line", heading=document.heading, day=short_date(document.issued), url=url))
    for heading in ("report_problems", "report_next"):
        doc.para(STRINGS[heading], bold=True)
        doc.para(STRINGS["report_fill"], italic=True)
    recipients = [f"{plan.parent or STRINGS['report_parent']};", STRINGS["report_archive"]]
    signer = plan.signer
    doc.closing(recipients, signer.title_lines if signer else (), signer.name if signer else "")
    return doc.bytes()


def _tasks(doc: OfficialDocument, pp: PlanProgress, rp: ReportProgress, base_url: str) -> None:
    doc.para(STRINGS["report_tasks"], bold=True)
    counts = {c.anchor: c.count for c in rp.by_task}
    rows = []
    for tp in pp.all_tasks():
        task = tp.task
        posts = [p for p in tp.posts if rp.start <= p.local_date <= rp.end]
        titles = [f"{p.title} ({base_url}{p.url})" for p in sorted(posts, key=lambda p: (p.date, p.source))]
        rows.append([[task.stt], [task.title], [tp.status.label], [str(counts.get(task.anchor, 0))], titles])
    headers = [STRINGS["plan_col_stt"], STRINGS["plan_col_title"], STRINGS["report_col_status"]]
    doc.table([*headers, STRINGS["report_col_count"], STRINGS["report_col_posts"]], rows, narrow=(0, 3))
    if rp.tasks_without_posts:
        doc.para(text("plan_report_empty_tasks", n=rp.tasks_without_posts) + ".", italic=True)


def _counts(doc: OfficialDocument, header: str, rows: list[tuple[str, int]]) -> None:
    if not rows:
        doc.para(STRINGS["report_none"], italic=True)
        return
    doc.table([header, STRINGS["report_col_posts_count"]], [[[label], [str(n)]] for label, n in rows], narrow=(1,))


def quota_words(row: MonthQuota) -> str:
    """What the plan page's quota table says of a month (overrides/cchc/_portal_quota.html)."""
    words = {
        "over": text("portal_over", max=row.quota.max),
        "short": STRINGS["portal_short"],
        "na": STRINGS["portal_na"],
        "open": text("portal_open", day=short_date(row.deadline)),
        "ok": STRINGS["portal_ok"],
    }[row.status]
    late = f"; {text('portal_late', n=len(row.late), day=row.quota.before_day)}" if row.late else ""
    return words + late


def _portal(doc: OfficialDocument, rp: ReportProgress, rows: Sequence[MonthQuota], base_url: str) -> None:
    doc.para(STRINGS["report_portal"], bold=True)
    months = [r for r in rows if (rp.start.year, rp.start.month) <= (r.year, r.month) <= (rp.end.year, rp.end.month)]
    if months:
        quota = months[-1].quota
        doc.para(
            text("portal_quota_intro", source=months[-1].source, min=quota.min, max=quota.max, day=quota.before_day)
        )
        table = [[[r.label], [str(len(r.posts))], [quota_words(r)]] for r in months]
        doc.table([STRINGS["portal_month"], STRINGS["portal_count"], STRINGS["portal_status"]], table, narrow=(1,))
    for post in rp.portal:
        doc.para(f"- {short_date(post.local_date)}: {post.title} ({base_url}{post.url})")


# --- The plan as its signed document -------------------------------------------------------


def plan_document(plan: Plan) -> bytes:
    doc = OfficialDocument()
    doc.heading(plan.issuer, plan.parent, plan.number or BLANK, dateline(plan))
    kind, name = title_lines(plan)
    doc.title(kind, [name])
    for base in plan.bases:
        doc.para(base, italic=True)
    for section in plan.sections:
        if section.heading:
            doc.para(section.heading, bold=True)
        for block in section.body.split("\n"):
            if block.strip():
                doc.para(block.strip())
    signer = plan.signer
    doc.closing(plan.recipients, signer.title_lines if signer else (), signer.name if signer else "")
    doc.page_break()
    doc.para(STRINGS["plan_appendix"], bold=True, centred=True)
    doc.para((plan.appendix_title or STRINGS["plan_appendix_title"]).upper(), bold=True, centred=True)
    of = text("plan_appendix_of", number=plan.number or "…", date=issued_text(plan), issuer=plan.issuer)
    doc.para(of, italic=True, centred=True)
    _appendix(doc, plan)
    return doc.bytes()


def _appendix(doc: OfficialDocument, plan: Plan) -> None:
    columns = ("stt", "title", *plan.columns())
    headers = [plan.header(c) or STRINGS[f"plan_col_{c}"] for c in columns]
    tasks = list(plan.all_tasks())
    rows = [[list(_cell(plan, task, c)) if plan.rowspan(task, c) else [] for c in columns] for task in tasks]
    table = doc.table(headers, rows)
    for r, task in enumerate(tasks, 1):
        for c, column in enumerate(columns):
            merge_down(table, r, c, plan.rowspan(task, column))


def _cell(plan: Plan, task: Task, column: str) -> Iterator[str]:
    if column in ("outputs", "forms", "support"):
        items = getattr(task, column)
        yield from (f"- {i}" for i in items) if len(items) > 1 else items
    elif column == "lead":
        lines = (task.lead or "").splitlines()
        yield from ([f"{STRINGS['plan_lead']}: {lines[0]}", *lines[1:]] if lines and task.support else lines)
        if task.support and "support" not in plan.columns():
            yield f"{STRINGS['plan_support']}: {'; '.join(task.support)}"
    else:
        yield from (getattr(task, column) or "").splitlines()
