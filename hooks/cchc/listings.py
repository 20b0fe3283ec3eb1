"""Which listing pages the section has, and what each one lists.

A listing is plain data: its URL, title, template and posts. The MkDocs adapter
turns each into a generated page; templates render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import urls
from .collection import Section
from .posts import Post
from .settings import Settings
from .vndates import month_label

LANDING_LATEST = 8


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    prev_url: str | None
    next_url: str | None


@dataclass(frozen=True)
class Listing:
    url: str  # site-relative, e.g. cchc/trang/2/
    title: str
    kind: str  # landing | page | area | tag | year | month
    posts: tuple[Post, ...] = ()
    template: str = "cchc/list.html"
    pager: Pager | None = None
    summaries: bool = False  # show summaries (paged lists) or compact rows
    description: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    hide: tuple[str, ...] = ()  # Material's `hide` (navigation, toc): room for wide pages

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


def build_listings(section: Section, settings: Settings) -> list[Listing]:
    base = settings.section
    listings = [
        Listing(
            urls.home(base),
            "Cải cách hành chính",
            "landing",
            tuple(section.posts[:LANDING_LATEST]),
            template="cchc/index.html",
            summaries=True,
            description=f"Tin, bài về cải cách hành chính của {settings.unit}.",
            hide=("navigation", "toc"),  # the news and the calendar side by side need the width
        )
    ]
    listings += _paged(section.posts, settings.per_page, base)
    for area in settings.areas:
        listings.append(
            Listing(
                urls.area(base, area.key),
                area.label,
                "area",
                tuple(section.area_posts(area)),
                description=f"Tin, bài thuộc lĩnh vực {area.label}.",
                data={"area": area},
            )
        )
    for slug, tag in sorted(section.tags.items()):
        listings.append(
            Listing(urls.tag(base, slug), f"Thẻ: {tag.label}", "tag", tuple(section.by_tag[slug]), data={"tag": tag})
        )
    for year, posts in sorted(section.by_year.items()):
        months = sorted({p.local_date.month for p in posts}, reverse=True)
        listings.append(
            Listing(
                urls.year(base, year),
                f"Lưu trữ năm {year}",
                "year",
                tuple(posts),
                data={"year": year, "months": months},
            )
        )
    for (year, month), posts in sorted(section.by_month.items()):
        listings.append(
            Listing(
                urls.month(base, year, month),
                f"Lưu trữ {month_label(year, month).lower()}",
                "month",
                tuple(posts),
                data={"year": year, "month": month},
            )
        )
    return listings


def _paged(posts: list[Post], per_page: int, base: str) -> list[Listing]:
    count = max(1, -(-len(posts) // per_page))
    pages = []
    for number in range(1, count + 1):
        chunk = posts[(number - 1) * per_page : number * per_page]
        pager = Pager(
            number,
            count,
            urls.page(base, number - 1) if number > 1 else None,
            urls.page(base, number + 1) if number < count else None,
        )
        title = "Tất cả tin, bài" if number == 1 else f"Tất cả tin, bài – trang {number}"
        pages.append(Listing(urls.page(base, number), title, "page", tuple(chunk), pager=pager, summaries=True))
    return pages
