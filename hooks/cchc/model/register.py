"""The documents register: every document, what cites it, and its indexes (year, type, issuer).

Read and checked with the rest of the site (`model.site`), before MkDocs writes anything:
the files, the duplicates, the posts' `documents:` and the documents' `plan`/`tasks`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import quote

from ..config import urls
from ..config.errors import Collector
from ..config.settings import Settings
from ..readers.assets import Asset
from ..readers.officialdocs import DOCUMENTS_DIR, Document, check_unique, number_key, read_document
from ..readers.plans import Plan, Task
from ..readers.posts import Post
from ..text.vntext import slugify
from .collection import post_files, read_files


def load_documents(root: Path, settings: Settings, problems: Collector) -> list[Document]:
    """Every readable `documents/**/*.md` (the posts' walk: any depth, `.md` in any case), newest first."""
    base = root / DOCUMENTS_DIR
    if not base.is_dir():
        return []
    found = read_files(
        root, post_files(base)[0], partial(read_document, settings=settings, problems=problems), problems
    )
    check_unique(found, problems)
    return sorted(found, key=lambda d: (d.issued, d.source), reverse=True)


@dataclass(frozen=True)
class FileInfo:
    """The published file, as the register shows it: "PDF, 1,2 KB"."""

    url: str  # site-relative, percent-encoded
    kind: str  # "PDF", "DOCX"
    size: int  # bytes, as published (metadata removed)

    @property
    def size_text(self) -> str:
        if self.size < 1024 * 1024:
            return f"{self.size / 1024:.1f} KB".replace(".", ",")
        return f"{self.size / 1024 / 1024:.1f} MB".replace(".", ",")


@dataclass(frozen=True)
class CitedTask:
    """A plan's task the document is the output of: linked to its row of the Phụ lục."""

    plan: Plan
    task: Task


@dataclass(frozen=True)
class Entry:
    """One document with what the build found about it."""

    document: Document
    file: FileInfo | None
    expired: bool  # by the build's local date
    posts: tuple[Post, ...] = ()  # published posts whose `documents` name it, newest first
    tasks: tuple[CitedTask, ...] = ()
    plans: tuple[Plan, ...] = ()  # plans whose `number` is this document's

    @property
    def url(self) -> str:
        return self.document.url


@dataclass(frozen=True)
class Register:
    entries: tuple[Entry, ...] = ()  # newest first
    by_number: dict[str, tuple[Entry, ...]] = field(default_factory=dict)  # `number_key` -> entries

    def document_urls(self) -> dict[str, str]:
        """Number key -> the page of its (newest) document: what procedures' legal bases link to."""
        return {key: entries[0].document.url for key, entries in self.by_number.items() if entries}

    def numbered(self, number: str | None) -> tuple[Entry, ...]:
        """The documents with this number (a plan's, a post's `documents` item)."""
        return self.by_number.get(number_key(number), ()) if number else ()

    def cited_by(self, post: Post) -> tuple[Entry, ...]:
        return tuple(e for number in dict.fromkeys(post.documents) for e in self.numbered(number))

    def groups(self, key: str) -> list[tuple[str, str, tuple[Entry, ...]]]:
        """(label, filter page URL, entries newest first) by `year` (newest first), `type` or `issuer`.

        Types and issuers group by slug: "Kế hoạch" and "kế hoạch" are one page, named as first written.
        """
        found: dict[str, list[Entry]] = {}
        labels: dict[str, str] = {}
        for entry in reversed(self.entries):  # the oldest spelling names the group: stable as documents come
            value = str(entry.document.issued.year) if key == "year" else getattr(entry.document, key)
            group = value if key == "year" else slugify(value)
            if group:
                labels.setdefault(group, value)
                found.setdefault(group, []).insert(0, entry)
        ordered = sorted(found, reverse=key == "year")  # years newest first, names by their slug
        return [(labels[g], urls.documents_by(key, g), tuple(found[g])) for g in ordered]


def build_register(
    documents: list[Document], files: Iterable[Asset], posts: Iterable[Post], plans: Iterable[Plan], today: date
) -> Register:
    """Entries of every document, with its file (as published), citing posts, tasks and plans."""
    published = {asset.post.source: asset for asset in files}
    plans = list(plans)
    citing: dict[str, list[Post]] = {}
    for post in sorted(posts, key=lambda p: (p.date, p.source), reverse=True):
        for number in dict.fromkeys(number_key(n) for n in post.documents):
            citing.setdefault(number, []).append(post)
    entries = []
    for document in documents:
        asset = published.get(document.source)
        info = None
        if asset is not None and asset.path.is_file():
            kind = asset.ref.rsplit(".", 1)[-1].upper()
            info = FileInfo(quote(asset.src_uri), kind, asset.path.stat().st_size)  # a file name is any text
        key = number_key(document.number)
        entries.append(
            Entry(
                document,
                info,
                document.expired(today),
                tuple(citing.get(key, ())),
                _tasks(document, plans),
                tuple(p for p in plans if p.number and number_key(p.number) == key),
            )
        )
    by_number: dict[str, tuple[Entry, ...]] = {}
    for entry in entries:
        key = number_key(entry.document.number)
        by_number[key] = (*by_number.get(key, ()), entry)
    return Register(tuple(entries), by_number)


def _tasks(document: Document, plans: list[Plan]) -> tuple[CitedTask, ...]:
    plan = next((p for p in plans if p.id == document.plan), None)
    if plan is None:
        return ()
    return tuple(CitedTask(plan, task) for stt in document.tasks for task in plan.find_tasks(stt)[:1])
