"""Reading one post: front matter per shared/FORMATS.md §1, into a `Post`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..config import limits, urls
from ..config.errors import Collector
from ..config.fields import Field, Reader, Schema
from ..config.settings import Area, Settings
from ..config.values import closest
from ..config.yamlsource import Located, YamlSyntaxError, parse
from ..text.vndates import DateFormatError, parse_datetime
from ..text.vntext import match_key, slugify
from .sources import read_editor_file

_MARKDOWN_HELP = "Viết bằng Markdown; để trống thì lấy đoạn đầu của bài."
POST = Schema(
    "post",
    (
        Field("title", "text", "Tiêu đề bài viết", "Tên bài, như sẽ hiện trên trang và trong danh sách.", True),
        Field(
            "date",
            "datetime",
            "Ngày đăng",
            "Ngày và giờ đăng, ví dụ 2026-03-12 08:30; bài chưa tới giờ đăng thì chưa hiện.",
            True,
            missing="Thiếu ngày đăng (date), ví dụ: date: 2026-03-12 08:30",
        ),
        Field("updated", "datetime", "Ngày cập nhật", "Ghi khi sửa nội dung bài sau khi đã đăng."),
        Field(
            "authors",
            "strings",
            "Tác giả",
            "Một hoặc nhiều tên, cách nhau bằng dấu phẩy.",
            aliases=("author",),
            split=True,
        ),
        Field("department", "text", "Phòng ban", "Khoa, phòng hoặc bộ phận viết bài."),
        Field(
            "categories",
            "choice",
            "Lĩnh vực CCHC",
            "Ít nhất một lĩnh vực cải cách hành chính, ghi bằng mã hoặc tên lĩnh vực.",
            True,
        ),
        Field("tags", "strings", "Thẻ", "Các từ khóa, cách nhau bằng dấu phẩy.", split=True),
        Field("summary", "text", "Tóm tắt", _MARKDOWN_HELP),
        Field("image", "text", "Ảnh đại diện", "Đường dẫn tới ảnh, tính từ tệp bài viết."),
        Field("image_alt", "text", "Mô tả ảnh", "Mô tả ngắn nội dung ảnh, cho người không xem được ảnh."),
        Field("plan", "text", "Kế hoạch", "Mã kế hoạch mà bài viết báo cáo, ví dụ 2026-tuyen-truyen-cchc."),
        Field(
            "tasks",
            "strings",
            "Nhiệm vụ",
            "Số thứ tự các nhiệm vụ của kế hoạch mà bài thực hiện, ví dụ 01, 4.1.",
            split=True,
        ),
        Field(
            "documents",
            "strings",
            "Văn bản liên quan",
            "Số, ký hiệu các văn bản của sổ văn bản (documents/) mà bài nói tới, ví dụ 45/KH-TTYT.",
            split=True,
        ),
        Field("portal", "flag", "Gửi Cổng CCHC tỉnh", "Ghi có nếu bài được gửi Cổng CCHC tỉnh.", default=False),
        Field("draft", "flag", "Bản nháp", "Ghi có để giữ bài lại, chưa đăng.", default=False),
        Field("slug", "text", "Đường dẫn", "Phần cuối địa chỉ của bài, chữ không dấu; để trống thì lấy từ tiêu đề."),
        # Keys MkDocs/Material understand and that editors may reasonably use.
        Field("description", "text", "Mô tả", "Dùng thay cho tóm tắt khi không có `summary`."),
        Field("hide", "strings", "Ẩn phần trang", "Khóa của Material: các phần của trang cần ẩn."),
        Field("comments", "flag", "Bình luận", "Khóa của Material, không dùng trên trang này."),
    ),
)
KNOWN_KEYS = POST.keys


def post_schema(settings: Settings) -> Schema:
    """The post's fields, `categories` offering the unit's areas by key."""
    return POST.with_choices("categories", tuple(area.key for area in settings.areas))


MORE_MARKER = "<!-- more -->"
# Blank lines before the opening `---` are forgiven: editors paste them without seeing.
_FRONT = re.compile(r"\A(?:\ufeff)?(?:[ \t]*\r?\n)*---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)
# The opening line alone, to name it when the closing one is missing.
_OPENING = re.compile(r"\A(?:\ufeff)?(?:[ \t]*\r?\n)*(?=---[ \t]*\r?$)", re.M)
POST_SUFFIXES = (".md", ".markdown")  # any case: Windows shows `.MD` as readily as `.md`


@dataclass(frozen=True)
class Post:
    source: str  # path shown to editors, e.g. posts/2026/03/bai.md
    path: Path  # absolute path of the Markdown file
    title: str
    date: datetime  # aware, as written
    local: datetime  # the same moment in the unit's time zone
    areas: tuple[Area, ...]
    body: str
    slug: str
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    department: str | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""  # Markdown
    image: str | None = None
    image_alt: str | None = None  # the cover's alt text; templates fall back to the title
    plan: str | None = None
    tasks: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # numbers of documents in documents/ (`45/KH-TTYT`), linked from the page
    portal: bool = False
    draft: bool = False
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    body_line: int = field(default=1, compare=False, repr=False)  # line of the file where the body starts
    section: str = field(default=urls.DEFAULT_SECTION, compare=False, repr=False)  # `extra.cchc.section`

    def line_at(self, offset: int) -> int:
        """The file's line of a place in the body (an image, a link), for messages."""
        return self.body_line + self.body.count("\n", 0, offset)

    @property
    def local_date(self) -> dt.date:
        """The day the post belongs to: its local date (00:30 on the 1st is the 1st)."""
        return self.local.date()

    @property
    def url(self) -> str:
        """Site-relative URL (public, keep stable): `urls.post`."""
        return urls.post(self.section, self.local_date, self.slug)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    def is_published(self, now: datetime) -> bool:
        return not self.draft and self.date <= now


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter, body, line number where the front matter's text starts)."""
    found = _FRONT.match(text)
    if not found:
        return None, text, 0
    return found.group(1), text[found.end() :], text[: found.start(1)].count("\n")


