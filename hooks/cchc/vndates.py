"""Dates as editors type them and as Vietnamese readers expect them."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo

from babel.dates import format_date

_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)
# 12/3/2026 or 12-03-2026 08:30: how dates are written in Vietnamese documents.
_VN = re.compile(
    r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:\s+(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)


class DateFormatError(ValueError):
    pass


# A year outside this range is a typo (0206, 2206): taken as written it would make the
# calendars span centuries, tens of thousands of pages.
YEARS = range(2000, 2100)


def _check_year(year: int, raw: str) -> None:
    if year not in YEARS:
        raise DateFormatError(
            f'"{raw}": năm {year} có vẻ gõ nhầm; chỉ nhận các năm từ {YEARS.start} đến {YEARS.stop - 1}'
        )


def parse_datetime(text: str, tz: tzinfo) -> datetime:
    """An aware datetime; no offset means local time `tz`, a date alone 00:00."""
    raw = text.strip()
    found = _ISO.match(raw) or _VN.match(raw)
    if not found:
        raise DateFormatError(
            f'"{raw}" không phải ngày hợp lệ; hãy viết 2026-03-12, 2026-03-12 08:30 hoặc 2026-03-12T08:30:00+07:00'
        )
    parts = found.groupdict()
    _check_year(int(parts["y"]), raw)
    try:
        day = date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
        clock = time(int(parts["H"] or 0), int(parts["M"] or 0), int(parts["S"] or 0))
    except ValueError:
        raise DateFormatError(f'"{raw}" không có trong lịch (ngày, tháng hoặc giờ sai)') from None
    offset = parts.get("tz")
    if offset:
        iso = offset.replace("Z", "+00:00")
        if ":" not in iso:
            iso = f"{iso[:3]}:{iso[3:]}"
        return datetime.fromisoformat(f"{day.isoformat()}T{clock.isoformat()}{iso}")
    return datetime.combine(day, clock, tzinfo=tz)


def parse_date(text: str) -> date:
    """A calendar date (deadlines, issue dates); a time part is not allowed."""
    raw = text.strip()
    found = _ISO.match(raw) or _VN.match(raw)
    if not found or found.group("H"):
        raise DateFormatError(f'"{raw}" không phải ngày hợp lệ; hãy viết 2026-03-12 hoặc 12/03/2026')
    _check_year(int(found["y"]), raw)
    try:
        return date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:
        raise DateFormatError(f'"{raw}" không có trong lịch (ngày hoặc tháng sai)') from None


def list_date(day: date) -> str:
    """For lists: `Thứ Năm, 12/3/2026`."""
    text = format_date(day, "EEEE, d/M/y", locale="vi")
    return text[:1].upper() + text[1:]


def short_date(day: date) -> str:
    """Compact: `12/3/2026`."""
    return f"{day.day}/{day.month}/{day.year}"


def official_date(day: date) -> str:
    """Document style (Nghị định 30/2020): `ngày 05 tháng 02 năm 2026`.

    Days below 10 and months 1 and 2 take a leading zero.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def month_label(year: int, month: int) -> str:
    return f"Tháng {month} năm {year}"


def time_label(moment: datetime) -> str:
    return moment.strftime("%H:%M")
