"""Reading one post: front matter per shared/FORMATS.md §1, into a `Post`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import limits, urls
from .errors import Collector
from .settings import Area, Settings
from .values import BAD_FLAG, closest, parse_flag, unknown_key_message
from .vndates import DateFormatError, parse_datetime
from .vntext import match_key, nfc, slugify
from .yamlsource import Located, YamlSyntaxError, parse

KNOWN_KEYS = frozenset(
    {
        "title",
        "date",
        "updated",
        "authors",
        "author",
        "department",
        "categories",
        "tags",
        "summary",
        "image",
        "image_alt",
        "plan",
        "tasks",
        "portal",
        "draft",
        "slug",
        # Keys MkDocs/Material understand and that editors may reasonably use.
        "description",
        "hide",
        "comments",
    }
)
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
    portal: bool = False
    draft: bool = False
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    body_line: int = field(default=1, compare=False, repr=False)  # line of the file where the body starts
    section: str = field(default=urls.DEFAULT_SECTION, compare=False, repr=False)  # `extra.cchc.section`

    def line_at(self, offset: int) -> int:
        """The file's line of a place in the body (an image, a link), for messages."""
        return self.body_line + self.body.count("\n", 0, offset)

    @property
    def local_date(self) -> date:
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
    try:
        text = nfc(limits.read_text(path, limits.POST_BYTES))
    except limits.TooLarge as exc:
        problems.error(source, exc.message)
        return None
    except UnicodeDecodeError:
        problems.error(source, "Tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.")
        return None
    except OSError as exc:  # a broken link, a folder named .md, a file without read permission
        problems.error(source, f"Không đọc được tệp ({exc.strerror or exc}); hãy kiểm tra tệp còn đó và mở được.")
        return None
    front, body, offset = split_front_matter(text)
    if front is None:
        opening = _OPENING.match(text)
        if opening:
            problems.error(
                source,
                "Phần đầu bài mở bằng dòng `---` này nhưng thiếu dòng `---` đóng lại: hãy thêm một dòng chỉ có "
                "`---` ngay sau khóa cuối cùng (title, date, categories…), trước nội dung bài.",
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
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    return _build_post(path, source, doc, body, body_line, settings, problems)


def _build_post(
    path: Path, source: str, doc: Located, body: str, body_line: int, settings: Settings, problems: Collector
) -> Post | None:
    meta: dict[str, Any] = doc.data
    ok = True

    def err(key: str, message: str) -> None:
        nonlocal ok
        ok = False
        problems.error(source, message, key, doc.line(key))

    for key in sorted(set(meta) - KNOWN_KEYS):
        problems.warning(source, unknown_key_message(key, KNOWN_KEYS), key, doc.line(key))

    title = _text(meta.get("title"))
    if not title:
        err("title", "Thiếu tiêu đề bài viết (title).")
    elif len(title) > limits.TITLE_CHARS:
        err("title", limits.too_long("Tiêu đề (title)", len(title), limits.TITLE_CHARS))

    moment: datetime | None = None
    if not _text(meta.get("date")):
        err("date", "Thiếu ngày đăng (date), ví dụ: date: 2026-03-12 08:30")
    else:
        try:
            moment = parse_datetime(_text(meta.get("date")), settings.timezone)
        except DateFormatError as exc:
            err("date", str(exc))

    updated = None
    if _text(meta.get("updated")):
        try:
            updated = parse_datetime(_text(meta["updated"]), settings.timezone)
        except DateFormatError as exc:
            err("updated", str(exc))

    areas: list[Area] = []
    categories = _strings(meta.get("categories"))
    if not categories:
        err("categories", "Cần ít nhất một lĩnh vực CCHC (categories). " + _area_choices(settings))
    for value in _rejoin_labels(categories, settings):
        area = settings.find_area(value)
        if area is None:
            hint = _area_hint(value, settings)
            err("categories", f'Lĩnh vực "{value}" không có trong danh sách.{hint} ' + _area_choices(settings))
        elif area not in areas:
            areas.append(area)

    authors = _strings(meta.get("authors"), split=True) or _strings(meta.get("author"), split=True)
    slug_source = _text(meta.get("slug")) or title
    slug = slugify(slug_source)
    if not slug and title:
        err("slug", "Không tạo được đường dẫn (slug) từ tiêu đề; hãy thêm `slug:` bằng chữ không dấu.")

    tasks = tuple(_strings(meta.get("tasks"), split=True))
    plan = _text(meta.get("plan")) or None
    if tasks and not plan:
        err("tasks", "Có `tasks` nhưng thiếu `plan`: hãy ghi mã kế hoạch mà các nhiệm vụ này thuộc về.")

    flags = {}
    for key in ("portal", "draft"):
        flags[key] = parse_flag(_text(meta.get(key)))
        if flags[key] is None:
            err(key, BAD_FLAG.format(value=meta.get(key)))

    tags = tuple(dict.fromkeys(_strings(meta.get("tags"), split=True)))
    counted = {
        "tags": (tags, limits.TAGS, "Số thẻ (tags)"),
        "tasks": (tasks, limits.POST_TASKS, "Số nhiệm vụ (tasks)"),
        "authors" if meta.get("authors") else "author": (authors, limits.AUTHORS, "Số tác giả (authors)"),
    }
    for key, (items, limit, what) in counted.items():
        if len(items) > limit:
            err(key, limits.too_many(what, len(items), limit))
    for key in ("summary", "description"):
        written = _text(meta.get(key))
        if len(written) > limits.SUMMARY_CHARS:
            err(key, limits.too_long(f"Tóm tắt ({key})", len(written), limits.SUMMARY_CHARS))

    summary = _text(meta.get("summary")) or _text(meta.get("description")) or excerpt(body)
    if not ok or moment is None:
        return None
    return Post(
        source=source,
        path=path,
        title=title,
        date=moment,
        local=moment.astimezone(settings.timezone),
        areas=tuple(areas),
        body=body,
        slug=slug,
        updated=updated,
        authors=tuple(authors),
        department=_text(meta.get("department")) or None,
        tags=tags,
        summary=summary,
        image=_text(meta.get("image")) or None,
        image_alt=_text(meta.get("image_alt")) or None,
        plan=plan,
        tasks=tasks,
        portal=flags["portal"],
        draft=flags["draft"],
        lines={str(k[0]): v for k, v in doc.lines.items() if len(k) == 1},
        body_line=body_line,
    )


def excerpt(body: str) -> str:
    """The text before `<!-- more -->`, else the first paragraph of prose."""
    if MORE_MARKER in body:
        return body.split(MORE_MARKER, 1)[0].strip()
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if block and not block.startswith(("#", "!", "|", "<", "```", "---", ">", "- ", "* ")):
            return block
    return ""


def _text(value: Any) -> str:
    """One line of text; a nested mapping is no usable value."""
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return " ".join(str(value).split())


def _strings(value: Any, split: bool = False) -> list[str]:
    """A list of non-empty strings; a single string is accepted too.

    `split`: a single string is also split at commas (`tags: VNeID, chuyển đổi số`),
    for keys whose items never contain one. Area labels do, so categories don't split.
    """
    if value is None:
        return []
    if split and isinstance(value, str):
        value = value.split(",")
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        if item is None or isinstance(item, dict | list):
            continue
        text = " ".join(str(item).split())
        if text:
            result.append(text)
    return result


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
