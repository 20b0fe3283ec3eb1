"""Which listing pages the section has, and what each one lists.

A listing is plain data, one class per kind of page: its URL, title, template,
breadcrumb and posts. The MkDocs adapter turns each into a generated page;
templates lay it out and never ask which kind it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import urls
from ..config.settings import Area, Settings
from ..config.urls import Crumb
from ..model.collection import Section, Tag
from ..readers.posts import Post
from ..text.ui import STRINGS, text
from ..text.vndates import month_label
from .pages import section_crumbs

if TYPE_CHECKING:  # calendars.py builds its pages as listings
    from ..model.calendars import Calendar

LANDING_LATEST = 8


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    prev_url: str | None
    next_url: str | None


@dataclass(frozen=True)
class Listing:
    url: str  # site-relative: `urls`
    title: str
    posts: tuple[Post, ...] = ()
    template: str = "cchc/list.html"
    pager: Pager | None = None
    summaries: bool = False  # show summaries (paged lists) or compact rows
    description: str = ""
    hide: tuple[str, ...] = ()  # Material's `hide` (navigation, toc): room for wide pages
    breadcrumb: tuple[Crumb, ...] = ()  # the links above the title; none on the landing page
    count_shown: bool = True  # "N bài viết" under the title
    calendar_url: str | None = None  # the same posts on the calendar, when it shows that year or month
    months: tuple[Crumb, ...] = ()  # a year's archive: links to its months, newest first

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass(frozen=True)
class Landing(Listing):
    """The section's front page: the latest posts, this year's plan, this month's calendar."""


@dataclass(frozen=True)
class PagedList(Listing):
    """One page of every post, newest first."""


@dataclass(frozen=True, kw_only=True)
class AreaList(Listing):
    area: Area


@dataclass(frozen=True, kw_only=True)
class TagList(Listing):
    tag: Tag


@dataclass(frozen=True, kw_only=True)
class Archive(Listing):
    """A year's posts, with links to its months, or one month's (`month` set)."""

    year: int
    month: int | None = None


def build_listings(section: Section, settings: Settings, calendar: Calendar | None) -> list[Listing]:
    base = settings.section
    landing = Landing(
        urls.home(base),
        STRINGS["section"],
        tuple(section.posts[:LANDING_LATEST]),
        template="cchc/index.html",
        summaries=True,
        description=text("landing_description", unit=settings.unit),
        hide=("navigation", "toc"),  # the news and the calendar side by side need the width
    )
    crumbs = section_crumbs(base)
    listings: list[Listing] = [landing, *_paged(section.posts, settings.per_page, base, crumbs)]
    for area in settings.areas:
        description = text("area_description", area=area.label)
        posts = tuple(section.area_posts(area))
        listings.append(
            AreaList(
                urls.area(base, area.key), area.label, posts, description=description, breadcrumb=crumbs, area=area
            )
        )
    for slug, tag in sorted(section.tags.items()):
        title, posts = text("tag_title", tag=tag.label), tuple(section.by_tag[slug])
        listings.append(TagList(urls.tag(base, slug), title, posts, breadcrumb=crumbs, tag=tag))
    return listings + _archives(section, base, crumbs, calendar)


def _archives(section: Section, base: str, crumbs: tuple[Crumb, ...], calendar: Calendar | None) -> list[Listing]:
    found: list[Listing] = []
    for year, posts in sorted(section.by_year.items()):
        months = sorted({p.local_date.month for p in posts}, reverse=True)
        found.append(
            Archive(
                urls.year(base, year),
                text("year_archive_title", year=year),
                tuple(posts),
                breadcrumb=crumbs,
                calendar_url=urls.calendar_year(base, year) if calendar and year in calendar.years else None,
                months=tuple(Crumb(text("month_name", month=m), urls.month(base, year, m)) for m in months),
                year=year,
            )
        )
    for (year, month), posts in sorted(section.by_month.items()):
        shown = calendar is not None and calendar.has_month(year, month)
        found.append(
            Archive(
                urls.month(base, year, month),
                text("month_archive_title", month=month_label(year, month).lower()),
                tuple(posts),
                breadcrumb=crumbs,
                calendar_url=urls.calendar_month(base, year, month) if shown else None,
                year=year,
                month=month,
            )
        )
    return found


def _paged(posts: list[Post], per_page: int, base: str, crumbs: tuple[Crumb, ...]) -> list[Listing]:
    count = max(1, -(-len(posts) // per_page))
    pages: list[Listing] = []
    for number in range(1, count + 1):
        chunk = posts[(number - 1) * per_page : number * per_page]
        pager = Pager(
            number,
            count,
            urls.page(base, number - 1) if number > 1 else None,
            urls.page(base, number + 1) if number < count else None,
        )
        title = STRINGS["all_posts_title"] if number == 1 else text("all_posts_page_title", n=number)
        pages.append(
            PagedList(
                urls.page(base, number),
                title,
                tuple(chunk),
                pager=pager,
                summaries=True,
                breadcrumb=crumbs,
                count_shown=False,
            )
        )
    return pages
