"""Deadlines from plans (stand-ins with the plans interface) and the portal's monthly one."""

from dataclasses import replace
from datetime import date

from plan_standins import PLAN_2026, PortalQuota, Report, Schedule, Task, make_plan

from cchc.model.deadlines import plan_deadlines, portal_deadlines
from cchc.model.portal import QuotaRules


def test_task_due_dates_and_subtasks_become_deadlines():
    found = {(d.day, d.label) for d in plan_deadlines(PLAN_2026) if d.kind == "task"}
    assert found == {
        (date(2026, 2, 28), "Nhiệm vụ 01"),
        (date(2026, 3, 12), "Nhiệm vụ 4.1"),
        (date(2026, 9, 5), "Nhiệm vụ 4.1"),
        (date(2027, 1, 15), "Nhiệm vụ 07"),  # due after the plan year: still shown
    }


def test_ongoing_tasks_and_tasks_without_schedule_have_no_deadline():
    plan = make_plan(
        "p", "KH", 2026, tasks=(Task("1", "Thường xuyên", schedule=Schedule(ongoing=True)), Task("2", "Không lịch"))
    )
    assert plan_deadlines(plan) == []


def test_recurring_deadlines_start_when_the_plan_was_issued():
    monthly = Task("3", "Đưa tin hằng tháng", schedule=Schedule(every="month", day=31))
    once = Task("4", "Việc có hạn riêng", schedule=Schedule(due=date(2026, 1, 20)))
    plan = replace(make_plan("p", "KH", 2026, tasks=(monthly, once)), issued=date(2026, 2, 5))
    days = [d.day for d in plan_deadlines(plan)]
    assert date(2026, 1, 31) not in days and days[:2] == [date(2026, 1, 20), date(2026, 2, 28)]


def test_recurring_schedule_expands_over_the_plan_year():
    plan = make_plan("p", "KH", 2028, tasks=(Task("3", "Cập nhật hằng tháng", schedule=Schedule(every="month")),))
    days = [d.day for d in plan_deadlines(plan)]
    assert len(days) == 12
    assert date(2028, 2, 29) in days  # leap year: the last day of February


def test_task_deadline_text_and_stable_uid():
    deadline = next(d for d in plan_deadlines(PLAN_2026) if d.label == "Nhiệm vụ 07")
    assert deadline.summary == "Hạn nhiệm vụ 07: Hội thi tìm hiểu CCHC"
    assert "Chủ trì: Phòng Tổ chức - Hành chính" in deadline.description
    assert deadline.uid == "2026-tuyen-truyen-cchc/nhiem-vu-07/2027-01-15"
    assert deadline.url == "cchc/ke-hoach/2026-tuyen-truyen-cchc/#nv-7"  # the task's row on the plan page
    assert [d.uid for d in plan_deadlines(PLAN_2026)] == [d.uid for d in plan_deadlines(PLAN_2026)]


def test_report_deadlines():
    reports = [d for d in plan_deadlines(PLAN_2026) if d.kind == "report"]
    assert [(d.day, d.label, d.summary) for d in reports] == [
        (date(2026, 3, 10), "Báo cáo quý I", "Hạn báo cáo quý I"),
        (date(2026, 11, 25), "Báo cáo năm", "Hạn báo cáo năm"),  # a name saying "Báo cáo" is not doubled
    ]
    assert reports[0].uid == "2026-tuyen-truyen-cchc/bao-cao-quy-i/2026-03-10"


def test_deadlines_of_a_day_are_ordered_reports_first():
    plan = make_plan(
        "p",
        "KH",
        2026,
        tasks=(Task("1", "Việc", schedule=Schedule(due=date(2026, 6, 10))),),
        reports=(Report("6 tháng", date(2026, 6, 10)),),
    )
    assert [d.kind for d in plan_deadlines(plan)] == ["report", "task"]


def test_portal_deadline_is_the_day_before_the_20th_without_plans():
    found = portal_deadlines([(2025, 12), (2026, 1)], QuotaRules())
    assert [d.day for d in found] == [date(2025, 12, 19), date(2026, 1, 19)]
    assert found[0].summary == "Hạn gửi tin, bài cho Cổng TTĐT CCHC tỉnh: tháng 12/2025 (trước ngày 20/12)"
    assert found[0].uid == "cong-cchc/2025-12"
    assert found[0].url is None


def test_portal_day_is_set_per_plan_year():
    found = portal_deadlines([(2025, 12), (2026, 3)], QuotaRules(plans=[PLAN_2026]))  # PLAN_2026: before the 15th
    assert [d.day for d in found] == [date(2025, 12, 19), date(2026, 3, 14)]
    assert f"Theo {PLAN_2026.title}: từ 1 đến 3 tin, bài mỗi tháng" in found[1].description
    assert "Theo quy định của Cổng TTĐT CCHC tỉnh: từ 1 đến 3 tin" in found[0].description
    assert found[1].url == PLAN_2026.url


def test_portal_day_with_two_plans_in_a_year_is_the_earliest():
    plans = [make_plan("b", "KH B", 2026, portal=PortalQuota(before_day=10)), make_plan("a", "KH A", 2026)]
    assert portal_deadlines([(2026, 5)], QuotaRules(plans=plans))[0].day == date(2026, 5, 9)


def test_portal_day_past_the_month_end_is_its_last_day():
    plans = [make_plan("p", "KH", year, portal=PortalQuota(before_day=31)) for year in (2027, 2028)]
    days = [d.day for d in portal_deadlines([(2027, 2), (2028, 2), (2028, 4)], QuotaRules(plans=plans))]
    assert days == [date(2027, 2, 28), date(2028, 2, 29), date(2028, 4, 30)]
