"""Plan progress as of a day: statuses, periods, report figures."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cchc.config.settings import DEFAULT_AREAS, Settings
from cchc.model.progress import Status, plan_progress
from cchc.readers.plans import Expects, Plan, Report, Schedule, Task
from cchc.readers.posts import Post

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def post(day: str, *tasks: str, plan: str = "kh", portal: bool = False, area: int = 0, department: str | None = None):
    moment = datetime.fromisoformat(day if "T" in day else day + "T08:00").replace(tzinfo=TZ)
    source = f"posts/{day}-{'-'.join(tasks) or 'x'}-{area}.md"
    return Post(
        source,
        Path(source),
        f"Bài {day}",
        moment,
        moment.astimezone(TZ),
        (DEFAULT_AREAS[area],),
        "",
        source,
        department=department,
        plan=plan,
        tasks=tasks,
        portal=portal,
    )


def make_plan(*tasks: Task, **kwargs) -> Plan:
    return Plan("kh", "plans/kh.yaml", "Kế hoạch", 2026, "Trung tâm Y tế Mẫu", tasks, **kwargs)


def status(plan: Plan, posts: list[Post], today: str, stt: str = "1") -> Status:
    progress = plan_progress(plan, posts, date.fromisoformat(today), Settings())
    return next(t for t in progress.all_tasks() if t.task.stt == stt).status


ONE_DEADLINE = make_plan(Task("1", "Xây dựng kế hoạch", schedule=Schedule(due=date(2026, 2, 28))))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-02-01", Status.ACTIVE),  # 27 days ahead
        ("2026-02-14", Status.DUE_SOON),  # 14 days ahead
        ("2026-02-28", Status.DUE_SOON),  # the deadline day itself
        ("2026-03-01", Status.OVERDUE),
    ],
)
def test_single_deadline_without_posts(today, expected):
    assert status(ONE_DEADLINE, [], today) is expected


def test_a_linked_post_completes_a_task_even_late():
    assert status(ONE_DEADLINE, [post("2026-02-10", "01")], "2026-02-11") is Status.DONE
    assert status(ONE_DEADLINE, [post("2026-03-05", "1")], "2026-03-06") is Status.DONE
    # Posts of another plan, or of another task, are no evidence.
    assert status(ONE_DEADLINE, [post("2026-02-10", "1", plan="khac"), post("2026-02-10", "2")], "2026-03-06") is (
        Status.OVERDUE
    )


def test_expected_number_of_posts_for_the_whole_plan():
    plan = make_plan(Task("1", "Tài chính", schedule=Schedule(due=date(2026, 9, 30)), expects=Expects(2)))
    progress = plan_progress(plan, [post("2026-05-27", "1")], date(2026, 10, 1), Settings())
    (task,) = progress.tasks
    assert task.status is Status.OVERDUE and task.ratio == "1/2 bài"
    assert status(plan, [post("2026-05-27", "1"), post("2026-09-15", "1")], "2026-10-01") is Status.DONE


def test_monthly_task_counts_months_met_of_months_elapsed():
    plan = make_plan(
        Task("3", "Viết tin, bài", schedule=Schedule(every="month"), expects=Expects(1, "month")),
        issued=date(2026, 2, 5),
    )
    months = [2, 3, 4, 5, 6, 8, 9, 10, 11]  # July missed
    posts = [post(f"2026-{m:02d}-10", "03") for m in months]
    progress = plan_progress(plan, posts, date(2026, 11, 23), Settings())
    (task,) = progress.tasks
    assert [p.label for p in task.periods][:2] == ["Tháng 2", "Tháng 3"]  # from the month of issue
    assert task.ratio == "Đạt 8/9 tháng đã qua"  # February-October elapsed, July missed
    assert task.status is Status.ACTIVE  # the latest elapsed month (October) is met
    assert [p.state(task.today) for p in task.periods][-3:] == ["met", "met", "open"]
    assert task.next_deadline == date(2026, 12, 31)
    # Without an October post the latest elapsed period is missed: overdue.
    assert status(plan, [p for p in posts if p.local_date.month != 10], "2026-11-23", "3") is Status.OVERDUE
    # Every month met, December included: done.
    december = posts + [post("2026-07-01", "3"), post("2026-12-02", "3")]
    assert status(plan, december, "2026-12-03", "3") is Status.DONE


def test_recurring_deadline_inside_the_month_and_due_soon():
    plan = make_plan(Task("1", "Gửi bài cổng tỉnh", schedule=Schedule(every="month", day=20)))
    posts = [post(f"2026-{m:02d}-05", "1") for m in range(1, 11)]
    assert status(plan, posts, "2026-11-10") is Status.DUE_SOON  # 20/11 in 10 days, November not met
    assert status(plan, posts, "2026-11-21") is Status.OVERDUE  # 20/11 passed
    assert status(plan, [*posts, post("2026-11-25", "1")], "2026-11-26") is Status.ACTIVE  # late but met


def test_several_dates_each_need_a_post_in_their_window():
    plan = make_plan(Task("2", "Báo cáo", schedule=Schedule(dates=(date(2026, 3, 10), date(2026, 6, 10)))))
    progress = plan_progress(plan, [post("2026-03-01", "2")], date(2026, 6, 1), Settings())
    (task,) = progress.tasks
    assert task.ratio == "Đạt 1/1 hạn đã qua" and task.status is Status.DUE_SOON
    assert [p.short for p in task.periods] == ["10/3", "10/6"]
    # A post after 10/3 counts for the next date, not the missed one.
    assert status(plan, [post("2026-03-11", "2")], "2026-03-12", "2") is Status.OVERDUE
    assert status(plan, [post("2026-03-01", "2"), post("2026-05-01", "2")], "2026-05-02", "2") is Status.DONE


def test_ongoing_tasks_and_tasks_without_schedule():
    plan = make_plan(
        Task("1", "Thường xuyên", schedule=Schedule(ongoing=True)),
        Task("2", "Không ghi lịch"),
    )
    assert status(plan, [], "2026-06-01", "1") is Status.ONGOING
    assert status(plan, [], "2027-01-02", "1") is Status.OVERDUE  # judged when the year is over
    assert status(plan, [post("2026-04-01", "1")], "2027-01-02", "1") is Status.DONE
    assert status(plan, [], "2026-06-01", "2") is Status.ACTIVE
    assert status(plan, [], "2026-12-20", "2") is Status.DUE_SOON  # due 31/12
    assert status(plan, [], "2027-01-01", "2") is Status.OVERDUE


def test_parent_takes_the_most_urgent_status_of_its_subtasks():
    plan = make_plan(
        Task(
            "4",
            "Cha",
            subtasks=(
                Task("4.1", "Con 1", schedule=Schedule(ongoing=True)),
                Task("4.2", "Con 2", schedule=Schedule(due=date(2026, 3, 31))),
            ),
        )
    )
    assert status(plan, [post("2026-03-01", "4.2")], "2026-06-01", "4") is Status.ONGOING
    assert status(plan, [post("2026-03-01", "4")], "2026-06-01", "4") is Status.OVERDUE
    progress = plan_progress(plan, [post("2026-03-01", "4.2"), post("2026-03-02", "4.1")], date(2027, 1, 5), Settings())
    assert progress.tasks[0].status is Status.DONE
    assert progress.counts[-1] == (Status.DONE, 1) and progress.percent_done == 100


def test_summary_counts_and_linked_posts():
    plan = make_plan(
        Task("1", "A", schedule=Schedule(due=date(2026, 2, 28))),
        Task("2", "B", schedule=Schedule(ongoing=True)),
        Task("3", "C", schedule=Schedule(due=date(2026, 12, 1))),
    )
    posts = [post("2026-02-01", "1", "2"), post("2026-02-02", "1")]
    progress = plan_progress(plan, posts, date(2026, 11, 23), Settings())
    assert dict(progress.counts) == {
        Status.OVERDUE: 0,
        Status.DUE_SOON: 1,
        Status.ACTIVE: 0,
        Status.ONGOING: 1,
        Status.DONE: 1,
    }
    assert progress.linked_posts == 2 and progress.percent_done == 33
    assert [p.title for p in progress.tasks[0].posts] == ["Bài 2026-02-02", "Bài 2026-02-01"]  # newest first


def test_report_figures_cover_their_period():
    plan = make_plan(
        Task("1", "A"),
        Task("2", "B"),
        reports=(
            Report("Quý I", date(2026, 3, 10)),
            Report("Quý III", date(2026, 9, 10), start=date(2026, 7, 1)),
            Report("Năm", date(2026, 11, 25)),
        ),
    )
    posts = [
        post("2026-01-05", "1", portal=True, area=1, department="Phòng Tổ chức - Hành chính"),
        post("2026-03-10", "1", "2", area=1, department="Phòng Tổ chức - Hành chính"),
        post("2026-03-11", area=2, department="Khoa Khám bệnh"),
        post("2026-08-01", "2", portal=True, area=2),
        post("2026-11-20", "2", area=2),
    ]
    progress = plan_progress(plan, posts, date(2026, 11, 23), Settings())
    q1, q3, year = progress.reports
    assert (q1.state, q3.state, year.state) == ("past", "past", "next")
    assert (q1.start, q1.end, q1.total) == (date(2026, 1, 1), date(2026, 3, 10), 2)
    assert [(c.label, c.count) for c in q1.by_task] == [("1. A", 2), ("2. B", 1)]
    assert [(c.label, c.count) for c in q1.by_area] == [("Cải cách thể chế", 2)]
    assert [(c.label, c.count) for c in q1.by_department] == [("Phòng Tổ chức - Hành chính", 2)]
    assert [p.title for p in q1.portal] == ["Bài 2026-01-05"]
    assert (q3.start, q3.total, q3.tasks_without_posts) == (date(2026, 7, 1), 1, 1)
    assert year.end == date(2026, 11, 23) and year.total == 5  # not due yet: up to today
    assert [c.count for c in year.by_department] == [2, 2, 1]
    assert year.by_department[1].label == "(Không ghi đơn vị)"
