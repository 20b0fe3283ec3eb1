"""How a plan's document sets its heading: its name under "KẾ HOẠCH", its date, the dateline.

Shared by the plan's page (`pages.planpages`) and its Word document (`outputs.docxreport`),
so both word the heading the same way.
"""

from __future__ import annotations

from ..readers.plans import Plan
from ..text.ui import STRINGS, text
from ..text.vndates import official_date


def title_lines(plan: Plan) -> tuple[str, str]:
    """("KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2026"): how the document sets its name."""
    words = plan.title.split(" ", 2)
    if len(words) == 3 and f"{words[0]} {words[1]}".casefold() == STRINGS["plan_title_start"]:
        rest = words[2]
        return STRINGS["plan_kind"], rest[:1].upper() + rest[1:]
    return STRINGS["plan_kind"], plan.title


def issued_text(plan: Plan) -> str:
    """ "ngày 10 tháng 02 năm 2026", with blanks where the document has no day (or month) yet."""
    if plan.issued:
        return official_date(plan.issued)
    if plan.issued_month:
        month = f"{plan.issued_month:02d}" if plan.issued_month <= 2 else str(plan.issued_month)
        return text("issued_blank_day", month=month, year=plan.year)
    return text("issued_blank", year=plan.year)


def dateline(plan: Plan) -> str:
    """ "Ninh Hòa, ngày 10 tháng 02 năm 2026": the place and date under the national motto."""
    when = issued_text(plan)
    return f"{plan.place}, {when}" if plan.place else when[:1].upper() + when[1:]
