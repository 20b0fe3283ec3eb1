"""Plans for calendar and deadline tests, built from the real `cchc.readers.plans` types."""

from __future__ import annotations

from datetime import date

from cchc.config.settings import PortalQuota
from cchc.readers.plans import Plan, Report, Schedule, Task

__all__ = ["PLAN_2026", "PortalQuota", "Report", "Schedule", "Task", "make_plan"]


def make_plan(
    id: str,
    title: str,
    year: int,
    tasks: tuple[Task, ...] = (),
    reports: tuple[Report, ...] = (),
    portal: PortalQuota | None = None,
) -> Plan:
    """A plan with only what calendars read; the rest takes plain defaults (no `portal:`: the province's rule)."""
    return Plan(id, f"plans/{id}.yaml", title, year, "Trung tâm Y tế Mẫu", tasks, reports=reports, portal=portal)


PLAN_2026 = make_plan(
    "2026-tuyen-truyen-cchc",
    "Kế hoạch tuyên truyền cải cách hành chính năm 2026",
    2026,
    tasks=(
        Task(
            "01",
            "Xây dựng kế hoạch tuyên truyền CCHC",
            timeline="Trong tháng 02/2026",
            schedule=Schedule(due=date(2026, 2, 28)),
        ),
        Task(
            "04",
            "Tuyên truyền trên trang thông tin điện tử",
            subtasks=(
                Task("4.1", "Đăng tin, bài về CCHC", schedule=Schedule(dates=(date(2026, 3, 12), date(2026, 9, 5)))),
                Task("4.2", "Cập nhật chuyên mục", schedule=Schedule(ongoing=True)),
            ),
        ),
        Task(
            "07", "Hội thi tìm hiểu CCHC", schedule=Schedule(due=date(2027, 1, 15)), lead="Phòng Tổ chức - Hành chính"
        ),
    ),
    reports=(Report("Quý I", date(2026, 3, 10)), Report("Báo cáo năm", date(2026, 11, 25))),
    portal=PortalQuota(1, 3, 15),
)
