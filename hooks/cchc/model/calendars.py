"""Post calendars: which months are shown, each month's grid, posts and deadlines by day.

Everything is bucketed by day once (linear in posts and deadlines); a month's grid then
only looks up its own 28–31 days, so no page walks all posts.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any, ClassVar, Generic, TypeVar

from ..config import urls
from ..config.urls import Crumb
from ..readers.posts import Post
from ..text.ui import STRINGS, WEEKDAYS, text
from .deadlines import Deadline, plan_deadlines, portal_deadlines
from .portal import QuotaRules

HEAT_LEVELS = 4  # a day with 4 or more posts has the darkest shade
_WEEKS = calendar.Calendar(firstweekday=calendar.MONDAY)

Month = tuple[int, int]  # (year, month)
T = TypeVar("T")


@dataclass(frozen=True)
class Day:
    date: date
    posts: tuple[Post, ...] = ()  # oldest first
    deadlines: tuple[Deadline, ...] = ()
    today: bool = False

    @property
    def heat(self) -> int:
        return min(len(self.posts), HEAT_LEVELS)

    @property
    def anchor(self) -> str:
        return f"ngay-{self.date.day}"

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()][1]

    @property
    def label(self) -> str:
        """What a screen reader says for the day's link: "Ngày 12 tháng 3 năm 2026: 2 bài viết"."""
        day = self.date
        return text("day_label", day=day.day, month=day.month, year=day.year, contents=self._contents)

    @property
    def month_label(self) -> str:
        """The month page's day link: "Thứ Năm, 12/3/2026: 2 bài viết", holding the words it shows
        ("12", on phones "Thứ Năm, 12/3"), so what a voice user reads out names the link (WCAG 2.5.3)."""
        return f"{self.weekday}, {self.date.day}/{self.date.month}/{self.date.year}: {self._contents}"

    @property
    def _contents(self) -> str:
        parts = []
        if self.posts:
            parts.append(text("posts_count", n=len(self.posts)))
        if self.deadlines:
            parts.append(text("calendar_due_count", n=len(self.deadlines)))
        return ", ".join(parts) or STRINGS["day_empty"]


class _Neighbours(Generic[T]):
    """The previous/next links of a month or year page (`prev`, `next`: None at either end)."""

    prev: T | None
    next: T | None

    def _link(self, to: T) -> Crumb:
        raise NotImplementedError

    @property
    def prev_link(self) -> Crumb | None:
        return None if self.prev is None else self._link(self.prev)

    @property
    def next_link(self) -> Crumb | None:
        return None if self.next is None else self._link(self.next)


@dataclass(frozen=True)
class MonthGrid(_Neighbours[Month]):
    year: int
    month: int
    weeks: tuple[tuple[Day | None, ...], ...]  # Monday first; None pads the first and last week
    shown: bool = True  # False: before the first or after the last month, no page of its own
    prev: Month | None = None
    next: Month | None = None
    section: str = urls.DEFAULT_SECTION  # `extra.cchc.section`

    @property
    def url(self) -> str:
        return urls.calendar_month(self.section, self.year, self.month)

    @property
    def caption(self) -> str:
        return text("month_caption", month=self.month, year=self.year)

    @property
    def days(self) -> Iterator[Day]:
        return (day for week in self.weeks for day in week if day is not None)

    @property
    def total(self) -> int:
        return sum(len(day.posts) for day in self.days)

    @property
    def deadlines(self) -> list[Deadline]:
        return [d for day in self.days for d in day.deadlines]

    def _link(self, to: Month) -> Crumb:
        return Crumb(text("month_of_year", month=to[1], year=to[0]), urls.calendar_month(self.section, *to))


@dataclass(frozen=True)
class YearView(_Neighbours[int]):
    year: int
    months: tuple[MonthGrid, ...]  # all twelve; months outside the calendar are not `shown`
    prev: int | None = None
    next: int | None = None
    section: str = urls.DEFAULT_SECTION

    @property
    def url(self) -> str:
        return urls.calendar_year(self.section, self.year)

    @property
    def total(self) -> int:
        return sum(m.total for m in self.months)

    def _link(self, to: int) -> Crumb:
        return Crumb(text("year_name", year=to), urls.calendar_year(self.section, to))

    @property
    def busiest(self) -> int:
        """Posts in the year's busiest month: the full length of the monthly bars."""
        return max(m.total for m in self.months)


