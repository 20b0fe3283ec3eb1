"""Calendar maths: which months exist, month grids, posts and deadlines by local day."""

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from plan_standins import PLAN_2026, Schedule, Task, make_plan

from cchc.config.settings import DEFAULT_AREAS
from cchc.model.calendars import build_calendar, months_between
from cchc.pages.calendarpages import calendar_listings
from cchc.readers.posts import Post
from cchc.text.vndates import parse_datetime

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # 12:00 in Vietnam


def make_post(title: str, when: str, tz=VN, draft: bool = False) -> Post:
    moment = parse_datetime(when, tz)
    return Post(
        source=f"posts/{title}.md",
        path=Path(f"/x/{title}.md"),
        title=title,
        date=moment,
        local=moment.astimezone(tz),
        areas=DEFAULT_AREAS[:1],
        body="",
        slug=title,
        draft=draft,
    )


def day(cal, when: date):
    return next(d for d in cal.grids[(when.year, when.month)].days if d.date == when)


def test_months_between_crosses_years():
    assert months_between(date(2025, 11, 30), date(2026, 2, 1)) == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]
    assert months_between(date(2026, 3, 5), date(2026, 3, 20)) == [(2026, 3)]


def test_posts_go_to_their_local_day():
    posts = [
        make_post("thang-3", "2026-03-15"),
        make_post("dau-thang", "2026-04-01 00:30"),
        make_post("utc", "2026-05-31T23:30:00+00:00"),
    ]
    cal = build_calendar(posts, [], NOW, VN)
    assert [p.title for p in day(cal, date(2026, 4, 1)).posts] == ["dau-thang"]
    assert [p.title for p in day(cal, date(2026, 6, 1)).posts] == ["utc"]
    assert not day(cal, date(2026, 5, 31)).posts
    assert not day(cal, date(2026, 3, 31)).posts


def test_the_configured_time_zone_decides_the_day():
    utc_post = make_post("utc", "2026-05-31T23:30:00+00:00", tz=UTC)
    cal = build_calendar([utc_post], [], NOW, UTC)
    assert day(cal, date(2026, 5, 31)).posts


def test_drafts_and_scheduled_posts_never_appear():
    posts = [
        make_post("nhap", "2026-03-01", draft=True),
        make_post("hen-gio", "2026-12-05 08:00"),
        make_post("da-dang", "2026-03-02"),
    ]
    cal = build_calendar(posts, [], NOW, VN)
    shown = [p.title for grid in cal.grids.values() for d in grid.days for p in d.posts]
    assert shown == ["da-dang"]
    assert cal.months[-1] == (2026, 11)  # a scheduled post does not stretch the calendar


def test_every_month_from_the_first_post_to_today_even_empty_ones():
    cal = build_calendar([make_post("a", "2025-12-31 23:59"), make_post("b", "2026-03-01")], [], NOW, VN)
    assert cal.months == [(2025, 12)] + [(2026, m) for m in range(1, 12)]
    assert cal.grids[(2026, 1)].total == 0
    assert cal.grids[(2026, 1)].prev == (2025, 12)
    assert cal.grids[(2025, 12)].next == (2026, 1)
    assert cal.grids[(2025, 12)].prev is None
    assert cal.grids[(2026, 11)].next is None


def test_a_calendar_without_posts_or_plans_is_this_month():
    cal = build_calendar([], [], NOW, VN)
    assert cal.months == [(2026, 11)]
    assert cal.current.caption == "Tháng 11 năm 2026"
    assert [d.day for d in cal.deadlines] == [date(2026, 11, 19)]  # the portal's monthly deadline


def test_plan_years_and_deadlines_widen_the_calendar():
    cal = build_calendar([make_post("b", "2026-03-01")], [PLAN_2026], NOW, VN)
    assert cal.months[0] == (2026, 1)
    assert cal.months[-1] == (2027, 1)  # task 07 is due 2027-01-15
    assert sorted(cal.years) == [2026, 2027]


def test_month_grid_starts_on_monday():
    cal = build_calendar([make_post("b", "2026-03-12")], [], NOW, VN)
    march = cal.grids[(2026, 3)]
    assert march.caption == "Tháng 3 năm 2026"
    assert march.url == "cchc/lich/2026/03/"
    first = march.weeks[0]
    assert first[:6] == (None,) * 6 and first[6].date == date(2026, 3, 1)  # 1/3/2026 is a Sunday
    assert [d.date.day for d in march.days] == list(range(1, 32))
    assert all(len(week) == 7 for week in march.weeks)
    assert march.weeks[-1][1].date == date(2026, 3, 31) and march.weeks[-1][2] is None


