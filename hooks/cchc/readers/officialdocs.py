"""Reading the documents register: `documents/**/*.md` per shared/FORMATS.md §3, into `Document`s.

A document (văn bản) is the unit's own or a superior's text the site must publish
"ngay sau khi ban hành": its metadata in front matter (as posts have), a short
introduction as the body, and the file itself beside it. The file is checked as a
post's attachments are (inside the document's folder, present) and is one of the types
an official text comes in; `outputs/documents.py` strips its hidden metadata.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..config import urls
from ..config.errors import Collector
from ..config.fields import Field, Reader, Schema
from ..config.settings import Area, Settings
from ..config.values import closest, repeats
from ..text.ui import text
from ..text.vndates import short_date
from ..text.vntext import match_key, slugify
from .assets import Asset, locate, machine_path
from .posts import Post, read_front_matter

DOCUMENTS_DIR = "documents"  # beside posts/ and plans/
# What official texts come as (FORMATS.md §3); a scan or an image is published as a PDF.
FILE_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt")
DOCUMENT = Schema(
    "document",
    (
        Field("number", "text", "Số, ký hiệu", "Như ghi trên văn bản, ví dụ 45/KH-TTYT.", True),
        Field("type", "text", "Loại văn bản", "Quyết định, Kế hoạch, Công văn, Thông báo, Báo cáo…", True),
        Field("title", "text", "Trích yếu", "Nội dung tóm tắt ghi dưới tên loại văn bản.", True),
        Field("issued", "date", "Ngày ban hành", "Ví dụ 2026-02-05 hoặc 05/02/2026.", True),
        Field("issuer", "text", "Cơ quan ban hành", "Ví dụ Trung tâm Y tế Mẫu, Sở Y tế tỉnh Mẫu.", True),
        Field("signer", "text", "Người ký", "Họ tên người ký văn bản."),
        Field("effective", "date", "Ngày có hiệu lực", "Để trống nếu có hiệu lực từ ngày ban hành."),
        Field("expires", "date", "Ngày hết hiệu lực", "Từ ngày sau ngày này, trang ghi văn bản “Hết hiệu lực”."),
        Field("areas", "strings", "Lĩnh vực CCHC", "Mã hoặc tên lĩnh vực, như `categories` của bài viết.", split=True),
        Field("file", "text", "Tệp văn bản", "Tệp PDF, DOC/DOCX, XLS/XLSX hoặc ODT đặt cạnh tệp này."),
        Field("url", "text", "Địa chỉ văn bản gốc", "Nơi đăng văn bản chính thức, ví dụ trên vbpl.vn."),
        Field("plan", "text", "Kế hoạch", "Mã kế hoạch mà văn bản thực hiện, như `plan` của bài viết."),
        Field("tasks", "strings", "Nhiệm vụ", "Số thứ tự các nhiệm vụ của kế hoạch đó, ví dụ 01.", split=True),
        Field("slug", "text", "Đường dẫn", "Phần cuối địa chỉ trang; mặc định lấy từ số, ký hiệu."),
    ),
)


@dataclass(frozen=True)
class Document:
    source: str  # documents/2026/45-kh-ttyt.md
    path: Path
    number: str
    type: str
    title: str  # trích yếu
    issued: dt.date
    issuer: str
    local: dt.datetime  # the day it was issued, 00:00 in the unit's time zone: progress counts it on that day
    slug: str
    signer: str | None = None
    effective: dt.date | None = None
    expires: dt.date | None = None
    areas: tuple[Area, ...] = ()
    file: str | None = None  # relative to the document's file, as written
    official_url: str | None = None  # the key `url`: where the official text lives
    plan: str | None = None
    tasks: tuple[str, ...] = ()
    body: str = ""  # Markdown: the introduction shown on its page
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def url(self) -> str:
        return urls.document(self.issued.year, self.slug)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def date(self) -> dt.datetime:
        """When it counts as evidence for a plan's task, as a post's `date`."""
        return self.local

    @property
    def local_date(self) -> dt.date:
        return self.issued

    @property
    def heading(self) -> str:
        """ "Kế hoạch 45/KH-TTYT: Tuyên truyền…": the page's title, what search finds."""
        return f"{self.type} {self.number}: {self.title}"

    @property
    def description(self) -> str:
        """ "Kế hoạch số 45/KH-TTYT ngày 5/2/2026 của …: trích yếu", for `<meta>` and the feed."""
        return text(
            "document_description",
            type=self.type,
            number=self.number,
            issued=short_date(self.issued),
            issuer=self.issuer,
            title=self.title,
        )

    def expired(self, today: dt.date) -> bool:
        """No longer in force: the day after `expires` has come."""
        return self.expires is not None and today > self.expires


def number_key(number: str) -> str:
    """Numbers compare as people type them: `45/kh-ttyt` is `45/KH-TTYT`, `35/QD` is `35/QĐ`."""
    return match_key(number)


