"""Administrative procedures (thủ tục hành chính): `procedures/*.yaml` per shared/FORMATS.md §4.

One file per procedure the unit receives or settles, its keys declared once (`PROCEDURE`)
and read by the shared field reader, with the same messages, keys and lines as plans.
A `Procedure` is plain data: the site's pages, the reception screen and the QR codes
read the same object.

The `online` address is where a citizen files the procedure. Citizens scan its QR code
at the counter, so a typo sends them to a wrong or fake site; an address outside the
public-service portals (`is_service_portal`) is a warning, an address that is not a web
address at all is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..config import limits, urls
from ..config.errors import Collector
from ..config.fields import Field, Reader, Schema
from ..config.settings import Settings
from ..config.values import repeats
from ..text.vntext import match_key, slugify
from .sources import read_yaml_file

# Mức độ dịch vụ công trực tuyến (Decree 42/2022/NĐ-CP, Art. 11): the three values, as pages show them.
LEVELS = ("toàn trình", "một phần", "trực tiếp")
_LEVEL_KEYS = {match_key(level): level for level in LEVELS}
# Words editors put before the level: "Mức độ: toàn trình", "DVC trực tuyến một phần".
_LEVEL_PREFIX = re.compile(r"^(?:(?:muc do|muc|dich vu cong|dvc|truc tuyen)\s*:?\s*)+")
_WEB = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)

_LEVEL_HELP = "Một trong: toàn trình, một phần, trực tiếp (không qua mạng)."
_ONLINE_HELP = "Trang của thủ tục trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc của tỉnh."
PROCEDURE = Schema(
    "procedure",
    (
        Field("name", "text", "Tên thủ tục", "Như trong Cơ sở dữ liệu quốc gia về thủ tục hành chính.", True),
        Field("code", "text", "Mã thủ tục", 'Mã trên Cổng Dịch vụ công quốc gia, trong ngoặc kép, ví dụ "1.001234".'),
        Field("field", "text", "Lĩnh vực", "Ví dụ: Khám bệnh, chữa bệnh. Trang Thủ tục hành chính nhóm theo lĩnh vực."),
        Field("level", "choice", "Mức độ dịch vụ công trực tuyến", _LEVEL_HELP, choices=LEVELS),
        Field("duration", "text", "Thời hạn giải quyết", "Ví dụ: Trong ngày làm việc."),
        Field("fee", "text", "Phí, lệ phí", "Ví dụ: Theo bảng giá dịch vụ; Không thu phí."),
        Field("where", "text", "Nơi tiếp nhận", "Ví dụ: Bộ phận Một cửa, tầng 1."),
        Field("online", "text", "Địa chỉ nộp hồ sơ trực tuyến", _ONLINE_HELP),
        Field("bases", "strings", "Căn cứ pháp lý", "Mỗi văn bản một dòng, bắt đầu bằng số hiệu văn bản."),
        Field("steps", "block", "Trình tự, hồ sơ", "Viết bằng Markdown: các bước thực hiện, thành phần hồ sơ."),
    ),
)


@dataclass(frozen=True)
class Procedure:
    """One procedure as citizens read it; every text as the editor wrote it (escaped by the templates)."""

    source: str  # procedures/kham-suc-khoe.yaml
    slug: str  # from the file's name: the page's address
    name: str
    code: str | None = None
    field: str | None = None
    level: str | None = None  # one of LEVELS
    duration: str | None = None
    fee: str | None = None
    where: str | None = None
    online: str | None = None  # an http(s) address
    bases: tuple[str, ...] = ()
    steps: str = ""  # Markdown

    @property
    def url(self) -> str:
        return urls.procedure(self.slug)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


def is_service_portal(url: str) -> bool:
    """The national portal (dichvucong.gov.vn and its subdomains), or one province's or ministry's.

    A province's portal is `dichvucong.<name>.gov.vn` (dichvucong.khanhhoa.gov.vn,
    dichvucong.hochiminhcity.gov.vn; the Ministry of Health's dichvucong.moh.gov.vn) or
    `dvc.<name>.gov.vn`: one name between the service's word and `gov.vn`.
    """
    host = _host(url)
    if host == "dichvucong.gov.vn" or host.endswith(".dichvucong.gov.vn"):
        return True
    labels = host.split(".")
    return len(labels) == 4 and labels[0] in ("dichvucong", "dvc") and labels[2:] == ["gov", "vn"] and bool(labels[1])


def _host(url: str) -> str:
    """The address's host name, lower case; "" when there is none (or the address is malformed)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:  # "https://[1.2" and other broken brackets
        return ""


