"""The section's URL scheme: every public path of the section, written here only.

A path is site-relative and ends in `/` for a page (`cchc/2026/03/<slug>/`);
`src_uri` gives the generated page's file for MkDocs (`cchc/2026/03/<slug>/index.md`).
The section's base path is the setting `extra.cchc.section` (default `cchc`): every
function takes it first. Public addresses: keep them stable, citizens and feed readers
keep links to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

DEFAULT_SECTION = "cchc"


@dataclass(frozen=True)
class Crumb:
    """A link as pages show it: its words and site-relative URL (breadcrumbs, previous/next)."""

    title: str
    url: str


def src_uri(url: str) -> str:
    """The generated page's file for MkDocs: `<url>index.md`."""
    return f"{url}index.md"


def home(section: str) -> str:
    return f"{section}/"


def post(section: str, day: date, slug: str) -> str:
    """A post's page, under the month of its local date."""
    return f"{section}/{day.year}/{day.month:02d}/{slug}/"


def page(section: str, number: int) -> str:
    """A page of the list of every post, newest first."""
    return f"{section}/trang/{number}/"


def area(section: str, key: str) -> str:
    return f"{section}/linh-vuc/{key}/"


def tag(section: str, slug: str) -> str:
    return f"{section}/the/{slug}/"


def year(section: str, number: int) -> str:
    """The archive of a year's posts."""
    return f"{section}/{number}/"


def month(section: str, year_number: int, number: int) -> str:
    """The archive of a month's posts."""
    return f"{section}/{year_number}/{number:02d}/"


def plans(section: str) -> str:
    return f"{section}/ke-hoach/"


def plan(section: str, plan_id: str) -> str:
    return f"{plans(section)}{plan_id}/"


def calendar(section: str) -> str:
    return f"{section}/lich/"


def calendar_year(section: str, number: int) -> str:
    return f"{calendar(section)}{number}/"


def calendar_month(section: str, year_number: int, number: int) -> str:
    return f"{calendar(section)}{year_number}/{number:02d}/"


def ics(section: str) -> str:
    """The deadline calendar staff subscribe to."""
    return f"{section}/lich.ics"


def rss(section: str) -> str:
    """The feed of every post."""
    return f"{section}/rss.xml"


def portal_feed(section: str) -> str:
    """The feed of the posts sent to the provincial portal."""
    return f"{section}/portal.xml"


# Word: the plan as its signed document, beside the plan's page.
def plan_document(section: str, plan_id: str) -> str:
    return f"{plan(section, plan_id)}{plan_id}.docx"


# Sharing, printing, video (issue 15): theme files outside the section, the same whatever `section` is.
def share_image(section: str) -> str:
    """The picture a link to a page shows on Facebook or Zalo when the page has no cover."""
    return "assets/chia-se.png"


def print_css(section: str) -> str:
    """What a page looks like printed ("in, lưu", Decree 42): the post as a clean A4 document."""
    return "assets/cchc-print.css"


def share_script(section: str) -> str:
    """Our one script: "Sao chép liên kết" and videos from YouTube/Facebook loaded on a click."""
    return "assets/javascripts/cchc-share.js"


# Reception screen and printed notices (issue 17).
NOTICE_FILE = "niem-yet.html"


def screen(section: str) -> str:
    """The reception screen: at the site's root, short to type on a TV's remote control."""
    return "man-hinh/"


def notice(section: str, day: date, slug: str) -> str:
    """A post's printable A4 notice (niêm yết), a file beside its page: the body's relative links hold."""
    return f"{post(section, day, slug)}{NOTICE_FILE}"


# What templates name in `url_for('month', 2026, 3)`.
ROUTES: dict[str, Callable[..., str]] = {
    "home": home,
    "post": post,
    "page": page,
    "area": area,
    "tag": tag,
    "year": year,
    "month": month,
    "plans": plans,
    "plan": plan,
    "calendar": calendar,
    "calendar_year": calendar_year,
    "calendar_month": calendar_month,
    "ics": ics,
    "rss": rss,
    "portal_feed": portal_feed,
    # Word
    "plan_document": plan_document,
    # Sharing, printing, video (issue 15).
    "share_image": share_image,
    "print_css": print_css,
    "share_script": share_script,
    # Reception screen and printed notices (issue 17).
    "screen": screen,
    "notice": notice,
}


@dataclass(frozen=True)
class UrlFor:
    """Templates' `url_for(name, *args)`: the site-relative path, for MkDocs' `| url` filter."""

    section: str

    def __call__(self, name: str, *args: object) -> str:
        return ROUTES[name](self.section, *args)


# Documents register (văn bản, FORMATS.md §3): the unit's site, not only its CCHC section, so
# outside the section's base path. `url_for('document', 2026, '45-kh-ttyt')` all the same.
REGISTER = "van-ban/"
# The register's filter pages, by what they filter: a year (`van-ban/2026/`), a type or an issuer by slug.
REGISTER_FILTERS = {"year": "", "type": "loai/", "issuer": "co-quan/"}


def documents() -> str:
    return REGISTER


def documents_by(key: str, value: str | int) -> str:
    """The documents of one year, type (`loai/ke-hoach/`) or issuer (`co-quan/so-y-te-tinh-mau/`)."""
    return f"{REGISTER}{REGISTER_FILTERS[key]}{value}/"


def document(year_number: int, slug: str) -> str:
    """One document, under the year it was issued, by the slug of its number (`45-kh-ttyt`)."""
    return f"{documents_by('year', year_number)}{slug}/"


def documents_rss() -> str:
    return f"{REGISTER}rss.xml"


# Procedures and contact (shared/FORMATS.md §4, §5): pages of the unit's site, outside the section.
def procedures() -> str:
    """The unit's administrative procedures (thủ tục hành chính), by field."""
    return "thu-tuc/"


def procedure(slug: str) -> str:
    """One procedure, by the slug of its file's name."""
    return f"{procedures()}{slug}/"


def contact() -> str:
    """The unit's contact, hotline and feedback channels."""
    return "lien-he/"


def _site_wide(route: Callable[..., str]) -> Callable[..., str]:
    """`url_for` passes the section first; a route outside the section does not need it."""
    return lambda _section, *args: route(*args)


_SITE_WIDE: dict[str, Callable[..., str]] = {
    "documents": documents,
    "documents_by": documents_by,
    "document": document,
    "documents_rss": documents_rss,
}
ROUTES.update({name: _site_wide(route) for name, route in _SITE_WIDE.items()})
_UNIT_ROUTES: dict[str, Callable[..., str]] = {"procedures": procedures, "procedure": procedure, "contact": contact}
ROUTES.update({name: _site_wide(route) for name, route in _UNIT_ROUTES.items()})


# Printed notices of procedures (issue 17).
def procedure_notice(slug: str) -> str:
    """A procedure's printable A4 notice, beside its page."""
    return f"{procedure(slug)}{NOTICE_FILE}"


ROUTES["procedure_notice"] = _site_wide(procedure_notice)