@dataclass
class Calendar:
    weekdays: ClassVar[tuple[tuple[str, str], ...]] = WEEKDAYS
    months: list[Month]  # every month shown, oldest first, none skipped
    today: date
    deadlines: list[Deadline]  # every deadline, by day
    grids: dict[Month, MonthGrid] = field(default_factory=dict)
    years: dict[int, YearView] = field(default_factory=dict)
    section: str = urls.DEFAULT_SECTION

    @property
    def current(self) -> MonthGrid:
        return self.grids[(self.today.year, self.today.month)]

    def has_month(self, year: int, month: int) -> bool:
        return (year, month) in self.grids

    def upcoming(self, count: int) -> list[Deadline]:
        """The next `count` deadlines from today on."""
        return [d for d in self.deadlines if d.day >= self.today][:count]


def months_between(first: date, last: date) -> list[Month]:
    """Every month from `first`'s to `last`'s, both included."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


def build_calendar(
    posts: Iterable[Post],
    plans: Sequence[Any],
    now: datetime,
    tz: tzinfo,
    portal: QuotaRules | None = None,
    section: str = urls.DEFAULT_SECTION,
) -> Calendar:
    """The calendar of published posts, of the plans' deadlines and of the portal's (`portal`: the quota rule).

    It runs from the first post, the first plan year or the first deadline, whichever is
    earliest, to the last of them or today: empty months in between are kept, so a month
    without posts shows as empty instead of missing.
    """
    today = now.astimezone(tz).date()
    by_day: dict[date, list[Post]] = defaultdict(list)
    for post in posts:
        # The calendar is the record of what was published: never drafts or scheduled posts,
        # not even in `cchc serve`'s preview.
        if post.is_published(now):
            by_day[post.local_date].append(post)
    portal = portal or QuotaRules(plans=tuple(plans))
    fixed = [d for plan in plans for d in plan_deadlines(plan)]
    marks = [today, *by_day, *(d.day for d in fixed)]
    for plan in plans:
        marks += [date(plan.year, 1, 1), date(plan.year, 12, 31)]
    months = months_between(min(marks), max(marks))
    deadlines = sorted(fixed + portal_deadlines(months, portal), key=lambda d: d.order)
    due: dict[date, list[Deadline]] = defaultdict(list)
    for deadline in deadlines:
        due[deadline.day].append(deadline)

    cal = Calendar(months, today, deadlines, section=section)
    for i, (year, month) in enumerate(months):
        prev = months[i - 1] if i > 0 else None
        after = months[i + 1] if i + 1 < len(months) else None
        cal.grids[(year, month)] = _grid(year, month, by_day, due, today, prev=prev, next=after, section=section)
    years = sorted({year for year, _ in months})
    for i, year in enumerate(years):
        twelve = tuple(
            cal.grids.get((year, m)) or _grid(year, m, {}, {}, today, shown=False, section=section)
            for m in range(1, 13)
        )
        cal.years[year] = YearView(
            year, twelve, years[i - 1] if i > 0 else None, years[i + 1] if i + 1 < len(years) else None, section
        )
    return cal


def _grid(
    year: int,
    month: int,
    posts: dict[date, list[Post]],
    deadlines: dict[date, list[Deadline]],
    today: date,
    **kwargs: Any,
) -> MonthGrid:
    weeks = []
    for week in _WEEKS.monthdatescalendar(year, month):
        row: list[Day | None] = []
        for day in week:
            if day.month != month:
                row.append(None)
                continue
            on_day = sorted(posts.get(day, ()), key=lambda p: (p.date, p.source))
            row.append(Day(day, tuple(on_day), tuple(deadlines.get(day, ())), day == today))
        weeks.append(tuple(row))
    return MonthGrid(year, month, tuple(weeks), **kwargs)