def read_post(path: Path, source: str, settings: Settings, problems: Collector) -> Post | None:
    """Read one post; every problem goes to `problems`, `None` when unusable."""
    found = read_front_matter(path, source, problems, "title, date, categories…")
    if found is None:
        return None
    doc, body, body_line = found
    return _build_post(path, source, doc, body, body_line, settings, problems)


def read_front_matter(path: Path, source: str, problems: Collector, keys: str) -> tuple[Located, str, int] | None:
    """A Markdown file's front matter (with its lines), body and the body's first line; posts and documents.

    `keys`: the first keys of the kind, named when the closing `---` is missing.
    """
    text = read_editor_file(path, source, limits.POST_BYTES, problems)
    if text is None:
        return None
    front, body, offset = split_front_matter(text)
    if front is None:
        opening = _OPENING.match(text)
        if opening:
            problems.error(
                source,
                "Phần đầu bài mở bằng dòng `---` này nhưng thiếu dòng `---` đóng lại: hãy thêm một dòng chỉ có "
                f"`---` ngay sau khóa cuối cùng ({keys}), trước nội dung bài.",
                line=text.count("\n", 0, opening.end()) + 1,
            )
        else:
            problems.error(source, "Thiếu phần thông tin đầu bài (front matter) giữa hai dòng `---` ở đầu tệp.")
        return None
    try:
        # A non-breaking space after `title:` (pasted from Word or Zalo) is a space.
        doc = parse(front.replace("\u00a0", " "), line_offset=offset)
    except YamlSyntaxError as exc:
        problems.error(source, exc.message, line=exc.line)
        return None
    if not isinstance(doc.data, dict):
        problems.error(source, "Phần đầu bài phải là các dòng `khóa: giá trị`.", line=1)
        return None
    return doc, body, text.count("\n", 0, len(text) - len(body)) + 1


def _build_post(
    path: Path, source: str, doc: Located, body: str, body_line: int, settings: Settings, problems: Collector
) -> Post | None:
    read = Reader(source, doc, problems, forgiving=True)
    read.warn_unknown(doc.data, POST)
    title = read.text(("title",)) or ""
    if not title:
        read.error(("title",), POST["title"].missing_message())
    elif len(title) > limits.TITLE_CHARS:
        read.error(("title",), limits.too_long("Tiêu đề (title)", len(title), limits.TITLE_CHARS))
    moment = _moment(read, "date", settings)
    updated = _moment(read, "updated", settings)
    areas = _areas(read, settings)
    slug = slugify(read.text(("slug",)) or title)
    if not slug and title:
        read.error(("slug",), "Không tạo được đường dẫn (slug) từ tiêu đề; hãy thêm `slug:` bằng chữ không dấu.")
    tasks = read.strings(("tasks",), split=True)
    plan = read.text(("plan",))
    if tasks and not plan:
        read.error(("tasks",), "Có `tasks` nhưng thiếu `plan`: hãy ghi mã kế hoạch mà các nhiệm vụ này thuộc về.")
    portal, draft = read.flag(("portal",)), read.flag(("draft",))
    authors, tags = _counted(read, tasks)
    summary, description = _summaries(read)
    if not read.ok or moment is None:
        return None
    return Post(
        source=source,
        path=path,
        title=title,
        date=moment,
        local=moment.astimezone(settings.timezone),
        areas=areas,
        body=body,
        slug=slug,
        updated=updated,
        department=read.text(("department",)),
        summary=summary or description or excerpt(body),
        image=read.text(("image",)),
        image_alt=read.text(("image_alt",)),
        plan=plan,
        tasks=tasks,
        documents=read.strings(("documents",), split=True),
        portal=portal,
        draft=draft,
        lines={str(k[0]): v for k, v in doc.lines.items() if len(k) == 1},
        body_line=body_line,
        authors=authors,
        tags=tags,
    )