def read_document(path: Path, source: str, settings: Settings, problems: Collector) -> Document | None:
    """One document file; `None` when it has errors (all of them reported)."""
    front = read_front_matter(path, source, problems, "number, type, title, issued, issuer, file…")
    if front is None:
        return None
    doc, body, _ = front
    read = Reader(source, doc, problems, forgiving=True)
    read.warn_unknown(doc.data, DOCUMENT)
    values = {
        f.name: read.required_text((f.name,), f.missing_message()) for f in DOCUMENT if f.kind == "text" and f.required
    }
    dates = {f.name: read.date((f.name,)) for f in DOCUMENT if f.kind == "date"}
    issued = dates["issued"]
    if issued is None and not read.get(("issued",)):
        read.error(("issued",), DOCUMENT["issued"].missing_message())
    _check_dates(read, dates)
    slug = slugify(read.text(("slug",)) or values["number"])
    if values["number"] and not slug:
        read.error(("slug",), "Không tạo được đường dẫn từ số, ký hiệu; hãy thêm `slug:` bằng chữ không dấu.")
    file, official = read.text(("file",)), _official_url(read)
    if not file and not read.get(("url",)):
        read.error(("file",), "Thiếu tệp văn bản (file) hoặc địa chỉ văn bản gốc (url); hãy ghi ít nhất một.")
    plan, tasks = read.text(("plan",)), read.strings(("tasks",), split=True)
    if tasks and not plan:
        read.error(("tasks",), "Có `tasks` nhưng thiếu `plan`: hãy ghi mã kế hoạch mà các nhiệm vụ này thuộc về.")
    areas = _areas(read, settings)
    if not read.ok or issued is None:
        return None
    local = dt.datetime.combine(issued, dt.time(), settings.timezone)
    return Document(
        source,
        path,
        values["number"],
        values["type"],
        values["title"],
        issued,
        values["issuer"],
        local,
        slug,
        signer=read.text(("signer",)),
        effective=dates["effective"],
        expires=dates["expires"],
        areas=areas,
        file=file,
        official_url=official,
        plan=plan,
        tasks=tasks,
        body=body.strip(),
        lines={str(k[0]): v for k, v in doc.lines.items() if len(k) == 1},
    )


def _check_dates(read: Reader, dates: dict[str, dt.date | None]) -> None:
    issued, effective, expires = dates["issued"], dates["effective"], dates["expires"]
    if expires and effective and expires < effective:
        read.error(("expires",), "Ngày hết hiệu lực (expires) trước ngày có hiệu lực (effective).")
    elif expires and issued and expires < issued:
        read.error(("expires",), "Ngày hết hiệu lực (expires) trước ngày ban hành (issued).")


def _official_url(read: Reader) -> str | None:
    value = read.text(("url",))
    parts = urlsplit(value or "")
    if value and (parts.scheme not in ("http", "https") or not parts.netloc):
        read.error(("url",), f'Địa chỉ "{value}" phải là một địa chỉ web đầy đủ, ví dụ https://vbpl.vn/….')
        return None
    return value


def _areas(read: Reader, settings: Settings) -> tuple[Area, ...]:
    found: list[Area] = []
    for value in read.strings(("areas",), split=True):
        area = settings.find_area(value)
        if area is None:
            choices = "; ".join(f"{a.key} ({a.label})" for a in settings.areas)
            read.error(("areas",), f'Lĩnh vực "{value}" không có trong danh sách. Chọn một trong: {choices}.')
        elif area not in found:
            found.append(area)
    return tuple(found)


def check_unique(documents: list[Document], problems: Collector) -> None:
    """One file per text (number and issuer); one address per page."""
    repeated = set()
    for document, first in repeats(documents, lambda d: f"{number_key(d.number)}|{number_key(d.issuer)}"):
        repeated.add(document.source)
        problems.error(
            document.source,
            f'Văn bản số "{document.number}" của {document.issuer} đã có ở {first.source}; '
            "mỗi văn bản chỉ ghi một tệp: hãy xóa tệp trùng hoặc sửa số, ký hiệu.",
            "number",
            document.lines.get("number"),
        )
    for document, first in repeats([d for d in documents if d.source not in repeated], lambda d: d.url):
        problems.error(
            document.source,
            f"Đường dẫn /{document.url} trùng với văn bản {first.source} (cùng năm, số giống nhau); "
            f"hãy thêm `slug:` khác cho một trong hai văn bản, ví dụ slug: {document.slug}-2.",
            "slug",
            document.lines.get("slug") or document.lines.get("number"),
        )


def document_file(document: Document, root: Path, problems: Collector) -> Asset | None:
    """The document's `file`, checked as a post's attachments are, and of a type official texts come in."""
    if not document.file:
        return None
    line = document.lines.get("file")

    def error(message: str) -> None:
        problems.error(document.source, f'Tệp văn bản "{document.file}": {message}', "file", line)

    if machine_path(document.file) or document.file.startswith(("/", "\\")) or urlsplit(document.file).scheme:
        error("hãy đặt tệp cạnh tệp văn bản .md và ghi tên tệp, ví dụ file: 45-kh-ttyt.pdf.")
        return None
    ref = posixpath.normpath(document.file)  # a file's name, not an address: `#` and `%` are letters
    if not ref.lower().endswith(FILE_SUFFIXES):
        error(f"chỉ đăng được tệp {', '.join(s[1:].upper() for s in FILE_SUFFIXES)}.")
        return None
    target, reason = locate(document.path.parent.resolve(), root, ref)
    if reason:
        error(reason)
        return None
    return Asset(document, ref, target, "file", line)


def check_document_references(posts: Iterable[Post], documents: list[Document], problems: Collector) -> None:
    """Each post's `documents` must name a document of the register, by number."""
    known = {number_key(d.number): d.number for d in reversed(documents)}  # as the oldest writes it
    listed = ", ".join(sorted(known.values())) or "chưa có văn bản nào trong documents/"
    for post in posts:
        for number in post.documents:
            if number_key(number) not in known:
                near = closest(number_key(number), known)
                hint = f" Có phải ý bạn là {near}?" if near else ""
                problems.error(
                    post.source,
                    f'Văn bản số "{number}" không có trong sổ văn bản (documents/).{hint} Các số đã có: {listed}.',
                    "documents",
                    post.lines.get("documents"),
                )
