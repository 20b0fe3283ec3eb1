"""RSS 2.0 feeds of the section: every post (`urls.rss`) and the portal's (`urls.portal_feed`).

Built with feedgen, around its quirks:
- `add_entry()` prepends by default; we append, in the order given (newest first);
- the channel `<link>` is the LAST `link()` set, so the self link goes first;
- naive datetimes are refused, and `lastBuildDate` defaults to the wall clock:
  we pass the build's "now" (SOURCE_DATE_EPOCH) in the unit's time zone;
- `enclosure(length=None)` writes `length="None"`: we only add a cover that exists,
  with its real size;
- RSS `<author>` must be an e-mail address, so names go in `dc:creator`;
- readers (and the W3C validator) read `<description>` as HTML: the summary's plain
  text is escaped as HTML once here, then as XML by feedgen, so `&lt;img …&gt;` typed
  in a summary stays text and "TT&GDSK" reaches the reader as `TT&amp;GDSK`.
"""

from __future__ import annotations

import html
import mimetypes
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urljoin, urlsplit

from feedgen.feed import FeedGenerator

from ..config import urls
from ..config.errors import Collector
from ..config.settings import CONFIG_FILE
from ..model.register import Register
from ..readers.posts import Post
from ..text.ui import STRINGS, text
from ..text.vntext import slugify
from .safehtml import clean_html, plain_text, xml_text

SITE_FEED_SIZE = 30

# Fixed, not the system's mime.types: the same bytes on every machine.
_IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
}


def base_url(site_url: str | None, problems: Collector) -> str:
    """The site's absolute address, for links in feeds; a missing `site_url` is an error."""
    url = (site_url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.error(
            CONFIG_FILE,
            "Thiếu địa chỉ trang (`site_url`, ví dụ https://ttyt.example.gov.vn/): nguồn tin RSS gửi "
            "Cổng TTĐT CCHC tỉnh cần địa chỉ đầy đủ của từng bài.",
            "site_url",
        )
        return ""
    return url if url.endswith("/") else f"{url}/"


def media_type(path: str) -> str:
    suffix = PurePosixPath(path).suffix.lower()
    return _IMAGE_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    path: str  # the feed's own site-relative path: `urls.rss`, `urls.portal_feed`


@dataclass(frozen=True)
class FeedContext:
    """What every item needs besides its post: addresses, rendered HTML, files, time."""

    base_url: str  # absolute, ends with /
    unit: str
    contents: Mapping[str, str]  # post src_uri -> the page's rendered HTML
    summaries: Mapping[str, str]  # post src_uri -> the summary's HTML
    site_dir: Path
    now: datetime
    tz: tzinfo
    section: str = urls.DEFAULT_SECTION  # `extra.cchc.section`


def site_feed_posts(posts: Iterable[Post], now: datetime) -> list[Post]:
    """The latest published posts, newest first; drafts and scheduled posts never."""
    published = [p for p in posts if p.is_published(now)]
    return sorted(published, key=lambda p: (p.date, p.source), reverse=True)[:SITE_FEED_SIZE]


def render_feed(channel: Channel, posts: Iterable[Post], ctx: FeedContext) -> bytes:
    """The feed's XML; the same posts and "now" give the same bytes."""
    fg = _new_feed(channel, ctx, urls.home(ctx.section))
    for post in posts:
        _add_item(fg, post, ctx)
    rss: bytes = fg.rss_str(pretty=True)  # feedgen is untyped
    return rss


def _new_feed(channel: Channel, ctx: FeedContext, home: str) -> FeedGenerator:
    """A channel without items; `home`: the site-relative page it is the feed of."""
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.title(xml_text(channel.title))
    fg.description(xml_text(channel.description))
    fg.language("vi")
    fg.link(href=ctx.base_url + channel.path, rel="self", type="application/rss+xml")
    fg.link(href=ctx.base_url + home, rel="alternate")  # last: the channel's <link>
    fg.lastBuildDate(ctx.now.astimezone(ctx.tz))
    return fg


def _add_item(fg: FeedGenerator, post: Post, ctx: FeedContext) -> None:
    page_url = ctx.base_url + post.url
    entry = fg.add_entry(order="append")
    entry.title(xml_text(post.title))
    entry.link(href=page_url)
    entry.guid(page_url, permalink=True)
    entry.pubDate(post.local)
    entry.dc.dc_creator([xml_text(a) for a in post.authors] or [xml_text(ctx.unit)])
    for area in post.areas:
        entry.category(term=xml_text(area.label), scheme=ctx.base_url + urls.area(ctx.section, area.key))
    for tag in post.tags:
        if slugify(tag):
            entry.category(term=xml_text(tag), scheme=ctx.base_url + urls.tag(ctx.section, slugify(tag)))
    summary = ctx.summaries.get(post.src_uri, "")
    entry.description(html.escape(plain_text(summary) or xml_text(post.title), quote=False))
    content = ctx.contents.get(post.src_uri) or summary
    entry.content(clean_html(content, partial(urljoin, page_url)))  # every URL absolute
    if post.image:
        # The file as it ended up in the site, however images were processed.
        cover = ctx.site_dir / post.url / post.image
        if cover.is_file():
            entry.enclosure(urljoin(page_url, quote(post.image)), str(cover.stat().st_size), media_type(post.image))


def write_feeds(ctx: FeedContext, posts: Iterable[Post], portal_posts: Iterable[Post]) -> list[Path]:
    """Both feeds into the built site: every post's and the portal's (posts already chosen)."""
    unit = ctx.unit
    site = Channel(f"{STRINGS['section']} – {unit}", text("feed_description", unit=unit), urls.rss(ctx.section))
    portal = Channel(
        f"{STRINGS['portal_feed']} – {unit}",
        text("portal_feed_description", unit=unit),
        urls.portal_feed(ctx.section),
    )
    feeds = [(site, site_feed_posts(posts, ctx.now)), (portal, list(portal_posts))]
    return [_write(ctx, channel.path, render_feed(channel, items, ctx)) for channel, items in feeds]


def _write(ctx: FeedContext, path: str, data: bytes) -> Path:
    target = ctx.site_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


# Documents register: `urls.documents_rss`, the latest documents, each item linking its page and file.
def render_document_feed(ctx: FeedContext, register: Register) -> bytes:
    channel = Channel(
        f"{STRINGS['documents_feed']} – {ctx.unit}",
        text("documents_feed_description", unit=ctx.unit),
        urls.documents_rss(),
    )
    fg = _new_feed(channel, ctx, urls.documents())
    for entry in register.entries[:SITE_FEED_SIZE]:
        document, page_url = entry.document, ctx.base_url + entry.url
        item = fg.add_entry(order="append")
        item.title(xml_text(document.heading))
        item.link(href=page_url)
        item.guid(page_url, permalink=True)
        item.pubDate(document.local)
        item.dc.dc_creator([xml_text(document.issuer)])
        kind = urls.documents_by("type", slugify(document.type))
        item.category(term=xml_text(document.type), scheme=ctx.base_url + kind)
        item.description(html.escape(xml_text(document.description), quote=False))
        if entry.file:
            item.enclosure(ctx.base_url + entry.file.url, str(entry.file.size), media_type(entry.file.url))
    rss: bytes = fg.rss_str(pretty=True)  # feedgen is untyped
    return rss


def write_document_feed(ctx: FeedContext, register: Register) -> Path:
    return _write(ctx, urls.documents_rss(), render_document_feed(ctx, register))
