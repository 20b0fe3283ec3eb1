"""The provincial CCHC portal quota: by the province's rule, 1 to 3 articles a month, sent before the 20th.

Editors mark articles for the portal (Cổng TTĐT CCHC tỉnh) with `portal: true`.
This module owns the quota rule and decides, month by month, which articles go
into the portal feed and how the month stands: too many (the feed keeps the
earliest `max`), too few once the deadline has passed, articles sent late.

The rule of a year: the `portal` setting of that year's plan, else the province's
rule, the site setting `extra.cchc.portal` (`portal: false`: the unit has no portal).
Which months the rule applies to ("Chưa áp dụng" before):
- with plans, every month of a plan year from the plan's issue month on (and from
  the setting's `from:` when the province's rule is used);
- without plans, the months of the feed's window (the last 12) from the setting's
  `from:`, or else from the first month with a published portal article: a unit that
  never sends to the portal is not nagged.

Only what an editor can still change is a warning (fatal under `--strict`): too many
articles in a month of the feed, an article scheduled after its month's deadline. A
month that ended short or an article already published late cannot be mended: they
are shown in the quota table and by `cchc check`, never a strict failure.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

from ..config.errors import Collector
from ..config.settings import PROVINCE_RULE, PortalQuota
from ..readers.posts import Post
from ..text.ui import STRINGS
from ..text.vndates import short_date

FEED_MONTHS = 12  # the portal feed covers the last 12 months

Month = tuple[int, int]  # (year, month)
NO_PORTAL = STRINGS["no_portal"]


class QuotaPlan(Protocol):
    """What the quota reads of a plan (`cchc.plans.Plan`, frozen: read-only here too)."""

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> str: ...  # the file named in messages

    @property
    def title(self) -> str: ...

    @property
    def year(self) -> int: ...

    @property
    def portal(self) -> PortalQuota | None: ...  # None: the plan leaves the quota to the province's rule

    @property
    def start(self) -> date: ...  # its issue month's first day, in its year

    @property
    def url(self) -> str: ...


@dataclass(frozen=True)
class YearRule:
    """The quota of one year and where it comes from."""

    quota: PortalQuota
    source: str  # "Theo quy định của Cổng TTĐT CCHC tỉnh" or "Theo Kế hoạch …"
    start: Month | None = None  # the first month it applies
    plan: QuotaPlan | None = None  # the year's plan, for its file and page


@dataclass(frozen=True)
class QuotaRules:
    """The province's rule (the site setting) and the plans that may override it."""

    site: PortalQuota | None = PortalQuota()
    plans: Sequence[QuotaPlan] = ()

    @property
    def plan_years(self) -> frozenset[int]:
        return frozenset(plan.year for plan in self.plans)

    def for_year(self, year: int) -> YearRule | None:
        """None when nothing asks the unit to send anything that year (`portal: false`, no plan's quota)."""
        plans = sorted((p for p in self.plans if p.year == year), key=lambda p: p.id)
        # With several plans setting a quota, the earliest day wins: meeting it meets them all.
        quotas = ((p.portal, p) for p in plans if p.portal is not None)
        setting = sorted(quotas, key=lambda q: (q[0].before_day, q[1].id))
        plan = setting[0][1] if setting else (plans[0] if plans else None)
        issued = (plan.start.year, plan.start.month) if plan is not None else None
        if setting:
            quota, chosen = setting[0]
            return YearRule(quota, f"Theo {chosen.title}", issued, chosen)
        if self.site is None:
            return None
        starts = [m for m in (issued, self.site.start) if m is not None]
        return YearRule(self.site, PROVINCE_RULE, max(starts) if starts else None, plan)

    def applies(self, year: int, month: int) -> bool:
        rule = self.for_year(year)
        return rule is not None and (rule.start is None or (year, month) >= rule.start)


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
    quota: PortalQuota
    deadline: date
    posts: tuple[Post, ...]  # published portal articles, oldest first
    checked: bool  # the rule applies to this month (see the module's docstring)
    past: bool  # the deadline has passed
    plan_file: str | None = None  # the plan of this year
    source: str = PROVINCE_RULE  # who sets the quota, in words

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
        """over | na | open | short | ok: what the quota table shows (`na`: Chưa áp dụng)."""
        if self.left_out:
            return "over"
        if not self.checked:  # before the plan was issued, or no rule: whatever was sent
            return "na"
        if self.on_time < self.quota.min:
            return "short" if self.past else "open"
        return "ok"


