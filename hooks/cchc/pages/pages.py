"""What the section's pages show besides their items, computed for the templates.

The breadcrumb above each page, and the badge of a post not yet public, come from here
so that templates only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..config import urls
from ..config.urls import Crumb
from ..readers.posts import Post
from ..text.ui import STRINGS, text


def section_crumbs(section: str, *more: Crumb) -> tuple[Crumb, ...]:
    """The section's home first, then `more`, for the `breadcrumb` macro."""
    return (Crumb(STRINGS["section"], urls.home(section)), *more)


def calendar_crumbs(section: str, *more: Crumb) -> tuple[Crumb, ...]:
    return section_crumbs(section, Crumb(STRINGS["calendar"], urls.calendar(section)), *more)


def post_crumbs(post: Post) -> tuple[Crumb, ...]:
    """A post's page: the section, then the archive of the post's month."""
    day = post.local_date
    month = Crumb(text("month_of_year", month=day.month, year=day.year), urls.month(post.section, day.year, day.month))
    return section_crumbs(post.section, month)


@dataclass(frozen=True)
class Publication:
    """Templates' `unpublished(post)`: the badge of a draft or scheduled post (shown by `cchc serve`), or ""."""

    now: datetime

    def __call__(self, post: Post) -> str:
        if post.is_published(self.now):
            return ""
        return STRINGS["draft"] if post.draft else STRINGS["scheduled"]
