"""`cchc new`: start a post (or, with `--van-ban`, a document) with every front-matter key written out.

Editors do not remember the keys of FORMATS.md §1: the new file names them all,
the optional ones commented out with a line saying what they do, so starting a
post is filling in blanks. The file builds as created.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config.clock import build_now
from ..config.errors import Collector
from ..config.project import Project, open_project
from ..config.settings import Area, Settings
from ..model.collection import load_posts
from ..model.register import load_documents
from ..readers.officialdocs import DOCUMENTS_DIR
from ..readers.plans import Plan, load_plans
from ..readers.procedures import PROCEDURE
from ..text.vntext import nfc, slugify


class NewPostError(Exception):
    """The post cannot be created; the message says what to do instead."""


@dataclass(frozen=True)
class NewPost:
    path: Path
    source: str  # as editors see it: posts/2026/11/<slug>.md
    area: Area
    area_given: bool  # False: the first area was filled in and should be checked


def main(config_file: Path, title: str, area: str | None, portal: bool, slug: str | None) -> int:
    """`cchc new`: create the post and say where it is; 1 with the reason when it cannot."""
    project = open_project(config_file, Collector())
    if project is None:
        return 1
    try:
        created = create_post(project, title, build_now(), area, portal, slug)
    except NewPostError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Đã tạo {created.source}")
    if not created.area_given:
        print(f"Lĩnh vực tạm ghi là {created.area.key} ({created.area.label}): sửa dòng categories nếu cần.")
    return 0


def create_post(
    project: Project,
    title: str,
    now: datetime,
    area: str | None = None,
    portal: bool = False,
    slug: str | None = None,
) -> NewPost:
    """Write `posts/YYYY/MM/<slug>.md` for today (the unit's local date); never overwrite."""
    settings = project.settings
    title = nfc(" ".join(title.split()))
    if not title:
        raise NewPostError("Tiêu đề bài viết đang trống.")
    chosen = settings.find_area(area) if area else settings.areas[0]
    if chosen is None:
        raise NewPostError(f'Lĩnh vực "{area}" không có trong danh sách. Chọn một trong: {_choices(settings)}.')
    name = slugify(slug or title)
    if not name:
        raise NewPostError(
            "Không tạo được tên tệp từ tiêu đề; hãy thêm --slug bằng chữ không dấu, ví dụ --slug hoi-nghi."
        )
    local = now.astimezone(settings.timezone)
    path = project.root / settings.posts_dir / f"{local:%Y}" / f"{local:%m}" / f"{name}.md"
    source = path.relative_to(project.root).as_posix()
    if path.exists():
        raise NewPostError(
            f"Đã có tệp {source}; lệnh không ghi đè. Hãy mở tệp đó để sửa, hoặc đặt tiêu đề/--slug khác."
        )
    clash = _post_with_slug(project, name)
    if clash:
        raise NewPostError(
            f'Bài {clash} đã dùng đường dẫn "{name}"; hai bài không được trùng đường dẫn. '
            "Hãy đặt tiêu đề khác hoặc thêm --slug."
        )
    plans = load_plans(project.root, settings, Collector())  # a broken plan is `cchc check`'s business
    text = post_template(title, local, chosen, settings, portal, slug=name if slug else None, plans=plans)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": a file created meanwhile is not overwritten either
        out.write(text)
    return NewPost(path, source, chosen, area is not None)


def post_template(
    title: str,
    local: datetime,
    area: Area,
    settings: Settings,
    portal: bool = False,
    slug: str | None = None,
    plans: list[Plan] | None = None,
) -> str:
    """The new post's text: front matter with every key of FORMATS.md §1, then a body to replace.

    The `plan` and `tasks` examples are the newest plan's id and two of its tasks, so
    uncommenting them gives a post that builds.
    """
    width = max(len(a.key) for a in settings.areas)
    area_lines = [f"#   {a.key:<{width}}  {a.label}" for a in settings.areas]
    lines = [
        "---",
        "# Tiêu đề bài viết (bắt buộc). Giữ nguyên dấu ngoặc kép nếu tiêu đề có dấu hai chấm.",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "# Ngày giờ đăng (bắt buộc). Ghi ngày giờ trong tương lai để hẹn giờ đăng.",
        f"date: {local:%Y-%m-%d %H:%M}",
        "# Lĩnh vực CCHC (bắt buộc, ít nhất một), ghi mã hoặc tên, ví dụ [the-che, cong-vu]:",
        *area_lines,
        f"categories: [{area.key}]",
        "",
        "# Các khóa dưới đây không bắt buộc: xóa dấu # ở đầu dòng để dùng.",
        *_optional_lines(local, settings, portal, plans or []),
        "# Đường dẫn của bài (chữ không dấu, gạch nối); mặc định tạo từ tiêu đề.",
        f"slug: {slug}" if slug else f"# slug: {slugify(title) or 'ten-bai'}",
        "---",
        "",
        "Đoạn mở đầu: một, hai câu nêu ý chính của bài; đoạn này hiện trong danh sách tin, bài.",
        "",
        "<!-- more -->",
        "",
        "Nội dung bài viết.",
        "",
    ]
    return "\n".join(lines)


def _optional_lines(local: datetime, settings: Settings, portal: bool, plans: list[Plan]) -> list[str]:
    """The optional keys, commented out, each with its one-line help."""
    plan_example, tasks_example = f"{local.year}-tuyen-truyen-cchc", ["01", "02"]
    if plans:
        plan_example = plans[0].id
        tasks_example = [t.stt for t in plans[0].all_tasks() if not t.subtasks][:2]
    plan_hint = f" Các kế hoạch hiện có: {', '.join(p.id for p in plans)}." if plans else ""
    return [
        "# Tác giả: một người hoặc danh sách nhiều người.",
        "# authors: [Nguyễn Văn A, Trần Thị B]",
        "# Khoa/phòng viết bài.",
        "# department: Phòng Tổ chức - Hành chính",
        "# Thẻ: từ khóa tự do, ngăn cách bằng dấu phẩy.",
        "# tags: [dịch vụ công trực tuyến, VNeID]",
        "# Tóm tắt một câu; nếu không ghi, lấy đoạn văn trước dòng <!-- more -->.",
        "# summary: Một câu tóm tắt nội dung bài.",
        "# Ảnh đại diện, đường dẫn tính từ thư mục của bài. Ảnh trong bài: ![Mô tả ảnh](anh/ten-anh.jpg)",
        "# image: anh/ten-anh.jpg",
        "# Mô tả ảnh đại diện cho người khiếm thị (mặc định: tiêu đề bài).",
        "# image_alt: Người bệnh quét mã QR thanh toán viện phí tại quầy thu",
        f"# Mã kế hoạch (tên tệp trong {settings.plans_dir}/, bỏ .yaml) mà bài này báo cáo.{plan_hint}",
        f"# plan: {plan_example}",
        "# Số thứ tự (STT) các nhiệm vụ của kế hoạch đó mà bài này báo cáo; cần có `plan`.",
        f"# tasks: {json.dumps(tasks_example)}",
        "# Số, ký hiệu các văn bản (trong documents/) mà bài nói tới; trang bài dẫn tới từng văn bản.",
        '# documents: ["45/KH-TTYT"]',
        _portal_hint(settings),
        "portal: true" if portal else "# portal: true",
        "# Ngày cập nhật, khi sửa nội dung sau khi đã đăng.",
        f"# updated: {local:%Y-%m-%d}",
        "# Bản nháp: không đăng lên trang, chỉ hiện khi xem thử (cchc serve).",
        "# draft: true",
    ]


def _post_with_slug(project: Project, slug: str) -> str | None:
    # Problems of other posts are `cchc check`'s business, not this command's.
    for post in load_posts(project.root, project.settings, Collector()):
        if post.slug == slug:
            return post.source
    return None


def _choices(settings: Settings) -> str:
    return "; ".join(f"{a.key} ({a.label})" for a in settings.areas)


def _portal_hint(settings: Settings) -> str:
    """The province's rule as `extra.cchc.portal` sets it (a plan of the year may set its own)."""
    quota = settings.portal
    if quota is None:
        return "# Gửi bài sang Cổng CCHC tỉnh (đơn vị không gửi: extra.cchc.portal là false)."
    return (
        f"# Gửi bài sang Cổng CCHC tỉnh ({quota.min}–{quota.max} bài mỗi tháng, trước ngày {quota.before_day}; "
        "kế hoạch của năm có thể quy định khác)."
    )


# `cchc new --van-ban`: a document of the register (FORMATS.md §3), every key written out.
# The type named by the number's code (`45/KH-TTYT` is a Kế hoạch), when the editor gives none.
TYPE_CODES = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "QC": "Quy chế",
}


