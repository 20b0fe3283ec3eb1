"""Dates as editors type them and as Vietnamese readers expect them."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from babel.dates import format_date

from .vntext import match_key

# A time as people type it: 08:30, 08:30:15, 14h, 14h30 (after a date, separated by a space).
_TIME = r"(?P<H>\d{1,2})(?::(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?|[hg](?P<Mh>\d{2})?)"
_OFFSET = r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
_CLOCK = rf"(?:(?:lúc\s+)?{_TIME}{_OFFSET})"
_ISO = re.compile(rf"^(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?:(?:T|\s+){_CLOCK})?$", re.I)
# 12/3/2026 or 12-03-2026 08:30: how dates are written in Vietnamese documents, always day first.
_VN = re.compile(rf"^(?P<d>\d{{1,2}})[/.-](?P<m>\d{{1,2}})[/.-](?P<y>\d{{4}})(?:\s+{_CLOCK})?$", re.I)
# The forms messages show, day first as Vietnamese write them.
DATETIME_FORMS = "12/03/2026, 12/03/2026 08:30, 12/03/2026 8h30, 2026-03-12 08:30 hoặc 2026-03-12T08:30:00+07:00"
DATE_FORMS = "12/03/2026 hoặc 2026-03-12"
# UTC offsets in use on Earth run from -12:00 to +14:00.
_OFFSETS = (timedelta(hours=-12), timedelta(hours=14))


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
        raise DateFormatError(f'"{raw}" không phải ngày hợp lệ; hãy viết {DATETIME_FORMS}')
    parts = found.groupdict()
    _check_year(int(parts["y"]), raw)
    try:
        day = date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
        clock = time(int(parts["H"] or 0), int(parts["M"] or parts["Mh"] or 0), int(parts["S"] or 0))
    except ValueError:
        raise DateFormatError(f'"{raw}" không có trong lịch (ngày, tháng hoặc giờ sai)') from None
    offset = parts["tz"]
    if not offset:
        return datetime.combine(day, clock, tzinfo=tz)
    return datetime.combine(day, clock, tzinfo=_offset(offset, raw))


def _offset(text: str, raw: str) -> timezone:
    """`+07:00`, `+0700` or `Z`; hours beyond 14 or minutes beyond 59 are typos, not a later hour."""
    if text.upper() == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    shift = (-1 if text[0] == "-" else 1) * timedelta(hours=hours, minutes=minutes)
    if minutes > 59 or not _OFFSETS[0] <= shift <= _OFFSETS[1]:
        raise DateFormatError(
            f'"{raw}": độ lệch múi giờ {text} không hợp lệ (giờ từ -12:00 đến +14:00, phút dưới 60); '
            "giờ Việt Nam là +07:00, hoặc bỏ hẳn phần này"
        )
    return timezone(shift)


def parse_date(text: str) -> date:
    """A calendar date (deadlines, issue dates); a time part is not allowed."""
    raw = text.strip()
    found = _ISO.match(raw) or _VN.match(raw)
    if not found or found.group("H"):
        raise DateFormatError(f'"{raw}" không phải ngày hợp lệ; hãy viết {DATE_FORMS}')
    _check_year(int(found["y"]), raw)
    try:
        return date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:
        raise DateFormatError(f'"{raw}" không có trong lịch (ngày hoặc tháng sai)') from None


# Deadlines as plans word them, read after `match_key` (no marks, lower case):
# "Tháng 9/2026", "09/2026", "2026-09", "tháng 9 năm 2026"; "Quý III/2026", "quý 3 năm 2026".
_MONTH = re.compile(r"^(?:thang\s*)?(?P<m>\d{1,2})\s*(?:/|-|\s+nam\s+)(?P<y>\d{4})$|^(?P<y2>\d{4})-(?P<m2>\d{1,2})$")
_QUARTER = re.compile(r"^quy\s*(?P<q>iv|i{1,3}|[1-4])\s*(?:/|-|\s+nam\s+)(?P<y>\d{4})$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Words before the deadline that keep its meaning ("trong tháng 02/2026", "chậm nhất 30/9/2026").
_WITHIN = re.compile(r"^(?:trong|han|cham nhat|truoc het|den het|den)\s+(?:ngay\s+)?")
_BEFORE = re.compile(r"^truoc\s+(?:ngay\s+)?")
DEADLINE_FORMS = (
    "30/09/2026 (một ngày), Tháng 9/2026 hoặc 09/2026 (ngày cuối tháng), Quý III/2026 (ngày cuối quý), "
    "trước 25/11/2026 (hạn là ngày hôm trước)"
)


def parse_deadline(text: str) -> date:
    """A deadline as a plan words it: a day, a month or a quarter (its last day), or "trước" one.

    "trước 25/11/2026" is due on 24/11, as the portal's "trước ngày 20" is due on the 19th.
    """
    raw = " ".join(text.split())
    key = match_key(raw)
    before = _BEFORE.match(key)
    key = key[before.end() :] if before else _WITHIN.sub("", key)
    first, last = _span(key, raw)
    return first - timedelta(days=1) if before else last


def _span(key: str, raw: str) -> tuple[date, date]:
    """The first and last day `key` names: one day, a month or a quarter."""
    quarter = _QUARTER.match(key)
    if quarter:
        year = int(quarter["y"])
        _check_year(year, raw)
        end_month = 3 * _ROMAN[quarter["q"]]
        return date(year, end_month - 2, 1), date(year, end_month, calendar.monthrange(year, end_month)[1])
    month = _MONTH.match(key)
    if month:
        year = int(month["y"] or month["y2"])
        _check_year(year, raw)
        number = int(month["m"] or month["m2"])
        if not 1 <= number <= 12:
            raise DateFormatError(f'"{raw}": không có tháng {number}')
        return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
    found = _ISO.match(key) or _VN.match(key)
    if not found or found["H"]:
        raise DateFormatError(f'"{raw}" không đọc được thành hạn; hãy viết {DEADLINE_FORMS}')
    day = parse_date(key)
    return day, day


@functools.lru_cache(maxsize=4096)  # Babel's formatter is slow, and lists show the same days on many pages
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
