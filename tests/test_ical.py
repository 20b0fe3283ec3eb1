"""The subscribable deadline calendar: /cchc/lich.ics."""

from datetime import UTC, date, datetime

from icalendar import Calendar
from plan_standins import PLAN_2026

from cchc.model.deadlines import plan_deadlines, portal_deadlines
from cchc.model.portal import QuotaRules
from cchc.outputs.ical import deadline_calendar

NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
DEADLINES = plan_deadlines(PLAN_2026) + portal_deadlines([(2026, 3), (2026, 4)], QuotaRules(plans=[PLAN_2026]))


def ics(site_url="https://ttyt-mau.example.gov.vn/", deadlines=DEADLINES) -> bytes:
    return deadline_calendar(deadlines, "Trung tâm Y tế Mẫu", NOW, site_url, "Asia/Ho_Chi_Minh")


def events(data: bytes):
    return Calendar.from_ical(data).walk("VEVENT")


def test_every_deadline_is_an_all_day_event():
    found = events(ics())
    assert len(found) == len(DEADLINES) == 8  # 4 tasks, 2 reports, 2 months
    for event in found:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is date and (end - start).days == 1
        assert event.decoded("dtstamp") == NOW


def test_events_are_in_vietnamese_with_a_link_to_the_plan():
    by_summary = {str(e["summary"]): e for e in events(ics())}
    report = by_summary["Hạn báo cáo quý I"]
    assert report.decoded("dtstart") == date(2026, 3, 10)
    assert str(report["url"]) == "https://ttyt-mau.example.gov.vn/cchc/ke-hoach/2026-tuyen-truyen-cchc/"
    portal = by_summary["Hạn gửi tin, bài cho Cổng TTĐT CCHC tỉnh: tháng 4/2026 (trước ngày 15/4)"]
    assert portal.decoded("dtstart") == date(2026, 4, 14)
    assert "Hạn nhiệm vụ 01: Xây dựng kế hoạch tuyên truyền CCHC" in by_summary
    cal = Calendar.from_ical(ics())
    assert str(cal["x-wr-calname"]) == "Hạn công việc CCHC – Trung tâm Y tế Mẫu"


def test_uids_are_stable_and_unique():
    uids = [str(e["uid"]) for e in events(ics())]
    assert len(set(uids)) == len(uids)
    assert "2026-tuyen-truyen-cchc/nhiem-vu-4.1/2026-09-05@ttyt-mau.example.gov.vn" in uids
    assert "cong-cchc/2026-03@ttyt-mau.example.gov.vn" in uids
    assert ics() == ics()  # same content, same bytes
    assert ics(deadlines=list(reversed(DEADLINES))) == ics()


def test_without_site_url_uids_use_the_unit_and_events_have_no_url():
    found = events(ics(site_url=None))
    assert str(found[0]["uid"]).endswith("@trung-tam-y-te-mau.cchc.invalid")
    assert all("url" not in e for e in found)
