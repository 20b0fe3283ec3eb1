"""The provincial CCHC portal quota: 1 to 3 articles a month, sent before the 20th.

Editors mark articles for the portal (Cổng TTĐT CCHC tỉnh) with `portal: true`.
This module decides, month by month, which of them go into the portal feed and
what is wrong with the month: too many (the feed keeps the earliest `max`), too
few once the deadline has passed, or an article dated on or after the deadline.

The quota of a year is the `portal` setting of that year's plan, else 1–3 before
the 20th. Which months are checked for "too few":
- with plans, every month of a plan year (the plan is the commitment);
- without plans, the months of the feed's window (the last 12) from the first
  month with a published portal article on: a unit that never sends to the
  portal is not nagged, and a missed month stops being reported after a year.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

from .errors import Collector
from .plans import PortalQuota
from .posts import Post
from .vndates import short_date

FEED_MONTHS = 12  # the portal feed covers the last 12 months


class Quota(Protocol):
    """What a plan's `portal` setting provides (`cchc.plans.PortalQuota`)."""

    min: int
    max: int
    before_day: int


DEFAULT_QUOTA = PortalQuota()  # a year without a plan: 1 to 3 articles, before the 20th

Month = tuple[int, int]  # (year, month)


@dataclass(frozen=True)
class QuotaRules:
    """The quota of each year, and which years a plan covers."""

    quota_for_year: Callable[[int], Quota] = lambda year: DEFAULT_QUOTA
    plan_years: frozenset[int] = frozenset()
    plan_files: Mapping[int, str] = field(default_factory=dict)  # year -> plans/….yaml, named in warnings

    @classmethod
    def from_plans(cls, plans: Iterable) -> QuotaRules:
        """From `cchc.plans.Plan`s (`year`, `portal`, `source`); no plans give the defaults."""
        plans = list(plans)
        quotas = {plan.year: plan.portal for plan in plans}
        files = {plan.year: plan.source for plan in plans}
        return cls(lambda year: quotas.get(year, DEFAULT_QUOTA), frozenset(quotas), files)


def deadline(year: int, month: int, before_day: int) -> date:
    """The first day on which the month's articles are late (the 20th by default)."""
    last = calendar.monthrange(year, month)[1]
    if before_day > last:
        return date(year, month, last) + timedelta(days=1)
    return date(year, month, max(1, before_day))


def recent_months(today: date, count: int = FEED_MONTHS) -> list[Month]:
    """The `count` months ending with today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [(i // 12, i % 12 + 1) for i in range(index - count + 1, index + 1)]


@dataclass(frozen=True)
class MonthQuota:
    """One month's portal articles, as the feed and the quota table see them."""

    year: int
    month: int
    quota: Quota
    deadline: date
    posts: tuple[Post, ...]  # published portal articles, oldest first
    checked: bool  # counts for "too few" (see the module's docstring)
    past: bool  # the deadline has passed
    plan_file: str | None = None  # the plan that sets this year's quota

    @property
    def label(self) -> str:
        return f"{self.month}/{self.year}"

    @property
    def kept(self) -> tuple[Post, ...]:
        return self.posts[: self.quota.max]

    @property
    def left_out(self) -> tuple[Post, ...]:
        return self.posts[self.quota.max :]

    @property
    def late(self) -> tuple[Post, ...]:
        return tuple(p for p in self.posts if p.local_date >= self.deadline)

    @property
    def on_time(self) -> int:
        return len(self.posts) - len(self.late)

    @property
    def status(self) -> str:
        """over | short | open | ok: what the quota table shows."""
        if self.left_out:
            return "over"
        if self.on_time < self.quota.min:
            if not self.past:
                return "open"
            if self.checked:
                return "short"
        return "ok"


@dataclass(frozen=True)
class PortalReport:
    months: tuple[MonthQuota, ...]  # every month with articles or checked, oldest first
    window: tuple[Month, ...]  # the feed's months, oldest first
    feed_posts: tuple[Post, ...] = field(default=())  # newest first

    @property
    def recent(self) -> list[MonthQuota]:
        """The rows of the feed's window, newest first (the landing page's table)."""
        wanted = set(self.window)
        return [m for m in reversed(self.months) if (m.year, m.month) in wanted]

    def for_year(self, year: int) -> list[MonthQuota]:
        """A plan year's rows, January first (a plan page's table)."""
        return [m for m in self.months if m.year == year]

    def month(self, year: int, month: int) -> MonthQuota | None:
        return next((m for m in self.months if (m.year, m.month) == (year, month)), None)


