"""The images a post uses (its `image:` cover and those in its body), found and checked.

Each must be a file inside the post's own folder tree: a path that climbs out of it,
an absolute path or a `file:`/`data:` address is an error, so a post cannot publish
files from elsewhere in the repository or the machine.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.inlinepatterns import IMAGE_LINK_RE, LINK_RE, ImageInlineProcessor, LinkInlineProcessor

from ..config import limits
from ..config.errors import Collector
from ..text.vntext import nfc
from .embeds import video_embed
from .htmltags import IMG_TAG, tag_attrs
from .posts import Post

_WEB = ("http", "https")
# The photo formats published (re-encoded in the same format); others are refused with advice.
OUTPUT_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


# Python-Markdown's own parsers of `![alt](path "title")` and `[text](path)`: a path is read
# exactly as the page will render it (spaces included: `anh/Pano khu kham.jpg`).
class _RawText:
    """Parsers run on the post's own text, where Markdown has stashed nothing yet."""

    def unescape(self, text: str) -> str:
        return text


class _ImageParser(_RawText, ImageInlineProcessor):
    pass


class _LinkParser(_RawText, LinkInlineProcessor):
    pass


_MARKDOWN = markdown.Markdown()
_IMAGE_PARSER = _ImageParser(IMAGE_LINK_RE, _MARKDOWN)
_LINK_PARSER = _LinkParser(LINK_RE, _MARKDOWN)

