"""Beyond the browser: the reception screen (`/man-hinh/`) and each post's printed A4 notice.

Both come from the content the site already has: no extra work for editors. A hall's TV
shows the latest posts, the unit's hotline and QR codes; the notice board gets a sheet per
post whose QR code opens the post's page. Templates lay out what is computed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from ..config import urls
from ..config.settings import Contact, ScreenSettings, Settings
from ..outputs import qr
from ..outputs.images import ImageSet, PostImage
from ..outputs.safehtml import plain_text
from ..readers.posts import Post
from ..text import ui
from .unitpages import ProcedurePage

# Longest texts a slide shows, cut at a word: at the screen's type size a longer title or
# summary would not fit its slide (the browser test checks that nothing overflows).
TITLE_CHARS = 90
LINES_CHARS = 140


@dataclass(frozen=True)
class Code:
    """A QR code with the words under it."""

    url: str
    caption: str
    svg: str


@dataclass(frozen=True)
class Slide:
    """One post on the screen."""

    post: Post
    title: str
    lines: str  # the summary's first words
    cover: PostImage | None


@dataclass(frozen=True)
class Screen:
    unit: str
    slides: tuple[Slide, ...]
    contact: Contact
    feedback_label: str  # the feedback address as a citizen types it (no `mailto:`)
    codes: tuple[Code, ...]
    settings: ScreenSettings
    url: str  # site-relative: `urls.screen`


@dataclass(frozen=True)
class Notice:
    """A post's A4 sheet for the notice board."""

    post: Post
    unit: str
    parent: str
    body: str  # the post's sanitised HTML, its relative links valid beside its page
    code: Code

    @property
    def url(self) -> str:
        return urls.notice(self.post.section, self.post.local_date, self.post.slug)

    @property
    def title(self) -> str:
        return self.post.title


@dataclass(frozen=True)
class ProcedureNotice:
    """A procedure's A4 sheet for the counter: its facts and steps, a QR code to file it online."""

    page: ProcedurePage
    unit: str
    parent: str
    body: str  # the steps' sanitised HTML, as its page shows them
    code: Code

    @property
    def url(self) -> str:
        return urls.procedure_notice(self.page.procedure.slug)

    @property
    def title(self) -> str:
        return self.page.title


@dataclass(frozen=True)
class DisplayContext:
    """What the screen's and the notices' templates read as `cchc`."""

    item: Screen | Notice | ProcedureNotice
    t: Mapping[str, str]  # text/ui.py's strings
    images: ImageSet


def shorten(text: str, limit: int) -> str:
    """`text` cut at the last space before `limit` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,.;:–-") + "…"


def screen_posts(posts: Iterable[Post], settings: ScreenSettings, now: datetime) -> list[Post]:
    """The latest published posts of the chosen areas: a hall never sees a draft."""
    chosen = [
        post
        for post in posts
        if post.is_published(now) and (not settings.areas or any(a.key in settings.areas for a in post.areas))
    ]
    return chosen[: settings.posts]


def build_screen(
    settings: Settings,
    posts: list[Post],
    summaries: dict[str, str],
    images: ImageSet,
    base_url: str,
    procedures: bool = False,
) -> Screen:
    """The screen's slides and codes; `posts` newest first, as `screen_posts` chose them."""
    slides = tuple(
        Slide(
            post,
            shorten(post.title, TITLE_CHARS),
            shorten(plain_text(summaries.get(post.src_uri, "")), LINES_CHARS),
            images.cover(post),
        )
        for post in posts
    )
    return Screen(
        settings.unit,
        slides,
        settings.contact,
        settings.contact.feedback.removeprefix("mailto:"),
        tuple(screen_codes(settings, posts, base_url, procedures)),
        settings.screen,
        urls.screen(settings.section),
    )


def screen_codes(settings: Settings, posts: list[Post], base_url: str, procedures: bool) -> list[Code]:
    """The national public-service portal, the unit's procedures (when it has some), the latest post."""
    codes = [_code(settings.screen.portal_url, ui.text("screen_qr_portal"))]
    if procedures:
        codes.append(_code(base_url + urls.procedures(), ui.text("screen_qr_procedures")))
    if posts:
        codes.append(_code(base_url + posts[0].url, ui.text("screen_qr_latest")))
    return codes


def build_notice(settings: Settings, post: Post, body: str, base_url: str) -> Notice:
    code = _code(base_url + post.url, ui.text("notice_qr"))
    return Notice(post, settings.unit, settings.contact.parent, body, code)


def _code(url: str, caption: str) -> Code:
    return Code(url, caption, qr.svg(url, label=f"{caption}: {url}"))


def build_procedure_notice(settings: Settings, page: ProcedurePage, body: str, base_url: str) -> ProcedureNotice:
    """The code opens the online service where there is one, else the procedure's page."""
    online = page.procedure.online
    code = _code(online, ui.text("notice_qr_online")) if online else _code(base_url + page.url, ui.text("notice_qr"))
    return ProcedureNotice(page, settings.unit, settings.contact.parent, body, code)
