"""End-to-end: the calendar pages, landing widget and .ics of a built site."""

import re
from datetime import date

import pytest
from icalendar import Calendar
from plan_standins import Report, Schedule, Task, make_plan

import cchc.site
from conftest import NOW_EPOCH, post, run_build, write_tree

POSTS = {
    "posts/2025/12/tong-ket.md": post("Tổng kết CCHC năm 2025", "2025-12-30 15:00"),
    "posts/2026/03/thanh-toan.md": post("Thanh toán viện phí <không> dùng tiền mặt", "2026-03-12 08:30"),
    **{f"posts/2026/03/hoi-nghi-{i}.md": post(f"Hội nghị số {i}", f"2026-03-20 0{i}:00") for i in range(1, 5)},
    "posts/2026/04/dau-thang.md": post("Đón đoàn kiểm tra CCHC", "2026-04-01 00:30"),
    "posts/2026/05/utc.md": post("Bài đăng theo giờ UTC", "2026-05-31T23:30:00+00:00"),
    "posts/nhap.md": post("Bài nháp chưa đăng", "2026-03-01", draft=True),
    "posts/tuong-lai.md": post("Bài hẹn giờ tháng sau", "2026-12-05 08:00"),
}
PLAN = make_plan(
    "2026-tuyen-truyen-cchc",
    "Kế hoạch tuyên truyền CCHC năm 2026",
    2026,
    tasks=(
        Task("05", "Đăng tin về thủ tục hành chính", schedule=Schedule(dates=(date(2026, 3, 12), date(2026, 9, 5)))),
    ),
    reports=(Report("Quý I", date(2026, 3, 10)),),
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("calendars")
    write_tree(root, POSTS)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
        yield run_build(root, strict=True)


@pytest.fixture(scope="module")
def with_plan(tmp_path_factory):
    """A site whose plans are the stand-in `PLAN` (given to the calendar as loaded plans)."""
    root = tmp_path_factory.mktemp("calendars-plan")
    write_tree(root, POSTS)
    real = cchc.site.build_calendar
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
        stand_in = lambda posts, plans, now, tz, portal, section: real(posts, [PLAN], now, tz)  # noqa: E731
        mp.setattr(cchc.site, "build_calendar", stand_in)
        yield run_build(root, strict=True)


def html(site, url):
    return (site / url / "index.html").read_text(encoding="utf-8")


def cell(page: str, day: int) -> str:
    """The `<td>` of one day on a month page."""
    found = re.search(rf'<td id="ngay-{day}".*?</td>', page, re.S)
    assert found, f"no cell for day {day}"
    return found.group(0)


def test_month_page_is_a_real_table(built):
    page = html(built, "cchc/lich/2026/03")
    assert "<h1>Lịch tháng 3 năm 2026</h1>" in page
    table = page[page.index('<table class="cchc-cal cchc-cal--month">') : page.index("</table>")]
    assert "<caption>Tháng 3 năm 2026</caption>" in table
    heads = re.findall(r'<th scope="col"><abbr title="[^"]+">(\w+)</abbr></th>', table)
    assert heads == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    assert re.findall(r'<time datetime="(2026-03-\d\d)">', table) == [f"2026-03-{d:02d}" for d in range(1, 32)]
    body = table[table.index("<tbody>") :]
    first_row = body[: body.index("</tr>")]
    assert first_row.count('class="cchc-cal__pad"') == 6  # 1/3/2026 is a Sunday


def test_days_list_their_posts_with_labels_and_counts(built):
    page = html(built, "cchc/lich/2026/03")
    day12 = cell(page, 12)
    # The link's name holds what it shows: "12", on phones "Thứ Năm, 12/3".
    assert 'aria-label="Thứ Năm, 12/3/2026: 1 bài viết"' in day12
    assert '<a href="../../../2026/03/thanh-toan-vien-phi-khong-dung-tien-mat/">' in day12
    assert "Thanh toán viện phí &lt;không&gt; dùng tiền mặt" in day12
    day20 = cell(page, 20)
    assert 'aria-label="Thứ Sáu, 20/3/2026: 4 bài viết"' in day20
    assert "4 bài</span>" in day20
    assert day20.index("Hội nghị số 1") < day20.index("Hội nghị số 3") < day20.index("<details")
    assert "Thêm 1 bài" in day20 and day20.index("<details") < day20.index("Hội nghị số 4")
    quiet = cell(page, 11)
    assert "<a" not in quiet and 'datetime="2026-03-11"' in quiet


def test_prev_next_and_year_boundary(built):
    march = html(built, "cchc/lich/2026/03")
    assert 'rel="prev" href="../02/"' in march and 'rel="next" href="../04/"' in march
    january = html(built, "cchc/lich/2026/01")
    assert 'rel="prev" href="../../2025/12/"' in january
    first = html(built, "cchc/lich/2025/12")
    assert 'rel="prev"' not in first[first.index("cchc-cal-nav") :]


def test_empty_months_are_shown_not_skipped(built):
    for month in ("01", "02", "07", "11"):
        page = html(built, f"cchc/lich/2026/{month}")
        assert "Không có tin, bài nào trong tháng này." in page
    assert sorted(p.name for p in (built / "cchc/lich/2026").iterdir() if p.is_dir()) == [
        f"{m:02d}" for m in range(1, 12)
    ]


def test_dates_go_to_their_local_day(built):
    assert "Đón đoàn kiểm tra CCHC" in cell(html(built, "cchc/lich/2026/04"), 1)
    assert "Bài đăng theo giờ UTC" in cell(html(built, "cchc/lich/2026/06"), 1)
    assert "Bài đăng theo giờ UTC" not in html(built, "cchc/lich/2026/05")


def test_drafts_and_scheduled_posts_never_appear(built):
    pages = "".join(p.read_text(encoding="utf-8") for p in (built / "cchc/lich").rglob("*.html"))
    assert "Bài nháp" not in pages and "Bài hẹn giờ" not in pages
    assert not (built / "cchc/lich/2026/12").exists()


def test_today_is_marked(built):
    today = cell(html(built, "cchc/lich/2026/11"), 23)
    assert 'aria-current="date"' in today and "Hôm nay" in today
    assert html(built, "cchc/lich/2026/11").count('aria-current="date"') == 1


def test_portal_deadline_every_month_without_plans(built):
    for month, days in (("2025/12", 19), ("2026/02", 19), ("2026/11", 19)):
        day = cell(html(built, f"cchc/lich/{month}"), days)
        assert "cchc-cal__deadline--portal" in day
        assert "việc đến hạn" in day
    assert "cchc-cal__deadline--portal" not in cell(html(built, "cchc/lich/2026/03"), 20)  # before the 20th


def test_year_page_has_twelve_months_heat_and_totals(built):
    page = html(built, "cchc/lich/2026")
    assert page.count('<table class="cchc-cal cchc-cal--mini') == 12
    assert page.count("cchc-cal--outside") == 1  # December 2026 is after today
    march = page[page.index(">Tháng 3 năm 2026<") : page.index(">Tháng 4 năm 2026<")]
    assert re.search(r'class="cchc-heat-4[^"]*"><a href="03/#ngay-20" aria-label="Ngày 20 tháng 3 năm 2026', march)
    assert re.search(r'class="cchc-heat-1[^"]*"><a href="03/#ngay-12"', march)
    assert '<a href="03/">5 bài viết</a>' in march
    assert 'style="width: 100%"' in march  # the busiest month has the full bar
    assert '<a href="01/">0 bài viết</a>' in page
    assert 'rel="prev" href="../2025/"' in page
    assert "<caption>Tháng 1 năm 2025</caption>" in html(built, "cchc/lich/2025")  # before the first post: no link


def test_landing_shows_this_month(built):
    page = html(built, "cchc")
    widget = page[page.index('aria-labelledby="cchc-calendar"') :]
    widget = widget[: widget.index("</section>")]
    assert '<caption><a href="lich/2026/11/">Tháng 11 năm 2026</a></caption>' in widget
    assert 'aria-current="date"' in widget
    assert 'href="lich/2026/11/#ngay-19" aria-label="Ngày 19 tháng 11 năm 2026: 1 việc đến hạn"' in widget
    assert 'rel="prev" href="lich/2026/10/"' in widget
    assert "Hạn sắp tới" not in widget  # nothing left this month without plans


def test_post_and_archive_pages_link_to_the_calendar(built):
    assert 'href="../../../lich/2026/03/#ngay-12"' in html(
        built, "cchc/2026/03/thanh-toan-vien-phi-khong-dung-tien-mat"
    )
    assert 'href="../../lich/2026/03/">Xem dạng lịch' in html(built, "cchc/2026/03")
    assert 'href="../lich/2026/">Xem dạng lịch' in html(built, "cchc/2026")


def test_ics_without_plans_has_the_portal_deadline_of_every_month(built):
    cal = Calendar.from_ical((built / "cchc/lich.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [date(2025, 12, 19)] + [date(2026, m, 19) for m in range(1, 12)]
    assert str(events[0]["uid"]) == "cong-cchc/2025-12@ttyt-mau.example.gov.vn"


def test_plan_deadlines_on_the_grid_and_in_the_ics(with_plan):
    march = html(with_plan, "cchc/lich/2026/03")
    day12 = cell(march, 12)
    assert "cchc-cal__deadline--task" in day12 and "Nhiệm vụ 05" in day12
    assert 'aria-label="Thứ Năm, 12/3/2026: 1 bài viết, 1 việc đến hạn"' in day12
    assert 'href="../../../ke-hoach/2026-tuyen-truyen-cchc/#nv-5"' in day12
    assert "cchc-cal__deadline--report" in cell(march, 10)
    assert "Hạn nhiệm vụ 05: Đăng tin về thủ tục hành chính" in march  # the month's list of deadlines
    assert "cchc-cal__deadline--task" in cell(html(with_plan, "cchc/lich/2026/09"), 5)
    assert (with_plan / "cchc/lich/2026/12/index.html").is_file()  # the plan year runs to December
    widget = html(with_plan, "cchc")
    assert "Hạn sắp tới" in widget
    events = Calendar.from_ical((with_plan / "cchc/lich.ics").read_bytes()).walk("VEVENT")
    uids = {str(e["uid"]) for e in events}
    assert "2026-tuyen-truyen-cchc/nhiem-vu-05/2026-03-12@ttyt-mau.example.gov.vn" in uids
    assert "2026-tuyen-truyen-cchc/bao-cao-quy-i/2026-03-10@ttyt-mau.example.gov.vn" in uids
    assert len(events) == 13 + 2 + 1  # portal Dec 2025 to Dec 2026, task 05 twice, report