def test_leap_year_february():
    post = make_post("nhuan", "2028-02-29 10:00")
    cal = build_calendar([post], [], datetime(2028, 3, 1, tzinfo=UTC), VN)
    feb = cal.grids[(2028, 2)]
    assert [d.date.day for d in feb.days][-1] == 29
    assert day(cal, date(2028, 2, 29)).posts == (post,)
    common = build_calendar([], [], datetime(2027, 2, 1, tzinfo=UTC), VN)
    assert [d.date.day for d in common.grids[(2027, 2)].days][-1] == 28


def test_today_is_marked_in_local_time():
    late = datetime(2026, 11, 22, 18, 30, tzinfo=UTC)  # 01:30 on the 23rd in Vietnam
    cal = build_calendar([], [], late, VN)
    assert [d.date for d in cal.current.days if d.today] == [date(2026, 11, 23)]


def test_day_label_heat_and_order():
    posts = [make_post(f"p{i}", f"2026-03-12 0{i}:00") for i in range(5, 0, -1)]
    cal = build_calendar(posts, [], NOW, VN)
    busy = day(cal, date(2026, 3, 12))
    assert [p.title for p in busy.posts] == ["p1", "p2", "p3", "p4", "p5"]  # oldest first
    assert busy.heat == 4
    assert busy.label == "Ngày 12 tháng 3 năm 2026: 5 bài viết"
    assert busy.anchor == "ngay-12"
    deadline_day = day(cal, date(2026, 3, 19))
    assert deadline_day.label == "Ngày 19 tháng 3 năm 2026: 1 việc đến hạn"
    assert day(cal, date(2026, 3, 13)).heat == 0


def test_deadlines_land_on_their_days():
    plan = make_plan("p", "KH", 2026, tasks=(Task("05", "Đăng tin", schedule=Schedule(dates=(date(2026, 3, 19),))),))
    cal = build_calendar([], [plan], NOW, VN)
    on_19 = day(cal, date(2026, 3, 19)).deadlines
    assert [d.kind for d in on_19] == ["task", "portal"]
    assert [d.summary for d in cal.grids[(2026, 3)].deadlines] == [
        "Hạn nhiệm vụ 05: Đăng tin",
        "Hạn gửi tin, bài cho Cổng TTĐT CCHC tỉnh: tháng 3/2026 (trước ngày 20/3)",
    ]
    assert len([d for d in cal.deadlines if d.kind == "portal"]) == len(cal.months) == 12
    assert [d.day for d in cal.upcoming(2)] == [date(2026, 12, 19)]


def test_year_views_have_twelve_months_and_totals():
    posts = [make_post("a", "2025-12-10"), make_post("b", "2026-02-01"), make_post("c", "2026-02-02")]
    cal = build_calendar(posts, [], NOW, VN)
    y2025 = cal.years[2025]
    assert len(y2025.months) == 12
    assert [m.shown for m in y2025.months] == [False] * 11 + [True]
    assert (y2025.prev, y2025.next) == (None, 2026)
    y2026 = cal.years[2026]
    assert [m.total for m in y2026.months][:3] == [0, 2, 0]
    assert (y2026.total, y2026.busiest) == (2, 2)
    assert not y2026.months[11].shown  # December 2026 is after today


def test_calendar_pages():
    cal = build_calendar([make_post("a", "2026-10-10")], [], NOW, VN)
    pages = {p.url: p for p in calendar_listings(cal)}
    assert set(pages) == {"cchc/lich/", "cchc/lich/2026/", "cchc/lich/2026/10/", "cchc/lich/2026/11/"}
    assert pages["cchc/lich/2026/10/"].title == "Lịch tháng 10 năm 2026"
    assert pages["cchc/lich/2026/10/"].template == "cchc/calendar_month.html"


def test_posts_are_read_in_one_pass():
    # A generator can be walked only once: a second walk would find no posts.
    posts = (make_post(f"p{i}", f"2026-{1 + i % 10:02d}-{1 + i % 28:02d}") for i in range(300))
    cal = build_calendar(posts, [], NOW, VN)
    assert sum(grid.total for grid in cal.grids.values()) == 300
