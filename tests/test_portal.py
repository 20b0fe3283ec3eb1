"""The portal quota: which articles the feed keeps each month and what is reported."""

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from plan_standins import make_plan

from cchc.config.errors import Collector
from cchc.config.settings import PROVINCE_RULE, PortalQuota
from cchc.model.deadlines import portal_deadlines
from cchc.model.portal import QuotaRules, build_report, check_quota, deadline, recent_months
from cchc.readers.posts import Post
from conftest import make_post

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # 12:00 in Vietnam, as in the end-to-end tests


def article(day: str, name: str | None = None, portal: bool = True, draft: bool = False) -> Post:
    return make_post(day, name or f"bai-{day[:10]}-{day[11:13] or '00'}", portal=portal, draft=draft)


def report(posts, rules: QuotaRules | None = None, now=NOW):
    return build_report(posts, rules or QuotaRules(), now, TZ)


def warnings(rep, month: str = "", rules: QuotaRules | None = None) -> list[str]:
    """The quota warnings, only those naming `month` ("10/2026") if given."""
    problems = Collector()
    check_quota(rep, rules or QuotaRules(), problems)
    assert not problems.errors
    return [str(w) for w in problems.warnings if month in str(w)]


def plan(quota: PortalQuota | None, issued: date | None = None):
    return replace(make_plan("ke-hoach", "Kế hoạch số 12/KH-TTYT", 2026, portal=quota), issued=issued)


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


def test_a_past_month_short_of_posts_is_shown_never_warned():
    """Issue 12.2: a missed month cannot be mended, so it never fails `--strict`."""
    posts = [article("2026-09-10 08:00"), article("2026-11-02 08:00")]
    rep = report(posts)
    october = rep.month(2026, 10)
    assert october is not None and october.status == "short" and not october.posts
    assert warnings(rep) == []


def test_without_plans_months_before_the_first_portal_post_are_not_checked():
    rep = report([article("2026-09-10 08:00"), article("2026-06-01", portal=False)])
    assert [(m.year, m.month) for m in rep.months] == [(2026, 9), (2026, 10), (2026, 11)]
    assert [m.status for m in rep.months] == ["ok", "short", "short"]  # Nov: the 23rd is past the 20th


def test_a_site_without_portal_posts_gets_no_warnings():
    rep = report([article("2026-03-12", portal=False)])
    assert [m.status for m in rep.months] == ["na", "na"]  # the previous and the current month: "Chưa áp dụng"
    assert rep.feed_posts == () and warnings(rep) == []


def test_the_19th_is_on_time_the_20th_is_late_and_shown_not_warned():
    on_time, late = article("2026-10-19 23:59"), article("2026-10-20 00:00")
    rep = report([on_time, late])
    row = rep.month(2026, 10)
    assert row.late == (late,) and row.on_time == 1 and row.status == "ok"
    assert warnings(rep) == []  # published late: cannot be undone
    assert late in rep.feed_posts  # still sent


def test_only_a_late_post_leaves_the_month_short():
    rep = report([article("2026-10-25 08:00")])
    assert rep.month(2026, 10).status == "short"
    assert warnings(rep) == []


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
    assert rep.scheduled == (scheduled,)


def test_a_portal_post_scheduled_after_its_deadline_is_a_warning():
    """Issue 12.4: still fixable (move the date or drop `portal: true`), so it is a warning."""
    on_time = article("2026-12-02 09:00", "dung-han")
    late = article("2026-12-21 09:00", "sau-han")
    (message,) = warnings(report([on_time, late]))
    assert message.startswith("posts/sau-han.md, dòng 3 [date]: Bài gửi Cổng TTĐT CCHC tỉnh hẹn giờ đăng 21/12/2026")
    assert "trước ngày 20/12/2026" in message


def test_the_feed_covers_the_last_twelve_months():
    rep = report([article("2025-11-10 08:00", "cu"), article("2025-12-01 08:00", "dau-cua-so")])
    assert [p.slug for p in rep.feed_posts] == ["dau-cua-so"]


def test_a_plan_sets_the_quota_and_the_checked_months():
    rules = QuotaRules(plans=(plan(PortalQuota(2, 4, 15)),))
    assert rules.for_year(2026).quota == PortalQuota(2, 4, 15)
    assert rules.for_year(2026).source == "Theo Kế hoạch số 12/KH-TTYT"
    assert rules.for_year(2025).source == PROVINCE_RULE
    posts = [article(f"2026-10-0{d} 08:00") for d in range(1, 6)] + [article("2026-09-16 08:00")]
    rep = report(posts, rules)
    assert [(m.month, m.status) for m in rep.for_year(2026)][:3] == [(1, "short"), (2, "short"), (3, "short")]
    assert rep.month(2026, 10).status == "over" and len(rep.month(2026, 10).kept) == 4
    assert rep.month(2026, 12).status == "open"  # a future month of the plan year
    assert rep.month(2026, 9).late and rep.month(2026, 9).status == "short"
    assert len(rep.for_year(2026)) == 12
    # Misses stay in the table and are never warned about; too many, in the feed's window, is.
    assert warnings(rep, "Tháng 1/2026", rules) == [] and warnings(rep, "Tháng 11/2026", rules) == []
    assert warnings(rep, "Tháng 10/2026", rules)


def test_a_plan_without_portal_uses_the_provinces_rule_from_its_issue_month():
    """Issue 12.3: months before the plan was issued are "Chưa áp dụng", the rule is the province's."""
    rules = QuotaRules(PortalQuota(1, 3, 20), (plan(None, issued=date(2026, 3, 10)),))
    rep = report([article("2026-02-05 08:00"), article("2026-04-05 08:00")], rules)
    # February's article was sent, but the rule did not apply yet: "Chưa áp dụng", neither Đạt nor Thiếu bài.
    assert [m.status for m in rep.for_year(2026)][:5] == ["na", "na", "short", "ok", "short"]
    assert {m.source for m in rep.for_year(2026)} == {PROVINCE_RULE}
    months = [(2026, 2), (2026, 3)]
    (march,) = portal_deadlines(months, rules)  # no deadline in a month the rule does not apply to
    assert march.day == date(2026, 3, 19)
    assert "Theo quy định của Cổng TTĐT CCHC tỉnh: từ 1 đến 3 tin, bài mỗi tháng." in march.description
    assert "Kế hoạch" not in march.description


def test_the_site_setting_sets_the_rule_its_start_and_can_turn_it_off():
    rules = QuotaRules(PortalQuota(2, 2, 10, start=(2026, 10)))
    rep = report([article("2026-09-05 08:00"), article("2026-10-05 08:00")], rules)
    assert [(m.month, m.status) for m in rep.months] == [(9, "na"), (10, "short"), (11, "short")]
    assert rep.month(2026, 10).deadline == date(2026, 10, 10)
    off = QuotaRules(None)
    rep = report([article("2026-10-05 08:00")], off)
    assert all(not m.checked for m in rep.months) and portal_deadlines([(2026, 10)], off) == []


def test_years_outside_the_plans_are_not_checked():
    rules = QuotaRules(plans=(plan(PortalQuota(1, 3, 20)),))
    rep = report([article("2025-12-05 08:00")], rules)
    december = rep.month(2025, 12)
    assert december.checked is False and december.status == "na"
    assert rep.month(2025, 11) is None


def test_recent_rows_are_newest_first():
    rep = report([article("2026-09-10 08:00"), article("2026-10-10 08:00")])
    assert [(m.year, m.month) for m in rep.recent] == [(2026, 11), (2026, 10), (2026, 9)]