@dataclass(frozen=True)
class PortalReport:
    months: tuple[MonthQuota, ...]  # every month with articles or checked, oldest first
    window: tuple[Month, ...]  # the feed's months, oldest first
    feed_posts: tuple[Post, ...] = field(default=())  # newest first
    scheduled: tuple[Post, ...] = ()  # portal articles waiting for their date, soonest first

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


def scheduled_posts(posts: Iterable[Post], now: datetime) -> list[Post]:
    """Posts waiting for their date (not drafts), soonest first."""
    return sorted((p for p in posts if not p.draft and p.date > now), key=lambda p: (p.date, p.source))


def build_report(posts: Iterable[Post], rules: QuotaRules, now: datetime, tz: tzinfo) -> PortalReport:
    today = now.astimezone(tz).date()
    posts = list(posts)
    by_month: dict[Month, list[Post]] = defaultdict(list)
    for post in portal_posts(posts, now):
        by_month[(post.local_date.year, post.local_date.month)].append(post)
    window = recent_months(today)
    if rules.plans:
        shown = {(year, month) for year in rules.plan_years for month in range(1, 13)}
        checked = {m for m in shown if rules.applies(*m)}
    else:
        site_start = rules.site.start if rules.site is not None else None
        first = site_start or min(by_month, default=None)
        shown = set()
        checked = {m for m in window if first is not None and m >= first and rules.applies(*m)}
    rows = []
    # The previous and the current month always have a row: `cchc check` shows them.
    for year, month in sorted(shown | checked | set(by_month) | set(window[-2:])):
        rule = rules.for_year(year)
        quota = rule.quota if rule is not None else PortalQuota()
        due = deadline(year, month, quota.before_day)
        found = tuple(by_month.get((year, month), ()))
        plan_file = rule.plan.source if rule is not None and rule.plan is not None else None
        source = rule.source if rule is not None else NO_PORTAL
        is_checked = (year, month) in checked
        rows.append(MonthQuota(year, month, quota, due, found, is_checked, today >= due, plan_file, source))
    in_window = set(window)
    feed = [p for row in reversed(rows) if (row.year, row.month) in in_window for p in reversed(row.kept)]
    scheduled = tuple(p for p in scheduled_posts(posts, now) if p.portal)
    return PortalReport(tuple(rows), tuple(window), tuple(feed), scheduled)


def check_quota(report: PortalReport, rules: QuotaRules, problems: Collector) -> None:
    """Warnings for what an editor can still change (see the module's docstring)."""
    in_window = set(report.window)
    for row in report.months:
        if (row.year, row.month) in in_window:
            check_month(row, problems)
    for post in report.scheduled:
        rule = rules.for_year(post.local_date.year)
        if rule is None:
            continue
        due = deadline(post.local_date.year, post.local_date.month, rule.quota.before_day)
        if post.local_date >= due:
            problems.warning(
                post.source,
                f"Bài gửi Cổng TTĐT CCHC tỉnh hẹn giờ đăng {post.local:%d/%m/%Y %H:%M}, không trước hạn ngày "
                f"{rule.quota.before_day} của tháng {post.local_date.month}/{post.local_date.year}: hãy hẹn giờ "
                f"trước ngày {short_date(due)} hoặc bỏ `portal: true`.",
                "date",
                post.lines.get("date"),
            )


def check_month(row: MonthQuota, problems: Collector) -> None:
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
