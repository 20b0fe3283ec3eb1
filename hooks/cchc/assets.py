"""Files a post refers to by relative path (images beside the post)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import Collector
from .posts import Post

# ![alt](path "title") and <img src="path">: the two ways editors put images in.
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.I)


@dataclass(frozen=True)
class Asset:
    post: Post
    ref: str  # as written in the post, relative to it
    path: Path  # absolute file on disk

    @property
    def src_uri(self) -> str:
        """Beside the post's page, so the post's relative references keep working."""
        return f"{self.post.url}{self.ref}"


def image_refs(post: Post) -> list[str]:
    refs = [post.image] if post.image else []
    refs += _MD_IMAGE.findall(post.body) + _HTML_IMAGE.findall(post.body)
    local = []
    for ref in refs:
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or ref.startswith("#"):
            continue  # web addresses and anchors are not files of ours
        local.append(unquote(parts.path))
    return list(dict.fromkeys(local))


def collect_assets(post: Post, root: Path, problems: Collector) -> list[Asset]:
    """Resolve a post's images; a path outside the post's folder or a missing file is an error."""
    assets = []
    base = post.path.parent.resolve()
    for ref in image_refs(post):
        key = "image" if ref == post.image else None
        line = post.lines.get("image") if key else None
        target = (base / ref).resolve()
        if ref.startswith("/") or Path(ref).is_absolute() or not target.is_relative_to(base):
            problems.error(
                post.source,
                f'Ảnh "{ref}" nằm ngoài thư mục của bài viết; hãy đặt ảnh cạnh bài hoặc trong thư mục con.',
                key,
                line,
            )
            continue
        if not target.is_file():
            problems.error(post.source, f'Không tìm thấy ảnh "{ref}" (đường dẫn tính từ thư mục của bài).', key, line)
            continue
        assets.append(Asset(post, target.relative_to(base).as_posix(), target))
    return assets
