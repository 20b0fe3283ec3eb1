"""Video and audio in a post's HTML: players on the site, plain links in feeds and the portal package.

- `![Mô tả](video/hop.mp4)` renders as an `<img>`; on the site it becomes `<video controls
  preload="metadata">` (poster: the post's cover) or `<audio controls>`, with a download link.
- A YouTube or Facebook video address alone in a paragraph (`https://youtu.be/…`, `<https://…>` or
  `[Tiêu đề](https://…)`) becomes a click-to-load embed: our own markup (`overrides/cchc/_media.html`)
  and script (`assets/javascripts/cchc-share.js`). Until the reader clicks, the page is a plain link
  and asks nothing of YouTube or Facebook.
- An `<iframe>` of such a video pasted by an editor becomes that paragraph first: sanitising drops
  every frame, and it used to vanish from the site and from `portal.xml` without a word.
- Feeds and the portal's package carry no player and no script: the same places are plain links.

Everything here runs on HTML already sanitised by `safehtml` (attributes quoted, entities
normalised), except `iframes_as_links`, which runs before it and writes only addresses it built.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from ..config.errors import Collector
from ..readers.assets import MediaAsset
from ..readers.embeds import Embed, video_embed
from ..readers.htmltags import IMG_TAG, tag_attrs
from ..text.ui import text
from .documents import clean_attachments
from .pictures import local_ref
from .safehtml import plain_text

_MIME = {".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg", ".m4a": "audio/mp4"}
_IFRAME = re.compile(r"<iframe\b[^>]*>.*?</iframe\s*>|<iframe\b[^>]*/>", re.I | re.S)
_ALONE_IMG = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>", re.I)
# A paragraph holding one link, or one bare address, and nothing else.
_ALONE_LINK = re.compile(r"<p>\s*(?:(<a\b[^>]*>)(.*?)</a>|(https?://[^\s<>\"]+))\s*</p>", re.I | re.S)


@dataclass(frozen=True)
class MediaFile:
    """A video or recording published beside its post, as templates show it."""

    ref: str  # relative to the post's page
    kind: str  # "video" or "audio"
    mime: str
    size: int
    captions: str | None = None  # the WebVTT file's ref

    @property
    def url(self) -> str:
        return quote(self.ref)

    @property
    def captions_url(self) -> str | None:
        return quote(self.captions) if self.captions else None

    @property
    def label(self) -> str:
        return text("media_video" if self.kind == "video" else "media_audio").lower()

    @property
    def size_label(self) -> str:
        """Written as Vietnamese writes sizes: "1,2 MB", or "22 KB" under a megabyte."""
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / (1024 * 1024):.1f} MB".replace(".", ",")


def without_metadata(found: list[MediaAsset], cache_dir: Path, problems: Collector, store: bool) -> list[MediaAsset]:
    """The media, each pointing at its copy without metadata (`mediaclean`), cached like attachments.

    With `store=False` (`cchc check`) files not cached yet are checked, not stored, and left out.
    """
    cleaned = clean_attachments([m.asset for m in found], cache_dir, problems, store, label="Tệp")
    by_file = {(a.post.src_uri, a.ref): a for a in cleaned}
    kept = [m for m in found if (m.asset.post.src_uri, m.asset.ref) in by_file]
    published = [by_file[m.asset.post.src_uri, m.asset.ref] for m in kept]
    return [replace(m, asset=a, size=a.path.stat().st_size) for m, a in zip(kept, published, strict=True)]


def media_files(found: Iterable[MediaAsset]) -> dict[str, dict[str, MediaFile]]:
    """Each post's media by ref (post src_uri → ref → file)."""
    files: dict[str, dict[str, MediaFile]] = {}
    for media in found:
        asset = media.asset
        suffix = asset.ref[asset.ref.rfind(".") :].lower()
        captions = media.captions.ref if media.captions else None
        files.setdefault(asset.post.src_uri, {})[asset.ref] = MediaFile(
            asset.ref, media.kind, _MIME[suffix], media.size, captions
        )
    return files


@dataclass(frozen=True)
class Macros:
    """The macros of overrides/cchc/_media.html."""

    player: Callable[..., str]
    embed: Callable[..., str]


def iframes_as_links(fragment: str) -> str:
    """Each pasted `<iframe>` of a YouTube or Facebook video as a paragraph linking the video's page."""

    def replace(found: re.Match[str]) -> str:
        embed = video_embed(tag_attrs(found.group(0)).get("src") or "")
        page = html.escape(embed.page) if embed else ""
        return found.group(0) if embed is None else f'<p><a href="{page}">{page}</a></p>'

    return _IFRAME.sub(replace, fragment)


def _standalone_videos(fragment: str, render: Callable[[Embed, str], str]) -> str:
    def replace(found: re.Match[str]) -> str:
        tag, inner, bare = found.groups()
        address = (tag_attrs(tag).get("href") or "") if tag else bare
        embed = video_embed(address)
        if embed is None:
            return found.group(0)
        title = plain_text(inner) if inner is not None else ""
        return render(embed, "" if title == address.strip() else title)

    return _ALONE_LINK.sub(replace, fragment)


def for_site(fragment: str, files: Mapping[str, MediaFile], macros: Macros, poster: str | None) -> str:
    """Players for the post's media, click-to-load embeds for YouTube and Facebook videos."""

    def player(found: re.Match[str], block: bool) -> str:
        attrs = tag_attrs(found.group(1) if block else found.group(0))
        ref = local_ref(attrs.get("src") or "")
        file = files.get(ref) if ref else None
        if file is None:
            return found.group(0)
        alt = attrs.get("alt") or ""
        return str(
            macros.player(
                file=file,
                alt=alt,
                poster=poster if file.kind == "video" else None,
                block=block,
                download=text("media_download", label=file.label, size=file.size_label),
                fallback=text("media_fallback", label=file.label),
            )
        )

    if files:
        fragment = _ALONE_IMG.sub(lambda m: player(m, True), fragment)
        fragment = IMG_TAG.sub(lambda m: player(m, False), fragment)

    def embed(found: Embed, title: str) -> str:
        provider = found.provider
        return str(
            macros.embed(
                embed=found,
                link=text("embed_link", provider=provider) + (f": {title}" if title else ""),
                play=text("embed_play"),
                notice=text("embed_notice", provider=provider),
                frame_title=text("embed_frame", provider=provider, title=title or found.page),
            )
        )

    return _standalone_videos(fragment, embed)


def for_feeds(fragment: str, files: Mapping[str, MediaFile]) -> str:
    """The post's media and videos as plain links: what a feed reader or an email can show."""
    fragment = iframes_as_links(fragment)

    def link(found: re.Match[str]) -> str:
        attrs = tag_attrs(found.group(0))
        ref = local_ref(attrs.get("src") or "")
        file = files.get(ref) if ref else None
        if file is None:
            return found.group(0)
        label = text("media_video" if file.kind == "video" else "media_audio")
        alt = attrs.get("alt") or ""
        shown = f"{label}: {alt}" if alt else label
        return f'<a href="{html.escape(file.url)}">{html.escape(shown)}</a>'

    def plain_link(embed: Embed, title: str) -> str:
        shown = title or text("embed_link", provider=embed.provider)
        return f'<p><a href="{html.escape(embed.page)}">{html.escape(shown)}</a></p>'

    return _standalone_videos(IMG_TAG.sub(link, fragment), plain_link)
