"""A `Plan` written as plans/*.yaml text (FORMATS §2), the way the plan officer would type it.

Used by `cchc plan import`: keys in the documented order, multi-line cells as `|`
blocks, schedules and reports one flow mapping a line, and the import's review as
YAML comments (at the top, and above each task it concerns), so nothing the import
could not map is lost between the Word file and the YAML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from ..readers.docxtable import Remark
from ..readers.plans import Plan, Schedule, Task

# Plain YAML scalars need no quotes; anything YAML would read otherwise is JSON-quoted.
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")


def scalar(text: str) -> str:
    if _PLAIN.match(text) and ": " not in text and " #" not in text and not text.endswith((":", " ")):
        return text
    return json.dumps(text, ensure_ascii=False)


def _field(indent: str, key: str, value: str | None, content: str | None = None) -> Iterator[str]:
    """`key: value`, or a `|` block whose lines are indented by `content` (default: two more)."""
    if not value:
        return
    if "\n" in value.rstrip("\n"):
        inner = content or indent + "  "
        yield f"{indent}{key}: |"
        yield from (f"{inner}{line}" if line else "" for line in value.rstrip("\n").split("\n"))
    else:
        yield f"{indent}{key}: {scalar(value)}"


def _items(indent: str, key: str, values: Iterable[str], listed: bool = False) -> Iterator[str]:
    """One value as a scalar (a cell of one line), several as a list; `listed`: always a list."""
    values = list(values)
    if len(values) == 1 and not listed:
        yield from _field(indent, key, values[0])
    elif values:
        yield f"{indent}{key}:"
        yield from (f"{indent}  - {scalar(v)}" for v in values)


def schedule_text(schedule: Schedule) -> str:
    if schedule.ongoing:
        return "{ongoing: true}"
    if schedule.every:
        return f"{{every: {schedule.every}}}"
    if schedule.dates:
        return "{dates: [" + ", ".join(d.isoformat() for d in schedule.dates) + "]}"
    return f"{{due: {schedule.due.isoformat() if schedule.due else ''}}}"


def _task(task: Task, indent: str, remarks: dict[str, list[Remark]]) -> Iterator[str]:
    for remark in remarks.get(task.stt, []):
        yield f"{indent}# Rà soát ({remark.where}): {remark.message}"
    yield f"{indent}- stt: {json.dumps(task.stt)}"
    inner = indent + "  "
    yield from _field(inner, "title", task.title)
    yield from _items(inner, "outputs", task.outputs)
    yield from _items(inner, "forms", task.forms)
    yield from _field(inner, "timeline", task.timeline)
    if task.schedule:
        yield f"{inner}schedule: {schedule_text(task.schedule)}"
    yield from _field(inner, "lead", task.lead)
    yield from _items(inner, "support", task.support)
    yield from _field(inner, "budget", task.budget)
    if task.expects:
        per = f", per: {task.expects.per}" if task.expects.per else ""
        yield f"{inner}expects: {{posts: {task.expects.posts}{per}}}"
    if task.subtasks:
        yield f"{inner}subtasks:"
        for sub in task.subtasks:
            yield from _task(sub, inner + "  ", remarks)


def _head(plan: Plan) -> Iterator[str]:
    yield from _field("", "title", plan.title)
    yield f"year: {plan.year}"
    yield from _field("", "number", plan.number)
    if plan.issued:
        yield f"issued: {plan.issued.isoformat()}"
    elif plan.issued_month:
        yield f"issued: {plan.year}-{plan.issued_month:02d}"
    yield from _field("", "issuer", plan.issuer)
    yield from _field("", "parent", plan.parent)
    yield from _field("", "place", plan.place)
    if plan.signer:
        yield "signer:"
        yield from _field("  ", "name", plan.signer.name)
        yield from _field("  ", "title", plan.signer.title)
    yield from _items("", "bases", plan.bases, listed=True)


def _sections(plan: Plan) -> Iterator[str]:
    if plan.sections:
        yield "sections:"
    for section in plan.sections:
        indent = "  - "
        if section.heading:
            yield f"  - heading: {scalar(section.heading)}"
            indent = "    "
        yield from _field(indent, "body", section.body, content="      ")


def plan_yaml(plan: Plan, remarks: Iterable[Remark], source: str) -> str:
    """The YAML text of `plan`, read from `source` (the .docx's name), with the review as comments."""
    remarks = list(remarks)
    by_task: dict[str, list[Remark]] = {}
    for remark in remarks:
        if remark.stt:
            by_task.setdefault(remark.stt, []).append(remark)
    lines = [f"# Nhập từ {source} bằng `cchc plan import`. Đối chiếu với văn bản đã ký trước khi đăng."]
    if remarks:
        lines.append(f"# Cần rà soát ({len(remarks)} mục):")
        lines += [f"#   - {r.where}: {r.message}" for r in remarks]
    lines += list(_head(plan))
    lines += list(_sections(plan))
    lines += list(_items("", "recipients", plan.recipients, listed=True))
    lines += list(_field("", "appendix_title", plan.appendix_title))
    lines.append("tasks:")
    for task in plan.tasks:
        lines += list(_task(task, "  ", by_task))
    if plan.reports:
        lines.append("reports:")
        lines += [f"  - {{name: {scalar(r.name)}, due: {r.due.isoformat()}}}" for r in plan.reports]
    return "\n".join(lines) + "\n"
