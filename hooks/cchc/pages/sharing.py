"""What a page tells Facebook, Zalo and Twitter when a link to it is shared, and a post's share links.

Open Graph (`og:*`) and Twitter card tags are read by the services' crawlers, which need
absolute addresses: every URL here is built from `site_url`. Values are plain text;
`overrides/cchc/_head.html` escapes each once (`| e`), so a title holding `"` or `<`
reaches the crawler as the editor typed it.

Share links are plain links to the services' own share pages, with the page's address
percent-encoded as one query value: no script, button or image is loaded from them.
Zalo's documented share button needs its SDK script and an Official Account; its plain
form is the page that button opens, `https://sp.zalo.me/share_to_zalo?url=…`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup
from PIL import Image, UnidentifiedImageError

from ..outputs.images import ShareImage
from ..readers.posts import Post

FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php?u="
ZALO_SHARE = "https://sp.zalo.me/share_to_zalo?url="
LOCALE = "vi_VN"
_MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


def text_of(value: object) -> str:
    """The plain text of a title or description as Material holds it.

    Escaped once by `headmeta` (a `Markup`), or HTML from MkDocs' rendering (a heading's
    text): tags dropped, entities decoded, either way.
    """
    return Markup(value if isinstance(value, Markup) else str(value)).striptags()


@dataclass(frozen=True)
class OpenGraph:
    """A page's `og:*` and `twitter:*` values, plain text and absolute URLs."""

    title: str
    description: str
    url: str
    site_name: str
    image: ShareImage | None
    type: str = "website"  # "article" on a post
    published: str | None = None  # ISO 8601 with offset, posts only
    modified: str | None = None
    tags: tuple[str, ...] = ()
    locale: str = LOCALE

    def meta(self) -> list[tuple[str, str, str]]:
        """(attribute, name, value) of each `<meta>`: `property` for Open Graph, `name` for Twitter."""
        og = [("og:type", self.type), ("og:title", self.title), ("og:description", self.description)]
        og += [("og:url", self.url), ("og:site_name", self.site_name), ("og:locale", self.locale)]
        twitter = [("twitter:card", "summary_large_image" if self.image else "summary")]
        twitter += [("twitter:title", self.title), ("twitter:description", self.description)]
        if self.image:
            image = self.image
            og += [("og:image", image.url), ("og:image:type", image.mime), ("og:image:width", str(image.width))]
            og += [("og:image:height", str(image.height)), ("og:image:alt", image.alt)]
            twitter += [("twitter:image", image.url), ("twitter:image:alt", image.alt)]
        if self.published and self.modified:
            og += [("article:published_time", self.published), ("article:modified_time", self.modified)]
            og += [("article:tag", tag) for tag in self.tags]
        return [("property", name, value) for name, value in og] + [("name", name, value) for name, value in twitter]


def open_graph(
    title: str, description: str, url: str, site_name: str, post: Post | None, image: ShareImage | None
) -> OpenGraph:
    """The tags of one page; a post is an `article` with its times and tags."""
    if post is None:
        return OpenGraph(title, description, url, site_name, image)
    modified = post.updated or post.date
    return OpenGraph(
        title,
        description,
        url,
        site_name,
        image,
        "article",
        _iso(post.date),
        _iso(modified),
        post.tags,
    )


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def default_image(path: Path, url: str, alt: str) -> ShareImage | None:
    """The site's own picture (`urls.share_image`) for pages without a cover; its real size."""
    try:
        with Image.open(path) as image:
            width, height, mime = image.width, image.height, _MIME.get(image.format or "")
    except (OSError, UnidentifiedImageError):
        return None
    return ShareImage(url, width, height, mime, alt) if mime else None


@dataclass(frozen=True)
class ShareLinks:
    """A post's share links and the address shown for copying."""

    url: str  # the page's absolute address

    @property
    def facebook(self) -> str:
        return FACEBOOK_SHARE + quote(self.url, safe="")

    @property
    def zalo(self) -> str:
        return ZALO_SHARE + quote(self.url, safe="")
