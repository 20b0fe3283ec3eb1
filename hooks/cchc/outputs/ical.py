"""The deadline calendar staff subscribe to from their phones: `urls.ics` (/cchc/lich.ics).

Deterministic: events in date order, DTSTAMP from the build's "now", UIDs from the
deadline's own identity, so a subscribed phone updates events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit

from icalendar import Calendar, Event

from ..model.deadlines import Deadline
from ..text.vntext import slugify

_CATEGORY = {"task": "Nhiệm vụ kế hoạch", "report": "Báo cáo", "portal": "Cổng TTĐT CCHC tỉnh"}


def deadline_calendar(
    deadlines: Iterable[Deadline], unit: str, now: datetime, site_url: str | None, timezone: str
) -> bytes:
    """Every deadline as an all-day event, in Vietnamese."""
    domain = urlsplit(site_url).hostname if site_url else None
    domain = domain or f"{slugify(unit)}.cchc.invalid"
    stamp = now.astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", f"-//{unit}//Lich han CCHC//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Hạn công việc CCHC – {unit}")
    cal.add("x-wr-caldesc", f"Hạn nhiệm vụ, báo cáo và gửi tin, bài cải cách hành chính của {unit}.")
    cal.add("x-wr-timezone", timezone)
    # Ask subscribed calendars to look for changes daily.
    cal.add("refresh-interval", timedelta(days=1), parameters={"value": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    for deadline in sorted(deadlines, key=lambda d: d.order):
        event = Event()
        event.add("uid", f"{deadline.uid}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.day)
        event.add("dtend", deadline.day + timedelta(days=1))
        event.add("summary", deadline.summary)
        description = deadline.description
        if deadline.url and site_url:
            page = urljoin(site_url, deadline.url)
            event.add("url", page)
            description = f"{description}\n{page}" if description else page
        if description:
            event.add("description", description)
        event.add("categories", [_CATEGORY[deadline.kind]])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        cal.add_component(event)
    data: bytes = cal.to_ical()  # icalendar's own annotation is loose
    return data
