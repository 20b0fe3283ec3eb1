"""YouTube and Facebook video addresses as editors paste them, read into what the site embeds.

Only addresses of known forms are accepted, and every part kept is checked against a
strict pattern (a YouTube id is 11 characters of `[A-Za-z0-9_-]`, a Facebook video id is
digits), so the player address built from them cannot carry anything an editor typed.
YouTube plays from youtube-nocookie.com, its "privacy-enhanced mode".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

_YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
)
_FACEBOOK_HOSTS = frozenset({"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"})
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_PATH = re.compile(r"/(?:embed|shorts|live|v)/([A-Za-z0-9_-]{11})/?")
_START = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")
_FB_VIDEO = re.compile(r"/([A-Za-z0-9.\-_]{1,100})/videos/(?:[^/]+/)?(\d{1,30})/?")
_FB_REEL = re.compile(r"/reel/(\d{1,30})/?")
_FB_WATCH = re.compile(r"/([A-Za-z0-9_-]{1,40})/?")
_DIGITS = re.compile(r"\d{1,30}")


@dataclass(frozen=True)
class Embed:
    """A video on YouTube or Facebook: its page (the plain link) and the player loaded on a click."""

    provider: str  # "YouTube", "Facebook"
    page: str
    player: str


def video_embed(url: str) -> Embed | None:
    """The embed of a YouTube or Facebook video address (a watch page, a short link, a player), else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    if host == "youtu.be" or host in _YOUTUBE_HOSTS:
        return _youtube(host, parts.path, query)
    if host == "fb.watch" or host in _FACEBOOK_HOSTS:
        return _facebook(host, parts.path, query)
    return None


def _youtube(host: str, path: str, query: dict[str, list[str]]) -> Embed | None:
    if host == "youtu.be":
        video = path.strip("/")
    elif path.rstrip("/") == "/watch":
        video = (query.get("v") or [""])[0]
    else:
        found = _YOUTUBE_PATH.fullmatch(path)
        video = found.group(1) if found else ""
    if not _YOUTUBE_ID.fullmatch(video):
        return None
    start = _seconds((query.get("t") or query.get("start") or [""])[0])
    page = f"https://www.youtube.com/watch?v={video}" + (f"&t={start}s" if start else "")
    player = f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1" + (f"&start={start}" if start else "")
    return Embed("YouTube", page, player)


def _seconds(value: str) -> int:
    """`90`, `90s`, `1m30s`, `1h2m3s` as seconds; 0 for anything else."""
    found = _START.fullmatch(value.strip()) if value.strip() else None
    if not found:
        return 0
    hours, minutes, seconds = (int(g) if g else 0 for g in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def _facebook(host: str, path: str, query: dict[str, list[str]]) -> Embed | None:
    page = None
    if host == "fb.watch":
        found = _FB_WATCH.fullmatch(path)
        page = f"https://fb.watch/{found.group(1)}/" if found else None
    elif path.rstrip("/") in ("/watch", "/video.php"):
        video = (query.get("v") or [""])[0]
        page = f"https://www.facebook.com/watch/?v={video}" if _DIGITS.fullmatch(video) else None
    elif path.rstrip("/") == "/plugins/video.php":  # a player pasted from Facebook's "Nhúng" box
        inner = video_embed((query.get("href") or [""])[0])
        return inner if inner and inner.provider == "Facebook" else None
    elif found := _FB_VIDEO.fullmatch(path):
        page = f"https://www.facebook.com/{found.group(1)}/videos/{found.group(2)}/"
    elif found := _FB_REEL.fullmatch(path):
        page = f"https://www.facebook.com/reel/{found.group(1)}/"
    if page is None:
        return None
    player = f"https://www.facebook.com/plugins/video.php?href={quote(page, safe='')}&show_text=false&autoplay=true"
    return Embed("Facebook", page, player)
