"""The portal quota: which articles the feed keeps each month and what is reported."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from cchc.errors import Collector
from cchc.portal import (
    DEFAULT_QUOTA,
    QuotaRules,
    build_report,
    check_quota,
    deadline,
    recent_months,
)
from cchc.posts import Post
from conftest import make_post

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # 12:00 in Vietnam, as in the end-to-end tests


def article(day: str, name: str | None = None, portal: bool = True, draft: bool = False) -> Post:
    return make_post(day, name or f"bai-{day[:10]}-{day[11:13] or '00'}", portal=portal, draft=draft)


def report(posts, rules: QuotaRules | None = None, now=NOW):
    return build_report(posts, rules or QuotaRules(), now, TZ)


def warnings(rep, month: str = "") -> list[str]:
    """The quota warnings, only those naming `month` ("10/2026") if given."""
    problems = Collector()
    check_quota(rep, "posts", problems)
    assert not problems.errors
    return [str(w) for w in problems.warnings if month in str(w)]


@dataclass(frozen=True)
class Quota:
    min: int
    max: int
    before_day: int


@dataclass(frozen=True)
class Plan:  # the fields of cchc.plans.Plan the quota reads
    year: int
    portal: Quota
    source: str = "plans/ke-hoach.yaml"


def test_deadline_is_the_first_late_day():
    assert deadline(2026, 3, 20) == date(2026, 3, 20)
    assert deadline(2026, 2, 31) == date(2026, 3, 1)  # "before the 31st" in February: the whole month
    assert deadline(2026, 12, 32) == date(2027, 1, 1)


def test_recent_months_cross_the_year():
    months = recent_months(date(2026, 2, 10), 4)
    assert months == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]
    assert len(recent_months(date(2026, 11, 23))) == 12


@pytest.mark.parametrize(
    ("count", "status", "kept"),
    [(1, "ok", 1), (3, "ok", 3), (4, "over", 3)],
)
def test_one_to_three_a_month(count, status, kept):
    posts = [article(f"2026-10-{day:02d} 08:00") for day in range(1, count + 1)]
    rep = report(posts)
    (row,) = [m for m in rep.months if (m.year, m.month) == (2026, 10)]
    assert row.status == status
    assert len(row.kept) == kept
    assert [p.source for p in rep.feed_posts] == [p.source for p in reversed(posts[:kept])]  # newest first


def test_over_max_keeps_the_earliest_and_names_those_left_out():
    posts = [article(f"2026-10-0{day} 08:00") for day in (4, 1, 3, 2)]
    rep = report(posts)
    assert [p.local_date.day for p in rep.feed_posts] == [3, 2, 1]
    (message,) = warnings(rep, "10/2026")
    assert message.startswith("posts/bai-2026-10-04-08.md, dòng 5 [portal]")  # the file to edit, its `portal:` line
    assert "Tháng 10/2026 có 4 bài" in message and "bai-2026-10-04-08.md" in message.split("Bài bị bỏ ra:")[1]
    assert "bai-2026-10-01" not in message


def test_zero_posts_in_a_past_checked_month_is_reported():
    posts = [article("2026-09-10 08:00"), article("2026-11-02 08:00")]
    rep = report(posts)
    october = rep.month(2026, 10)
    assert october is not None and october.status == "short" and not october.posts
    (message,) = warnings(rep)
    assert message.startswith("posts/ [portal]") and "Tháng 10/2026 chỉ có 0 bài" in message


def test_without_plans_months_before_the_first_portal_post_are_not_checked():
    rep = report([article("2026-09-10 08:00"), article("2026-06-01", portal=False)])
    assert [(m.year, m.month) for m in rep.months] == [(2026, 9), (2026, 10), (2026, 11)]
    assert [m.status for m in rep.months] == ["ok", "short", "short"]  # Nov: the 23rd is past the 20th


def test_a_site_without_portal_posts_gets_no_warnings():
    rep = report([article("2026-03-12", portal=False)])
    assert rep.months == () and rep.feed_posts == () and warnings(rep) == []


def test_the_19th_is_on_time_the_20th_is_late():
    on_time, late = article("2026-10-19 23:59"), article("2026-10-20 00:00")
    rep = report([on_time, late])
    row = rep.month(2026, 10)
    assert row.late == (late,) and row.on_time == 1 and row.status == "ok"
    (message,) = warnings(rep, "10/2026")
    assert message.startswith(f"{late.source}, dòng 3 [date]")
    assert "20/10/2026" in message and "tháng 10/2026" in message
    assert late in rep.feed_posts  # still sent, but reported


def test_only_a_late_post_leaves_the_month_short():
    rep = report([article("2026-10-25 08:00")])
    assert rep.month(2026, 10).status == "short"
    assert len(warnings(rep, "10/2026")) == 2  # too few on time, and the late one


def test_the_current_month_is_open_until_its_deadline():
    before_deadline = datetime(2026, 11, 19, 16, 59, tzinfo=UTC)  # 23:59 on the 19th, local
    rep = report([article("2026-10-05 08:00")], now=before_deadline)
    assert rep.month(2026, 11).status == "open" and warnings(rep) == []
    at_deadline = datetime(2026, 11, 19, 17, 0, tzinfo=UTC)  # 00:00 on the 20th, local
    rep = report([article("2026-10-05 08:00")], now=at_deadline)
    assert rep.month(2026, 11).status == "short"


def test_scheduled_and_draft_posts_never_count():
    scheduled = article("2026-11-24 08:00", "hen-gio")  # after NOW
    draft = article("2026-11-05 08:00", "nhap", draft=True)
    rep = report([article("2026-10-05 08:00"), scheduled, draft])
    assert scheduled not in rep.feed_posts and draft not in rep.feed_posts
    assert rep.month(2026, 11).posts == ()


def test_the_feed_covers_the_last_twelve_months():
    rep = report([article("2025-11-10 08:00", "cu"), article("2025-12-01 08:00", "dau-cua-so")])
    assert [p.slug for p in rep.feed_posts] == ["dau-cua-so"]


def test_a_plan_sets_the_quota_and_the_checked_months():
    rules = QuotaRules.from_plans([Plan(2026, Quota(2, 4, 15))])
    assert rules.quota_for_year(2026) == Quota(2, 4, 15)
    assert rules.quota_for_year(2025) is DEFAULT_QUOTA
    posts = [article(f"2026-10-0{d} 08:00") for d in range(1, 6)] + [article("2026-09-16 08:00")]
    rep = report(posts, rules)
    assert [(m.month, m.status) for m in rep.for_year(2026)][:3] == [(1, "short"), (2, "short"), (3, "short")]
    assert rep.month(2026, 10).status == "over" and len(rep.month(2026, 10).kept) == 4
    assert rep.month(2026, 12).status == "open"  # a future month of the plan year
    assert rep.month(2026, 9).late and rep.month(2026, 9).status == "short"
    assert len(rep.for_year(2026)) == 12
    # An old miss stays in the table but is not warned about again (it would fail --strict all year).
    assert warnings(rep, "Tháng 1/2026") == [] and warnings(rep, "Tháng 9/2026") == []
    november = warnings(rep, "Tháng 11/2026")  # the deadline (15th) has passed: a recent miss
    assert len(november) == 1 and november[0].startswith("plans/ke-hoach.yaml [portal]")  # no post: the plan is named
    assert warnings(rep, "Tháng 10/2026")  # too many, within the feed's window


def test_years_outside_the_plans_are_not_checked():
    rules = QuotaRules.from_plans([Plan(2026, Quota(1, 3, 20))])
    rep = report([article("2025-12-05 08:00")], rules)
    december = rep.month(2025, 12)
    assert december.checked is False and december.status == "ok"
    assert rep.month(2025, 11) is None


def test_recent_rows_are_newest_first():
    rep = report([article("2026-09-10 08:00"), article("2026-10-10 08:00")])
    assert [(m.year, m.month) for m in rep.recent] == [(2026, 11), (2026, 10), (2026, 9)]