def portal_posts(posts: Iterable[Post], now: datetime) -> list[Post]:
    """Published articles marked `portal: true`, oldest first; drafts and scheduled never count."""
    return sorted((p for p in posts if p.portal and p.is_published(now)), key=lambda p: (p.date, p.source))


def build_report(posts: Iterable[Post], rules: QuotaRules, now: datetime, tz: tzinfo) -> PortalReport:
    today = now.astimezone(tz).date()
    by_month: dict[Month, list[Post]] = defaultdict(list)
    for post in portal_posts(posts, now):
        by_month[(post.local_date.year, post.local_date.month)].append(post)
    window = recent_months(today)
    if rules.plan_years:
        checked = {(year, month) for year in rules.plan_years for month in range(1, 13)}
    else:
        first = min(by_month, default=None)
        checked = {m for m in window if first is not None and m >= first}
    rows = []
    for year, month in sorted(checked | set(by_month)):
        quota = rules.quota_for_year(year)
        due = deadline(year, month, quota.before_day)
        found = tuple(by_month.get((year, month), ()))
        plan_file = rules.plan_files.get(year)
        rows.append(MonthQuota(year, month, quota, due, found, (year, month) in checked, today >= due, plan_file))
    in_window = set(window)
    feed = [p for row in reversed(rows) if (row.year, row.month) in in_window for p in reversed(row.kept)]
    return PortalReport(tuple(rows), tuple(window), tuple(feed))


def check_quota(report: PortalReport, posts_dir: str, problems: Collector) -> None:
    """Warnings for what an editor can still act on.

    Too many articles, anywhere in the feed's window: the feed leaves some out.
    Too few or late articles, only for the current and the previous month: an
    older miss cannot be mended, stays visible in the plan's quota table, and
    would otherwise fail every `--strict` build for the rest of the year.
    """
    in_window = set(report.window)
    recent = set(report.window[-2:])
    for row in report.months:
        month = (row.year, row.month)
        if month in recent:
            check_month(row, posts_dir, problems)
        elif month in in_window:
            _check_over(row, problems)


def check_month(row: MonthQuota, posts_dir: str, problems: Collector) -> None:
    """One month's warnings, each naming the month and the files."""
    _check_over(row, problems)
    quota = row.quota
    if row.status == "short":
        sent = f" Bài trong tháng: {_files(row.posts)}." if row.posts else ""
        problems.warning(
            row.posts[0].source if row.posts else row.plan_file or f"{posts_dir}/",
            f"Tháng {row.label} chỉ có {row.on_time} bài gửi Cổng TTĐT CCHC tỉnh trước ngày "
            f"{quota.before_day} (cần ít nhất {quota.min} bài).{sent}",
            "portal",
        )
    for post in row.late:
        problems.warning(
            post.source,
            f"Bài gửi Cổng TTĐT CCHC tỉnh đăng ngày {short_date(post.local_date)}, không trước hạn "
            f"ngày {quota.before_day} của tháng {row.label}: Ban Biên tập nhận bài trước ngày "
            f"{quota.before_day} hằng tháng.",
            "date",
            post.lines.get("date"),
        )


def _check_over(row: MonthQuota, problems: Collector) -> None:
    """More articles than the quota: the feed keeps the earliest, the rest are named."""
    if row.left_out:
        first = row.left_out[0]
        problems.warning(
            first.source,
            f"Tháng {row.label} có {len(row.posts)} bài gửi Cổng TTĐT CCHC tỉnh, nhiều hơn mức tối đa "
            f"{row.quota.max} bài; nguồn tin chỉ giữ {row.quota.max} bài đăng sớm nhất. Bài bị bỏ ra: "
            f"{_files(row.left_out)}. Hãy bỏ `portal: true` ở bài không gửi.",
            "portal",
            first.lines.get("portal"),
        )


def _files(posts: Iterable[Post]) -> str:
    return ", ".join(p.source for p in posts)