# What Markdown shows as text, never as an image or a link: fenced blocks (```, ~~~, the
# `fenced_code` extension), HTML comments and inline code spans (`` `<img src=x>` ``).
_FENCED = re.compile(r"^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?<=\n)(?P=fence)[ ]*$", re.M | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_LIST_ITEM = re.compile(r" {0,3}(?:[*+-]|\d+[.)])[ \t]")
_INDENTED = re.compile(r"(?: {4}|\t)")
# Where a file sits on the editor's computer: useless to readers of the site.
_MACHINE_PATH = re.compile(r"(?:[A-Za-z]:[\\/]|\\\\|file:)", re.I)
MACHINE_PATH_MESSAGE = (
    "là đường dẫn trên máy tính của người viết (ổ đĩa C:\\…, /home/…, file:), trang trên mạng không có tệp này; "
    "hãy chép tệp vào thư mục của bài (ví dụ thư mục anh/ cạnh bài) rồi ghi đường dẫn tính từ bài, "
    "ví dụ anh/ten-tep.jpg."
)


def _blank(match: re.Match[str]) -> str:
    """The matched text as spaces, newlines kept: offsets and line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def markdown_text(body: str) -> str:
    """The body with everything Markdown shows as code blanked out, offsets unchanged."""
    text = _COMMENT.sub(_blank, _FENCED.sub(_blank, body))
    lines = text.split("\n")
    # Indented code: after a blank line (or more code), outside a list whose items it would continue.
    in_list, code, previous_blank = False, False, True
    for i, line in enumerate(lines):
        if not line.strip():
            previous_blank = True
            continue
        if _INDENTED.match(line) and not in_list and (previous_blank or code):
            lines[i], code = " " * len(line), True
        elif _LIST_ITEM.match(line):
            in_list, code = True, False
        elif not _INDENTED.match(line):
            in_list = in_list and not previous_blank
            code = False
        previous_blank = False
    return _CODE_SPAN.sub(_blank, "\n".join(lines))


def markdown_targets(text: str, images: bool) -> Iterator[tuple[int, str, str]]:
    """(offset, path, alt or link text) of each Markdown image or inline link of `text`."""
    parser = _IMAGE_PARSER if images else _LINK_PARSER
    for match in parser.compiled_re.finditer(text):
        element, start, _ = parser.handleMatch(match, text)
        if isinstance(element, Element) and start is not None:
            target = element.get("src" if images else "href") or ""
            yield start, target, element.get("alt", "") if images else (element.text or "")


def machine_path(ref: str) -> bool:
    """`C:\\Users\\…`, `\\\\server\\…`, `file:///…`: a file on someone's computer."""
    return bool(_MACHINE_PATH.match(ref.strip()))


@dataclass(frozen=True)
class ImageUse:
    """One place a post shows an image."""

    ref: str  # as written in the post
    alt: str | None  # None: no alt text given
    line: int | None
    cover: bool = False


class Owner(Protocol):
    """Whose file it is: a post, or a folder of hand-written pages (`handwritten.Folder`)."""

    @property
    def source(self) -> str: ...  # the file named in messages

    @property
    def url(self) -> str: ...  # the folder its files are published in

    @property
    def src_uri(self) -> str: ...


@dataclass(frozen=True)
class Asset:
    """One local image file of a post (several uses of the same file are one asset)."""

    post: Owner
    ref: str  # normalised path relative to the post, e.g. "anh/hoi-nghi.jpg"
    path: Path  # absolute file on disk
    key: str | None = None  # front-matter key of the first use (`image`), for error reports
    line: int | None = None  # line of the first use

    @property
    def src_uri(self) -> str:
        """Beside the post's page, so the post's relative references keep working."""
        return f"{self.post.url}{self.ref}"


def image_uses(post: Post) -> list[ImageUse]:
    """The cover first, then the body's images in reading order, as Markdown finds them."""
    uses = [ImageUse(post.image, post.image_alt, post.lines.get("image"), cover=True)] if post.image else []
    text = markdown_text(post.body)
    found: list[tuple[int, str, str | None]] = list(markdown_targets(text, images=True))
    for match in IMG_TAG.finditer(text):
        attrs = tag_attrs(match.group(0))
        if attrs.get("src"):
            found.append((match.start(), attrs["src"] or "", attrs.get("alt")))
    for offset, ref, alt in sorted(found, key=lambda item: item[0]):
        if media_suffix(ref):
            continue  # a video or a recording shown like an image: `collect_media`
        line = post.line_at(offset)
        uses.append(ImageUse(ref, alt.strip() if alt is not None else None, line))
    return uses


def normalize_ref(ref: str) -> str:
    """The path a reference names, as the built page's `src` names it."""
    return posixpath.normpath(unquote(urlsplit(ref).path))


def collect_assets(post: Post, root: Path, problems: Collector) -> list[Asset]:
    """Resolve a post's images; each problem names the post, the image and the line."""
    assets: dict[str, Asset] = {}
    base = post.path.parent.resolve()
    if post.image_alt and not post.image:
        problems.warning(post.source, "Có `image_alt` nhưng không có ảnh bìa (`image`).", "image_alt")
    for use in image_uses(post):
        key = "image" if use.cover else None

        def error(message: str, use: ImageUse = use, key: str | None = key) -> None:
            problems.error(post.source, f'Ảnh "{use.ref}": {message}', key, use.line)

        parts = urlsplit(use.ref)
        if use.ref.startswith("#") or not use.ref.strip():
            continue
        if machine_path(use.ref) or use.ref.startswith(("/", "\\")):
            error(MACHINE_PATH_MESSAGE)
            continue
        if parts.scheme in _WEB or (parts.netloc and not parts.scheme):
            problems.warning(
                post.source,
                f'Ảnh "{use.ref}" lấy từ trang ngoài nên không được thu nhỏ và xóa thông tin ẩn (EXIF); '
                "hãy tải ảnh về, đặt cạnh bài và ghi đường dẫn tương đối.",
                key,
                use.line,
            )
            continue
        if parts.scheme:
            error("chỉ dùng được tệp ảnh đặt cạnh bài (không dùng địa chỉ data:, javascript:…).")
            continue
        ref = normalize_ref(use.ref)
        target, reason = locate(base, root, ref)
        if reason:
            error(reason)
            continue
        if not use.cover and not use.alt:
            problems.warning(
                post.source,
                f'Ảnh "{use.ref}" thiếu lời mô tả (alt) cho người khiếm thị: viết ![mô tả ngắn]({use.ref}).',
                None,
                use.line,
            )
        assets.setdefault(ref, Asset(post, ref, target, key, use.line))
    return list(assets.values())


def locate(base: Path, root: Path, ref: str) -> tuple[Path, str | None]:
    """The file `ref` names inside the post's folder, or why it cannot be used (in Vietnamese)."""
    outside = "nằm ngoài thư mục của bài viết; hãy đặt tệp cạnh bài hoặc trong thư mục con."
    target = (base / ref).resolve()
    # A symbolic link may still point out of the folder: judge where it really leads.
    if ref.startswith("/") or ref == ".." or ref.startswith("../") or not target.is_relative_to(base):
        return target, outside
    if not target.is_relative_to(root.resolve()):
        return target, outside
    if not target.is_file():
        target = _same_name_other_form(target) or target
    if not target.is_file():
        return target, "không tìm thấy tệp (đường dẫn tính từ thư mục của bài)."
    return target, None


def _same_name_other_form(target: Path) -> Path | None:
    """The file whose name is `target`'s in another Unicode form.

    Why: names copied from macOS or out of a zip are often decomposed (NFD); the post
    says "hội nghị.jpg" composed, the disk holds the same letters decomposed.
    """
    folder = target.parent
    if not folder.is_dir():
        return None
    wanted = nfc(target.name)
    return next((entry for entry in folder.iterdir() if nfc(entry.name) == wanted and entry.is_file()), None)


# [Kế hoạch số 12/KH-TTYT](van-ban/ke-hoach.pdf): documents attached to a post, published as they are.
ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".zip")
# `[1]: van-ban/ke-hoach.pdf`, a reference definition, as Python-Markdown reads it.
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\[\]]*\]:[ ]*\n?[ ]*(\S+)", re.M)