def document_main(config_file: Path, title: str, number: str | None, kind: str | None, slug: str | None) -> int:
    """`cchc new --van-ban`: create the document's file and say where its PDF goes."""
    project = open_project(config_file, Collector())
    if project is None:
        return 1
    try:
        path, file = create_document(project, title, build_now(), number, kind, slug)
    except NewPostError as exc:
        print(exc, file=sys.stderr)
        return 1
    source = path.relative_to(project.root).as_posix()
    print(f"Đã tạo {source}")
    print(f"Đặt tệp văn bản (PDF, Word…) cạnh tệp này, tên {file}, hoặc sửa dòng `file:` cho đúng tên tệp.")
    return 0


def create_document(
    project: Project, title: str, now: datetime, number: str | None, kind: str | None = None, slug: str | None = None
) -> tuple[Path, str]:
    """Write `documents/YYYY/<slug>.md` for a document issued today; never overwrite. (path, its file's name)."""
    settings = project.settings
    title, number = nfc(" ".join(title.split())), nfc(" ".join((number or "").split()))
    if not title or not number:
        raise NewPostError(
            'Cần trích yếu và số, ký hiệu, ví dụ: cchc new --van-ban "Tuyên truyền CCHC" --so 45/KH-TTYT'
        )
    kind = kind or _type_of(number)
    if not kind:
        raise NewPostError(f'Không đoán được loại của văn bản số {number}; hãy thêm --loai, ví dụ --loai "Công văn".')
    name = slugify(slug or number)
    if not name:
        raise NewPostError("Không tạo được tên tệp từ số, ký hiệu; hãy thêm --slug bằng chữ không dấu.")
    clash = next((d.source for d in load_documents(project.root, settings, Collector()) if d.number == number), None)
    if clash:
        raise NewPostError(f"Văn bản số {number} đã có ở {clash}; hãy mở tệp đó để sửa.")
    local = now.astimezone(settings.timezone)
    path = project.root / DOCUMENTS_DIR / f"{local:%Y}" / f"{name}.md"
    if path.exists():
        raise NewPostError(
            f"Đã có tệp {path.relative_to(project.root).as_posix()}; lệnh không ghi đè. Hãy đặt --slug khác."
        )
    plans = load_plans(project.root, settings, Collector())
    text = document_template(title, number, kind, local, settings, f"{name}.pdf", plans)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": a file created meanwhile is not overwritten either
        out.write(text)
    return path, f"{name}.pdf"


