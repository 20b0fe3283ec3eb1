"""`cchc check`: every problem a build would report, found without building.

It calls the build's own `load_site` (posts, images, plans and every check the
build runs before writing), so a file passes `cchc check` exactly when it passes
the build; nothing is validated twice in two ways.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby
from pathlib import Path

from ..config.clock import build_now
from ..config.errors import ByLevel, Collector, Level, Problem, describe
from ..config.project import Project, open_project
from ..model.collection import post_files
from ..model.portal import MonthQuota, PortalReport, scheduled_posts
from ..readers.posts import Post
from ..readers.procedures import procedure_files
from ..site import load_site

# What the quota says of a month, in words for the terminal.
PORTAL_STATUS = {
    "ok": "đạt",
    "short": "thiếu bài (đã quá hạn, không sửa được nữa: chỉ để biết)",
    "over": "quá số bài tối đa",
    "open": "chưa đến hạn",
    "na": "chưa áp dụng",
}


@dataclass(frozen=True)
class CheckResult(ByLevel):
    problems: list[Problem]  # errors and warnings, sorted by file then line
    posts: int  # post files checked
    plans: int
    portal: list[MonthQuota]  # the previous month, then the current one
    strict: bool = False
    scheduled: list[Post] = field(default_factory=list)  # waiting for their date, soonest first
    drafts: list[Post] = field(default_factory=list)
    procedures: int = 0  # procedure files checked, read or not (shared/FORMATS.md §4)

    @property
    def ok(self) -> bool:
        """What the build would say: errors fail it, warnings too under `--strict`."""
        return not self.errors and not (self.strict and self.warnings)


def check_project(project: Project, problems: Collector, now: datetime, strict: bool = False) -> CheckResult:
    """Load the site as `cchc build` does (not the preview of `cchc serve`) and keep every problem."""
    # Photos are verified, not encoded: checking must stay fast.
    site = load_site(
        project.root,
        project.settings,
        now,
        False,
        problems,
        encode_images=False,
        docs_dir=project.docs_dir,
        theme_files=project.theme_files,
    )
    ordered = sorted(problems.problems, key=lambda p: (p.file, p.line or 0, p.key or "", p.message))
    today = now.astimezone(project.settings.timezone).date()
    return CheckResult(
        problems=ordered,
        posts=len(post_files(project.root / project.settings.posts_dir)[0]),  # read or not
        plans=len(site.plans),
        portal=recent_quota(site.portal, today),
        strict=strict,
        scheduled=scheduled_posts(site.all_posts, now),
        drafts=sorted((p for p in site.all_posts if p.draft), key=lambda p: p.source),
        procedures=len(procedure_files(project.root, project.settings)),
    )


def recent_quota(report: PortalReport, today: date) -> list[MonthQuota]:
    """The portal quota of the previous and the current month (the report always has both)."""
    previous = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    return [row for row in (report.month(*previous), report.month(today.year, today.month)) if row is not None]


def format_text(result: CheckResult) -> str:
    """The report an editor reads: a summary line, then problems grouped by file."""
    procedures = f", {result.procedures} thủ tục" if result.procedures else ""
    lines = [
        f"Đã kiểm tra {result.posts} bài viết, {result.plans} kế hoạch{procedures}: "
        f"{len(result.errors)} lỗi, {len(result.warnings)} cảnh báo"
        + (f", {len(result.notes)} ghi chú." if result.notes else ".")
    ]
    for name, in_file in groupby(result.problems, key=lambda p: p.file):
        lines.append(f"  {name}")
        lines += [f"    - {p.level.value}: {describe(p)}" for p in in_file]
    lines.append("")
    lines.append("Bài gửi Cổng CCHC tỉnh:")
    for month in result.portal:
        quota = month.quota
        rule = f"{month.source}: cần {quota.min}–{quota.max} bài, trước ngày {quota.before_day}"
        lines.append(f"  Tháng {month.label}: {len(month.posts)} bài ({rule}): {PORTAL_STATUS[month.status]}")
        for post in month.posts:
            late = f", gửi sau hạn trước ngày {quota.before_day}" if post in month.late else ""
            lines.append(f"    - {post.local_date:%d/%m}: {post.title} ({post.source}){late}")
    if result.scheduled or result.drafts:
        lines.append("")
        lines.append("Bài chưa đăng (không có trên trang):")
        lines += [f"  - Hẹn giờ đăng {p.local:%d/%m/%Y %H:%M}: {p.title} ({p.source})" for p in result.scheduled]
        lines += [f"  - Bản nháp: {p.title} ({p.source})" for p in result.drafts]
    lines.append("")
    if result.ok:
        lines.append("Mọi tệp đều hợp lệ: có thể dựng và xuất bản trang.")
    elif result.errors:
        lines.append("Sửa các lỗi trên rồi chạy lại `cchc check`.")
    else:
        lines.append("Có cảnh báo: với --strict, trang sẽ không được dựng. Sửa rồi chạy lại `cchc check`.")
    return "\n".join(lines)


_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "note"}


def as_json(result: CheckResult) -> str:
    data: dict[str, object] = {
        "ok": result.ok,
        "posts": result.posts,
        "plans": result.plans,
        "procedures": result.procedures,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "key": p.key,
                "level": _LEVELS[p.level],
                "message": p.message,
            }
            for p in result.problems
        ],
        "portal": [
            {
                "month": f"{m.year}-{m.month:02d}",
                "count": len(m.posts),
                "status": m.status,
                "rule": m.source,
                "posts": [p.source for p in m.posts],
                "late": [p.source for p in m.late],
            }
            for m in result.portal
        ],
        "scheduled": [{"file": p.source, "date": p.local.isoformat(), "title": p.title} for p in result.scheduled],
        "drafts": [{"file": p.source, "title": p.title} for p in result.drafts],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def main(config_file: Path, strict: bool = False, json_output: bool = False) -> int:
    """`cchc check`: print the report; 0 when the build would succeed, else 1."""
    problems = Collector()
    project = open_project(config_file, problems)
    if project is None:
        return 1
    result = check_project(project, problems, build_now(), strict)
    print(as_json(result) if json_output else format_text(result))
    return 0 if result.ok else 1