def _moment(read: Reader, key: str, settings: Settings) -> datetime | None:
    """`date` or `updated`, as people type them, in the unit's time zone unless written."""
    written = read.text((key,))
    if not written:
        if POST[key].required:
            read.error((key,), POST[key].missing_message())
        return None
    try:
        return parse_datetime(written, settings.timezone)
    except DateFormatError as exc:
        read.error((key,), str(exc))
        return None


def _areas(read: Reader, settings: Settings) -> tuple[Area, ...]:
    """`categories`, by key or label, each area once."""
    areas: list[Area] = []
    categories = list(read.strings(("categories",)))
    if not categories:
        read.error(("categories",), "Cần ít nhất một lĩnh vực CCHC (categories). " + _area_choices(settings))
    for value in _rejoin_labels(categories, settings):
        area = settings.find_area(value)
        if area is None:
            hint = _area_hint(value, settings)
            message = f'Lĩnh vực "{value}" không có trong danh sách.{hint} ' + _area_choices(settings)
            read.error(("categories",), message)
        elif area not in areas:
            areas.append(area)
    return tuple(areas)


def _counted(read: Reader, tasks: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Authors and tags, and the limits on lists."""
    authors = read.strings(("authors",), split=True) or read.strings(("author",), split=True)
    tags = tuple(dict.fromkeys(read.strings(("tags",), split=True)))
    counted = {
        "tags": (tags, limits.TAGS, "Số thẻ (tags)"),
        "tasks": (tasks, limits.POST_TASKS, "Số nhiệm vụ (tasks)"),
        "authors" if read.get(("authors",)) else "author": (authors, limits.AUTHORS, "Số tác giả (authors)"),
    }
    for key, (items, limit, what) in counted.items():
        if len(items) > limit:
            read.error((key,), limits.too_many(what, len(items), limit))
    return authors, tags


def _summaries(read: Reader) -> tuple[str, str]:
    """`summary` and `description` as written, each within its limit."""
    found = []
    for key in ("summary", "description"):
        written = read.text((key,)) or ""
        if len(written) > limits.SUMMARY_CHARS:
            read.error((key,), limits.too_long(f"Tóm tắt ({key})", len(written), limits.SUMMARY_CHARS))
        found.append(written)
    return found[0], found[1]


def excerpt(body: str) -> str:
    """The text before `<!-- more -->`, else the first paragraph of prose."""
    if MORE_MARKER in body:
        return body.split(MORE_MARKER, 1)[0].strip()
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if block and not block.startswith(("#", "!", "|", "<", "```", "---", ">", "- ", "* ")):
            return block
    return ""


def _rejoin_labels(values: list[str], settings: Settings) -> list[str]:
    """Undo YAML's split of a label with a comma: `[Công tác chỉ đạo, điều hành]`."""
    result: list[str] = []
    i = 0
    while i < len(values):
        joined = f"{values[i]}, {values[i + 1]}" if i + 1 < len(values) else None
        if joined and settings.find_area(values[i]) is None and settings.find_area(joined):
            result.append(joined)
            i += 2
        else:
            result.append(values[i])
            i += 1
    return result


def _area_hint(value: str, settings: Settings) -> str:
    """`thu tuc hanh chinh`, `the-chế`: the area the editor most likely meant."""
    names = {match_key(a.key.replace("-", " ")): a for a in settings.areas}
    names.update({match_key(a.label): a for a in settings.areas})
    wanted = match_key(value.replace("-", " "))
    # A label cut short ("Cải cách thủ tục") names the one area it begins, whatever difflib prefers.
    partial = {area.key: area for name, area in names.items() if wanted and wanted in name}
    area = next(iter(partial.values())) if len(partial) == 1 else closest(wanted, names)
    return f" Có phải ý bạn là `{area.key}` ({area.label})?" if area else ""


def _area_choices(settings: Settings) -> str:
    return "Chọn một trong: " + "; ".join(f"{a.key} ({a.label})" for a in settings.areas) + "."
