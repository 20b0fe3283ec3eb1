"""`cchc report PLAN [KỲ] [-o TỆP] [--force]`: a report period's results as a Word document.

The site is loaded as `cchc build` loads it (`load_site`, as of "now"), so the figures
are those of the plan page's report section; the document is `outputs.docxreport`'s.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..config.clock import build_now
from ..config.errors import Collector, describe
from ..config.project import open_project
from ..model.progress import PlanProgress, ReportProgress
from ..outputs.docxreport import period_words, report_document
from ..site import load_site
from ..text.vndates import short_date
from ..text.vntext import match_key, slugify
from .disk import Exists, write_new


def choose(pp: PlanProgress, wanted: str | None) -> ReportProgress | None:
    """The report named `wanted` (as in the plan, any case or marks, or its slug); else the next one due."""
    if wanted:
        key = match_key(wanted)
        return next((r for r in pp.reports if key in (match_key(r.report.name), slugify(r.report.name))), None)
    upcoming = [r for r in pp.reports if r.state == "next"]
    return upcoming[0] if upcoming else (pp.reports[-1] if pp.reports else None)


def main(config_file: Path, plan_id: str, wanted: str | None, output: Path | None, force: bool) -> int:
    problems = Collector()
    project = open_project(config_file, problems)
    if project is None:
        return 1
    site = load_site(
        project.root,
        project.settings,
        build_now(),
        False,
        problems,
        encode_images=False,
        docs_dir=project.docs_dir,
        theme_files=project.theme_files,
    )
    if problems.errors:
        print("Trang còn lỗi, số liệu báo cáo chưa đúng; sửa rồi chạy lại (chi tiết: `cchc check`):", file=sys.stderr)
        for problem in problems.errors:
            print(f"  {problem.file}: {describe(problem)}", file=sys.stderr)
        return 1
    pp = next((p for p in site.progress if p.plan.id == plan_id), None)
    if pp is None:
        known = ", ".join(p.plan.id for p in site.progress) or "(chưa có kế hoạch nào)"
        print(f"Không có kế hoạch “{plan_id}”. Các kế hoạch: {known}.", file=sys.stderr)
        return 1
    rp = choose(pp, wanted)
    if rp is None:
        names = ", ".join(f"“{r.report.name}”" for r in pp.reports) or "(kế hoạch chưa ghi `reports`)"
        print(f"Kế hoạch {plan_id} không có kỳ báo cáo “{wanted}”. Các kỳ: {names}.", file=sys.stderr)
        return 1
    rows = site.portal.for_year(pp.plan.year) if site.portal else []
    data = report_document(pp, rp, rows, site.base_url)
    target = output or Path(f"bao-cao-{plan_id}-{slugify(rp.report.name)}.docx")
    try:
        write_new(target, data, force)
    except Exists:
        print(f"Đã có tệp {target}; lệnh không ghi đè. Thêm --force để thay, hoặc -o để ghi tệp khác.", file=sys.stderr)
        return 1
    print(f"Đã ghi {target}: báo cáo {period_words(rp)}, số liệu từ {short_date(rp.start)} đến {short_date(rp.end)}.")
    print(f"  {rp.total} tin, bài; {len(rp.by_task)} nhiệm vụ có bài, {rp.tasks_without_posts} nhiệm vụ chưa có bài;")
    print(f"  {len(rp.portal)} bài gửi Cổng TTĐT CCHC tỉnh.")
    print("Mở tệp bằng Word, viết phần II và III, ghi số và ngày rồi trình ký.")
    return 0