@dataclass(frozen=True)
class LinkUse:
    """One link of a post's body (inline or a reference definition)."""

    ref: str  # as Markdown reads it, e.g. "van ban/ke hoach.pdf"
    line: int


def link_uses(text: str, first_line: int = 1) -> list[LinkUse]:
    """The links of Markdown `text` whose first line is the file's line `first_line`."""
    shown = markdown_text(text)
    found = [(offset, ref) for offset, ref, _ in markdown_targets(shown, images=False)]
    found += [(m.start(1), m.group(1).lstrip("<").rstrip(">")) for m in _REFERENCE.finditer(shown)]
    return [LinkUse(ref, first_line + text.count("\n", 0, offset)) for offset, ref in sorted(found)]


def _attachment(ref: str) -> bool:
    parts = urlsplit(ref)
    return not parts.scheme and not parts.netloc and unquote(parts.path).lower().endswith(ATTACHMENT_SUFFIXES)


def _beside(ref: str) -> bool:
    """A document, video or recording the post publishes beside it (checked by the collectors)."""
    parts = urlsplit(ref)
    return _attachment(ref) or (not parts.scheme and not parts.netloc and media_suffix(ref) in MEDIA_KINDS)


def collect_attachments(post: Post, root: Path, problems: Collector) -> list[Asset]:
    """Documents a post links to beside it (PDF, Word, Excel…): checked like images, copied as they are."""
    found: dict[str, Asset] = {}
    base = post.path.parent.resolve()
    for use in link_uses(post.body, post.body_line):
        attachment = _attachment(use.ref)
        # `/home/…/ke-hoach.pdf` is a document on the writer's disk; `/cchc/lich/` a page of the site.
        if machine_path(use.ref) or (attachment and use.ref.startswith(("/", "\\"))):
            problems.error(post.source, f'Liên kết "{use.ref}": {MACHINE_PATH_MESSAGE}', None, use.line)
            continue
        if not attachment:
            continue
        ref = normalize_ref(use.ref)
        target, reason = locate(base, root, ref)
        if reason:
            problems.error(post.source, f'Tệp đính kèm "{use.ref}": {reason}', None, use.line)
        else:
            found.setdefault(ref, Asset(post, ref, target, None, use.line))
    return list(found.values())


@dataclass(frozen=True)
class Page:
    """A Markdown page as MkDocs will render it: a post's body, or a hand-written page of docs/."""

    source: str  # the file named in messages: "posts/2026/11/a.md", "docs/gioi-thieu.md"
    src_uri: str  # MkDocs' path of the page, which relative links are resolved from
    folder: Path  # the folder of the file on disk
    text: str
    first_line: int = 1  # the file's line of the text's first line
    attachments_beside: bool = False  # a post: its documents are published beside it (`collect_attachments`)

    @classmethod
    def of_post(cls, post: Post) -> Page:
        return cls(post.source, post.src_uri, post.path.parent, post.body, post.body_line, True)