def _type_of(number: str) -> str | None:
    """`45/KH-TTYT` -> Kế hoạch: the code after the first `/`, before the issuer's."""
    code = number.split("/", 1)[1].split("-", 1)[0] if "/" in number else ""
    return TYPE_CODES.get(code.upper())


def document_template(
    title: str, number: str, kind: str, local: datetime, settings: Settings, file: str, plans: list[Plan]
) -> str:
    """The new document's text: every key of FORMATS.md §3, the optional ones commented out."""
    plan = plans[0] if plans else None
    tasks = [t.stt for t in plan.all_tasks() if not t.subtasks][:1] if plan else ["01"]
    lines = [
        "---",
        "# Số, ký hiệu (bắt buộc), ghi đúng như trên văn bản.",
        f"number: {json.dumps(number, ensure_ascii=False)}",
        "# Loại văn bản (bắt buộc): Quyết định, Kế hoạch, Công văn, Thông báo, Báo cáo, Hướng dẫn…",
        f"type: {kind}",
        "# Trích yếu (bắt buộc). Giữ nguyên dấu ngoặc kép nếu có dấu hai chấm.",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "# Ngày ban hành (bắt buộc), ví dụ 2026-02-05 hoặc 05/02/2026.",
        f"issued: {local:%Y-%m-%d}",
        "# Cơ quan ban hành (bắt buộc); văn bản của cấp trên thì ghi tên cơ quan cấp trên.",
        f"issuer: {json.dumps(settings.unit, ensure_ascii=False)}",
        "# Tệp văn bản đặt cạnh tệp này: PDF, DOC/DOCX, XLS/XLSX hoặc ODT (bắt buộc nếu không có `url`).",
        f"file: {file}",
        "",
        "# Các khóa dưới đây không bắt buộc: xóa dấu # ở đầu dòng để dùng.",
        "# Người ký.",
        "# signer: Nguyễn Văn A",
        "# Ngày có hiệu lực; ngày hết hiệu lực (từ ngày hôm sau, trang ghi “Hết hiệu lực”).",
        f"# effective: {local:%Y-%m-%d}",
        f"# expires: {local:%Y}-12-31",
        "# Lĩnh vực CCHC, ghi mã hoặc tên: " + ", ".join(a.key for a in settings.areas),
        f"# areas: [{settings.areas[0].key}]",
        "# Nơi đăng văn bản gốc (ví dụ trên vbpl.vn); dùng thay `file` khi không có tệp.",
        "# url: https://vbpl.vn/",
        "# Kế hoạch và nhiệm vụ mà văn bản này thực hiện (văn bản được tính vào tiến độ nhiệm vụ).",
        f"# plan: {plan.id if plan else f'{local.year}-tuyen-truyen-cchc'}",
        f"# tasks: {json.dumps(tasks)}",
        "# Đường dẫn của trang văn bản (chữ không dấu); mặc định tạo từ số, ký hiệu.",
        f"# slug: {slugify(number)}",
        "---",
        "",
        "Đoạn giới thiệu ngắn về văn bản (không bắt buộc), hiện trên trang của văn bản.",
        "",
    ]
    return "\n".join(lines)


