"""All posts of the site: loading, cross-file checks and the indexes listings need."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from ..config.errors import Collector
from ..config.settings import Area, Settings
from ..config.values import repeats
from ..readers.posts import POST_SUFFIXES, Post, read_post
from ..readers.sources import LINK_OUT, leaves_project
from ..text.vntext import slugify

T = TypeVar("T")


@dataclass(frozen=True)
class Tag:
    slug: str
    label: str


@dataclass
class Section:
    """The posts a build shows, newest first, with every index built in one pass."""

    posts: list[Post]  # shown in this build, newest first
    by_area: dict[str, list[Post]] = field(default_factory=dict)
    by_tag: dict[str, list[Post]] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    by_year: dict[int, list[Post]] = field(default_factory=dict)
    by_month: dict[tuple[int, int], list[Post]] = field(default_factory=dict)
    neighbours: dict[str, tuple[Post | None, Post | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, posts: list[Post]) -> Section:
        ordered = sorted(posts, key=lambda p: (p.date, p.source), reverse=True)
        section = cls(ordered)
        by_area, by_tag = defaultdict(list), defaultdict(list)
        by_year, by_month = defaultdict(list), defaultdict(list)
        for i, post in enumerate(ordered):
            for area in post.areas:
                by_area[area.key].append(post)
            for label in post.tags:
                slug = slugify(label)
                if slug:
                    by_tag[slug].append(post)
            by_year[post.local_date.year].append(post)
            by_month[(post.local_date.year, post.local_date.month)].append(post)
            newer = ordered[i - 1] if i > 0 else None
            older = ordered[i + 1] if i + 1 < len(ordered) else None
            section.neighbours[post.src_uri] = (older, newer)
        # A tag's label is how its oldest post wrote it: stable as posts are added.
        for slug, tagged in by_tag.items():
            oldest = tagged[-1]
            label = next(t for t in oldest.tags if slugify(t) == slug)
            section.tags[slug] = Tag(slug, label)
        section.by_area = dict(by_area)
        section.by_tag = dict(by_tag)
        section.by_year = dict(by_year)
        section.by_month = dict(by_month)
        return section

    def area_posts(self, area: Area) -> list[Post]:
        return self.by_area.get(area.key, [])


def post_files(base: Path) -> tuple[list[Path], list[Path]]:
    """One walk of `base`: the post files (`.md`/`.markdown`, any case, any depth), and the
    ones saved as `.md.txt` (Notepad's "Save as"), which are not read but warned about."""
    posts, as_text = [], []
    for path in sorted(base.rglob("*")):
        name = path.name.lower()
        if name.endswith(POST_SUFFIXES):
            posts.append(path)
        elif name.endswith((".md.txt", ".markdown.txt")):
            as_text.append(path)
    return posts, as_text


def load_posts(root: Path, settings: Settings, problems: Collector) -> list[Post]:
    """Every readable post under `posts/`, at any depth; problems are collected."""
    base = root / settings.posts_dir
    posts: list[Post] = []
    if not base.is_dir():
        return posts
    files, as_text = post_files(base)
    for path in as_text:
        problems.warning(
            path.relative_to(root).as_posix(),
            "Tệp có đuôi .txt nên không được đăng; hãy đổi tên cho đuôi là .md (bỏ phần .txt).",
        )
    for post in read_files(root, files, partial(read_post, settings=settings, problems=problems), problems):
        posts.append(replace(post, section=settings.section))  # its URL is under the site's section
    _check_unique_slugs(posts, problems)
    return posts


def _check_unique_slugs(posts: list[Post], problems: Collector) -> None:
    for post, first in repeats(posts, lambda post: post.slug):
        problems.error(
            post.source,
            f'Đường dẫn (slug) "{post.slug}" trùng với bài {first.source}; '
            "hãy đổi tiêu đề hoặc thêm `slug:` khác cho một trong hai bài.",
            "slug",
            post.lines.get("slug") or post.lines.get("title"),
        )


def read_files(root: Path, files: list[Path], read: Callable[[Path, str], T | None], problems: Collector) -> list[T]:
    """What `read(path, source)` makes of each file (posts, documents); a file linking out of the project: an error."""
    found = []
    for path in files:
        source = path.relative_to(root).as_posix()
        if leaves_project(path, root):
            problems.error(source, LINK_OUT)
            continue
        item = read(path, source)
        if item is not None:
            found.append(item)
    return found


def visible_posts(posts: list[Post], now: datetime, preview: bool) -> list[Post]:
    """Published posts; a preview (`mkdocs serve`) also shows drafts and scheduled ones."""
    return [p for p in posts if preview or p.is_published(now)]