def missing_link_targets(page: Page, published: set[str], problems: Collector) -> set[str]:
    """Warn, like MkDocs does, of each relative link to a file the site will not have.

    MkDocs resolves a link from the page (a post's is `cchc/2026/11/<slug>/index.md`) and
    warns in English, without the file's name or line, when no file is there; found here
    first, the warning names both, in Vietnamese, and `cchc check` reports it too. Returns
    the links warned about, as written, so the build can leave MkDocs' own warning out.
    """
    warned = set()
    for use in link_uses(page.text, page.first_line):
        parts = urlsplit(use.ref)
        path = unquote(parts.path)
        skipped = parts.scheme or parts.netloc or use.ref.startswith(("/", "\\")) or machine_path(use.ref)
        # Without a file extension MkDocs only logs an info: a page address like `../lich/`.
        if skipped or not path or not posixpath.splitext(path)[1] or (page.attachments_beside and _beside(use.ref)):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path).lstrip("/"))
        if target not in published:
            warned.add(use.ref)
            # A file beside the post that only a link names (a photo, another post's .md) is not published.
            if (page.folder / path).is_file():
                why = (
                    "một tệp có cạnh bài nhưng không được đăng lên trang: trang chỉ đăng ảnh chèn vào bài "
                    "(![mô tả](đường dẫn)) và tài liệu PDF, Word, Excel…"
                )
            else:
                why = (
                    "tệp không có trên trang. Tài liệu và ảnh đặt cạnh bài, ghi đường dẫn tính từ bài "
                    "(ví dụ van-ban/ke-hoach.pdf)"
                )
            problems.warning(
                page.source,
                f'Liên kết "{use.ref}" dẫn tới {why}; để dẫn tới bài khác hay trang khác, ghi địa chỉ của trang '
                "(ví dụ /cchc/2026/10/ten-bai/).",
                None,
                use.line,
            )
    return warned


# Video and audio (issue 15): `![Mô tả](video/hoi-nghi.mp4)` on its own line shows a player,
# `[Tải về](video/hoi-nghi.mp4)` links to the file; both publish it beside the post (without the
# metadata phones write into it: `outputs/mediaclean.py`).
MEDIA_KINDS = {".mp4": "video", ".webm": "video", ".mp3": "audio", ".m4a": "audio"}
# What phones, cameras and recorders also save, which browsers do not all play: convert first.
OTHER_MEDIA = (".mov", ".avi", ".wmv", ".mkv", ".flv", ".3gp", ".mpg", ".mpeg", ".ogv", ".wav", ".wma", ".amr", ".aac")
_MEDIA_NAMES = {"video": "Video", "audio": "Tệp âm thanh"}
_MEDIA_LIMITS = {"video": limits.VIDEO_BYTES, "audio": limits.AUDIO_BYTES}
_FORMATS = {".mp4": "MP4", ".webm": "WebM", ".mp3": "MP3", ".m4a": "M4A"}
_IFRAME_SRC = re.compile(r"<iframe\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)


def media_suffix(ref: str) -> str:
    """The extension of a video or recording `ref` names (".mp4", ".mov"…), else ""."""
    suffix = posixpath.splitext(unquote(urlsplit(ref).path))[1].lower()
    return suffix if suffix in MEDIA_KINDS or suffix in OTHER_MEDIA else ""


@dataclass(frozen=True)
class MediaAsset:
    """A video or recording of a post, checked; `captions`: a WebVTT file of the same name beside it."""

    asset: Asset
    kind: str  # "video" or "audio"
    size: int
    captions: Asset | None = None


def _signature_ok(head: bytes, suffix: str) -> bool:
    """The file starts as its extension says (ISO BMFF `ftyp`, EBML "webm", an MP3 frame or ID3 tag)."""
    if suffix in (".mp4", ".m4a"):
        return head[4:8] == b"ftyp"
    if suffix == ".webm":
        return head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]
    return head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _media_uses(post: Post) -> list[tuple[str, str | None, int, bool]]:
    """(ref, alt, line, shown) of each local video or recording the body shows or links, in reading order."""
    text = markdown_text(post.body)
    found: list[tuple[int, str, str | None, bool]] = [
        (o, ref, alt, True) for o, ref, alt in markdown_targets(text, images=True)
    ]
    found += [(o, ref, None, False) for o, ref, _ in markdown_targets(text, images=False)]
    uses: list[tuple[str, str | None, int, bool]] = []
    for offset, ref, alt, shown in sorted(found, key=lambda item: item[0]):
        parts = urlsplit(ref)
        if media_suffix(ref) and not parts.scheme and not parts.netloc and not machine_path(ref):
            uses.append((ref, alt, post.line_at(offset), shown))
    return uses