def load_procedures(root: Path, settings: Settings, problems: Collector) -> list[Procedure]:
    """Every procedures/*.yaml (settings.procedures_dir), checked; problems collected, never raised.

    Sorted by name, as people look them up (marks and case ignored).
    """
    found = []
    for path in procedure_files(root, settings):
        procedure = read_procedure(path, path.relative_to(root).as_posix(), problems)
        if procedure is not None:
            found.append(procedure)
    _check_unique(found, problems)
    return sorted(found, key=lambda p: (match_key(p.name), p.slug))


def procedure_files(root: Path, settings: Settings) -> list[Path]:
    """The procedure files, read or not (`cchc check` counts them)."""
    base = root / settings.procedures_dir
    return sorted([*base.glob("*.yaml"), *base.glob("*.yml")]) if base.is_dir() else []


def read_procedure(path: Path, source: str, problems: Collector) -> Procedure | None:
    """Read one procedure file; `None` when it has errors (all of them reported)."""
    not_keys = "Tệp thủ tục phải là các dòng `khóa: giá trị` (name, code, level, online…)."
    doc = read_yaml_file(path, source, limits.PROCEDURE_BYTES, problems, not_keys)
    if doc is None:
        return None
    slug = slugify(path.stem)
    if not slug:
        problems.error(source, "Tên tệp không tạo được đường dẫn của trang; hãy đặt tên tệp bằng chữ không dấu.")
    reader = _Reader(source, doc, problems)
    procedure = reader.procedure(slug)
    return procedure if reader.ok and slug else None


def _check_unique(procedures: list[Procedure], problems: Collector) -> None:
    for procedure, first in repeats(procedures, lambda p: p.slug):
        problems.error(
            procedure.source, f"Tên tệp trùng đường dẫn với {first.source} (/{procedure.url}); hãy đổi tên một tệp."
        )
    for procedure, first in repeats([p for p in procedures if p.code], lambda p: p.code or ""):
        message = f'Mã thủ tục "{procedure.code}" trùng với thủ tục {first.source}; kiểm tra lại mã.'
        problems.error(procedure.source, message, "code")


class _Reader(Reader):
    """Types one procedure document against `PROCEDURE`."""

    def procedure(self, slug: str) -> Procedure:
        self.warn_unknown(self.doc.data, PROCEDURE)
        name = self.text(("name",)) or ""
        if not name and not isinstance(self.get(("name",)), dict | list):  # a list is reported by `text`
            self.error(("name",), PROCEDURE["name"].missing_message())
        if len(name) > limits.TITLE_CHARS:
            self.error(("name",), limits.too_long("Tên thủ tục", len(name), limits.TITLE_CHARS))
        return Procedure(
            source=self.source,
            slug=slug,
            name=name,
            code=self.text(("code",)),
            field=self.text(("field",)),
            level=self.level(),
            duration=self.text(("duration",)),
            fee=self.text(("fee",)),
            where=self.text(("where",)),
            online=self.online(),
            bases=self.strings(("bases",)),
            steps=self.text(("steps",), block=True) or "",
        )

    def level(self) -> str | None:
        """`Toàn trình`, `toan trinh`, `DVC một phần`: one of LEVELS, case and marks ignored."""
        value = self.text(("level",))
        if value is None:
            return None
        key = _LEVEL_PREFIX.sub("", match_key(value))
        found = _LEVEL_KEYS.get(key)
        if found is None:
            # The levels 1-4 of Decree 61/2018, replaced by Decree 42/2022's three.
            old = " (mức độ 4 trước đây nay là toàn trình, mức độ 3 là một phần)" if key in ("3", "4") else ""
            self.error(("level",), f'Mức độ "{value}" không hợp lệ; hãy ghi một trong: {", ".join(LEVELS)}{old}.')
        return found

    def online(self) -> str | None:
        value = self.text(("online",))
        if value is None:
            return None
        if not _WEB.fullmatch(value) or not _host(value):
            self.error(("online",), f'"{value}" không phải địa chỉ web; hãy chép địa chỉ bắt đầu bằng https://')
            return None
        if not is_service_portal(value):
            self.problems.warning(
                self.source,
                f'Địa chỉ "{value}" không thuộc Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hay cổng dịch vụ '
                "công của tỉnh (dichvucong.<tỉnh>.gov.vn); kiểm tra lỗi gõ trước khi in mã QR.",
                "online",
                self.line(("online",)),
            )
        return value
