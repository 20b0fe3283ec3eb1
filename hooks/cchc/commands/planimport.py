"""`cchc plan import KE-HOACH.docx [--id ID] [--force]`: a signed plan in Word, written as plans/<id>.yaml.

The plan is read by `readers.docxplan`, written by `outputs.planyaml` with the review
as comments, then read back by the build's own plan reader: the officer learns at once
whether `cchc check` will accept the file, and what to fix if not.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..config.errors import Collector, describe
from ..config.project import open_project
from ..outputs.planyaml import plan_yaml
from ..readers.docxplan import ImportError_, read_docx
from ..readers.plans import read_plan
from ..text.vntext import slugify
from .disk import Exists, write_new


def main(config_file: Path, document: Path, plan_id: str | None, force: bool) -> int:
    project = open_project(config_file, Collector())
    if project is None:
        return 1
    if not document.is_file():
        print(f"Không thấy tệp {document}.", file=sys.stderr)
        return 1
    name = slugify(plan_id or document.stem)
    if not name:
        print("Không tạo được mã kế hoạch từ tên tệp; hãy thêm --id bằng chữ không dấu, ví dụ --id 2026-tuyen-truyen.")
        return 1
    try:
        imported = read_docx(document, name)
    except ImportError_ as exc:
        print(exc, file=sys.stderr)
        return 1
    target = project.root / project.settings.plans_dir / f"{name}.yaml"
    source = target.relative_to(project.root).as_posix()
    text = plan_yaml(imported.plan, imported.remarks, document.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_new(target, text.encode("utf-8"), force)
    except Exists:
        print(f"Đã có tệp {source}; lệnh không ghi đè. Thêm --force để thay, --id để đặt mã khác.", file=sys.stderr)
        return 1
    plan = imported.plan
    print(f"Đã đọc {document.name}: {sum(1 for _ in plan.all_tasks())} nhiệm vụ, {len(plan.reports)} kỳ báo cáo.")
    print(f"Đã ghi {source}.")
    if imported.remarks:
        print(f"Cần rà soát ({len(imported.remarks)} mục, cũng ghi ở đầu tệp và cạnh từng nhiệm vụ):")
        for remark in imported.remarks:
            task = f" (nhiệm vụ {remark.stt})" if remark.stt else ""
            print(f"  - {remark.where}{task}: {remark.message}")
    return _verdict(target, source)


def _verdict(target: Path, source: str) -> int:
    """Read the written file as the build will: say it passes, or every reason it does not."""
    problems = Collector()
    read_plan(target, source, problems)
    for warning in problems.warnings:
        print(f"Cảnh báo ({source}, {describe(warning)})")
    if not problems.errors:
        print(f"Tệp hợp lệ: `cchc check` đọc được {source}. Đối chiếu với văn bản rồi dựng lại trang.")
        return 0
    print(f"`cchc check` sẽ báo lỗi ở {source}; sửa các chỗ sau:")
    for problem in problems.errors:
        print(f"  - {describe(problem)}")
    return 1