def collect_media(post: Post, root: Path, problems: Collector) -> list[MediaAsset]:
    """A post's video and audio files: inside its folder, present, of a format browsers play, not too large."""
    found: dict[str, MediaAsset] = {}
    base = post.path.parent.resolve()
    _note_foreign_frames(post, problems)
    for ref, alt, line, shown in _media_uses(post):
        suffix = media_suffix(ref)
        kind = MEDIA_KINDS.get(suffix)
        label = _MEDIA_NAMES[kind] if kind else "Tệp"

        def error(message: str, ref: str = ref, line: int = line, label: str = label) -> None:
            problems.error(post.source, f'{label} "{ref}": {message}', None, line)

        if kind is None:
            if shown:
                error(
                    f"định dạng {suffix} không phát được trên mọi trình duyệt; hãy chuyển video sang MP4 "
                    "(H.264) hoặc WebM, âm thanh sang MP3 hoặc M4A, rồi ghi tên tệp mới."
                )
            continue
        normalized = normalize_ref(ref)
        target, reason = locate(base, root, normalized)
        problem = reason or _media_problem(target, suffix, kind)
        if problem:
            error(problem)
            continue
        if shown and not (alt or "").strip():
            problems.warning(
                post.source,
                f'{label} "{ref}" thiếu lời mô tả cho người khiếm thị: viết ![mô tả ngắn]({ref}).',
                None,
                line,
            )
        if normalized not in found:
            captions = _captions(post, base, root, normalized, line, problems) if kind == "video" else None
            asset = Asset(post, normalized, target, None, line)
            found[normalized] = MediaAsset(asset, kind, target.stat().st_size, captions)
    return list(found.values())


def _media_problem(target: Path, suffix: str, kind: str) -> str | None:
    """Why a video or recording cannot be published (in Vietnamese), or None."""
    try:
        size = target.stat().st_size
        with target.open("rb") as f:
            head = f.read(64)
    except OSError as exc:
        return f"không đọc được tệp ({exc.strerror})."
    limit = _MEDIA_LIMITS[kind]
    if size > limit:
        return (
            f"tệp quá lớn ({size / limits.MB:.1f} MB; tối đa {limit // limits.MB} MB). Hãy cắt ngắn hoặc nén lại "
            "(video 720p là đủ), hoặc đăng lên kênh YouTube, Fanpage của đơn vị rồi dán liên kết trên một dòng riêng."
        )
    if not _signature_ok(head, suffix):
        return (
            f"nội dung tệp không phải {_FORMATS[suffix]} như đuôi {suffix} ghi (tệp hỏng, hoặc đổi đuôi tay); "
            "hãy xuất lại tệp từ điện thoại hay phần mềm dựng video."
        )
    return None


def _captions(post: Post, base: Path, root: Path, ref: str, line: int, problems: Collector) -> Asset | None:
    """`video/hop.vtt` beside `video/hop.mp4`: the video's captions (phụ đề), for who cannot hear it."""
    vtt = posixpath.splitext(ref)[0] + ".vtt"
    target, reason = locate(base, root, vtt)
    if reason:
        return None
    try:
        size = target.stat().st_size
        with target.open("rb") as f:
            head = f.read(16)
    except OSError:
        size, head = 0, b""
    if size > limits.CAPTIONS_BYTES or not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        problems.error(
            post.source,
            f'Phụ đề "{vtt}": không phải tệp WebVTT (dòng đầu phải là WEBVTT) hoặc lớn quá '
            f"{limits.CAPTIONS_BYTES // limits.MB} MB.",
            None,
            line,
        )
        return None
    return Asset(post, vtt, target, None, line)


def _note_foreign_frames(post: Post, problems: Collector) -> None:
    """An `<iframe>` pasted from another site is never published: say so, unless it is a video we embed.

    A note, like scripts and styles dropped from editors' HTML are not warnings: the page is right
    without it, and `--strict` publishing must not stop for a pasted widget.
    """
    text = markdown_text(post.body)
    for match in _IFRAME_SRC.finditer(text):
        if video_embed(match.group(1)) is None:
            problems.note(
                post.source,
                f'Khung nhúng (iframe) "{match.group(1)}" không được đăng: trang không tải nội dung của trang khác. '
                "Hãy ghi địa chỉ đó thành một liên kết; video YouTube, Facebook: dán liên kết của video "
                "trên một dòng riêng.",
                None,
                post.line_at(match.start()),
            )
