"""The images a post uses (its `image:` cover and those in its body), found and checked.

Each must be a file inside the post's own folder tree: a path that climbs out of it,
an absolute path or a `file:`/`data:` address is an error, so a post cannot publish
files from elsewhere in the repository or the machine.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import Collector
from .pictures import IMG_TAG, tag_attrs
from .posts import Post
from .vntext import nfc

# ![alt](path "title"): the Markdown way editors put images in; `<img …>` is the HTML one.
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+[\"'][^)]*[\"'])?\s*\)")
_WEB = ("http", "https")


@dataclass(frozen=True)
class ImageUse:
    """One place a post shows an image."""

    ref: str  # as written in the post
    alt: str | None  # None: no alt text given
    line: int | None
    cover: bool = False


@dataclass(frozen=True)
class Asset:
    """One local image file of a post (several uses of the same file are one asset)."""

    post: Post
    ref: str  # normalised path relative to the post, e.g. "anh/hoi-nghi.jpg"
    path: Path  # absolute file on disk
    key: str | None = None  # front-matter key of the first use (`image`), for error reports
    line: int | None = None  # line of the first use

    @property
    def src_uri(self) -> str:
        """Beside the post's page, so the post's relative references keep working."""
        return f"{self.post.url}{self.ref}"


def image_uses(post: Post) -> list[ImageUse]:
    """The cover first, then the body's images in reading order."""
    uses = [ImageUse(post.image, post.image_alt, post.lines.get("image"), cover=True)] if post.image else []
    found = [(m.start(), m.group(2) or m.group(3), m.group(1)) for m in _MD_IMAGE.finditer(post.body)]
    for match in IMG_TAG.finditer(post.body):
        attrs = tag_attrs(match.group(0))
        if attrs.get("src"):
            found.append((match.start(), attrs["src"], attrs.get("alt")))
    for offset, ref, alt in sorted(found, key=lambda item: item[0]):
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
            error("chỉ dùng được tệp ảnh đặt cạnh bài (không dùng địa chỉ file:, data:, ổ đĩa C:...).")
            continue
        ref = normalize_ref(use.ref)
        target, reason = _locate(base, root, ref)
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


def _locate(base: Path, root: Path, ref: str) -> tuple[Path, str | None]:
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
_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+[\"'][^)]*[\"'])?\s*\)")


def collect_attachments(post: Post, root: Path, problems: Collector) -> list[Asset]:
    """Documents a post links to beside it (PDF, Word, Excel…): checked like images, copied as they are."""
    found: dict[str, Asset] = {}
    base = post.path.parent.resolve()
    for match in _MD_LINK.finditer(post.body):
        written = match.group(1) or match.group(2)
        parts = urlsplit(written)
        if parts.scheme or parts.netloc or not parts.path.lower().endswith(ATTACHMENT_SUFFIXES):
            continue
        line = post.line_at(match.start())
        ref = normalize_ref(written)
        target, reason = _locate(base, root, ref)
        if reason:
            problems.error(post.source, f'Tệp đính kèm "{written}": {reason}', None, line)
        else:
            found.setdefault(ref, Asset(post, ref, target, None, line))
    return list(found.values())
