"""Small stand-ins with the attributes of `cchc.plans` objects (shared/PLANS_INTERFACE)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Schedule:
    due: date | None = None
    dates: tuple[date, ...] = ()
    every: str | None = None
    day: int | None = None
    ongoing: bool = False

    def deadlines(self, year: int) -> tuple[date, ...]:
        if self.every == "month":
            return tuple(date(year, m, min(self.day or 31, calendar.monthrange(year, m)[1])) for m in range(1, 13))
        return tuple(sorted({*([self.due] if self.due else []), *self.dates}))


@dataclass(frozen=True)
class Task:
    stt: str
    title: str
    schedule: Schedule | None = None
    timeline: str | None = None
    lead: str | None = None
    subtasks: tuple[Task, ...] = ()

    @property
    def anchor(self) -> str:
        return "nv-" + "-".join(str(int(n)) for n in self.stt.split("."))


@dataclass(frozen=True)
class Report:
    name: str
    due: date


@dataclass(frozen=True)
class PortalQuota:
    min: int = 1
    max: int = 3
    before_day: int = 20


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    year: int
    tasks: tuple[Task, ...] = ()
    reports: tuple[Report, ...] = ()
    portal: PortalQuota = PortalQuota()

    @property
    def url(self) -> str:
        return f"cchc/ke-hoach/{self.id}/"

    def all_tasks(self) -> Iterator[Task]:
        def walk(tasks):
            for task in tasks:
                yield task
                yield from walk(task.subtasks)

        return walk(self.tasks)


PLAN_2026 = Plan(
    "2026-tuyen-truyen-cchc",
    "Kế hoạch tuyên truyền cải cách hành chính năm 2026",
    2026,
    tasks=(
        Task("01", "Xây dựng kế hoạch tuyên truyền CCHC", Schedule(due=date(2026, 2, 28)), "Trong tháng 02/2026"),
        Task(
            "04",
            "Tuyên truyền trên trang thông tin điện tử",
            subtasks=(
                Task("4.1", "Đăng tin, bài về CCHC", Schedule(dates=(date(2026, 3, 12), date(2026, 9, 5)))),
                Task("4.2", "Cập nhật chuyên mục", Schedule(ongoing=True)),
            ),
        ),
        Task("07", "Hội thi tìm hiểu CCHC", Schedule(due=date(2027, 1, 15)), lead="Phòng Tổ chức - Hành chính"),
    ),
    reports=(Report("Quý I", date(2026, 3, 10)), Report("Báo cáo năm", date(2026, 11, 25))),
    portal=PortalQuota(1, 3, 15),
)