# `cchc new --thu-tuc`: a procedure (shared/FORMATS.md §4), its keys written from their declarations.
STEPS_EXAMPLE = ("1. Bước thứ nhất.", "2. Bước thứ hai.", "", "**Thành phần hồ sơ**", "", "- Đơn đề nghị;")


def procedure_main(config_file: Path, name: str, slug: str | None) -> int:
    """`cchc new --thu-tuc "Tên thủ tục"`: create procedures/<slug>.yaml and say where it is."""
    project = open_project(config_file, Collector())
    if project is None:
        return 1
    try:
        source = create_procedure(project, name, slug)
    except NewPostError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Đã tạo {source}: điền các khóa còn trống, rồi chạy cchc check.")
    return 0


def create_procedure(project: Project, name: str, slug: str | None = None) -> str:
    """Write `procedures/<slug>.yaml` with every key of the procedure; never overwrite."""
    name = nfc(" ".join(name.split()))
    if not name:
        raise NewPostError("Tên thủ tục đang trống.")
    stem = slugify(slug or name)
    if not stem:
        raise NewPostError("Không tạo được tên tệp từ tên thủ tục; hãy thêm --slug bằng chữ không dấu.")
    path = project.root / project.settings.procedures_dir / f"{stem}.yaml"
    source = path.relative_to(project.root).as_posix()
    if path.exists() or path.with_suffix(".yml").exists():
        raise NewPostError(f"Đã có tệp {source}; lệnh không ghi đè. Hãy mở tệp đó để sửa, hoặc đặt --slug khác.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": a file created meanwhile is not overwritten either
        out.write(procedure_template(name))
    return source


def procedure_template(name: str) -> str:
    """Every key of `PROCEDURE`, each under a comment with its label and help; blank keys build as absent."""
    values = {"name": json.dumps(name, ensure_ascii=False), "bases": "[]"}
    lines = [
        "# Thủ tục hành chính của đơn vị (hướng dẫn: docs/huong-dan/thu-tuc.md).",
        "# Khóa nào chưa có thông tin thì để trống sau dấu hai chấm.",
    ]
    for field in PROCEDURE:
        lines.append(f"# {field.label}{' (bắt buộc)' if field.required else ''}. {field.help}")
        if field.name == "steps":
            lines += ["steps: |", *(f"  {line}".rstrip() for line in STEPS_EXAMPLE)]
            continue
        lines.append(f"{field.name}: {values.get(field.name, '')}".rstrip())
    return "\n".join(lines) + "\n"
