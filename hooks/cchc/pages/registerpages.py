"""The documents register's pages: the table of every document, its filter pages, one page per document.

Plain data, one class per page kind, as `listings`: each knows its URL, title, template,
breadcrumb and entries. Filters are pages (a year, a type, an issuer) linked from every
register page, so citizens filter without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..config import urls
from ..config.urls import Crumb
from ..model.register import Entry, Register
from ..text.ui import STRINGS, text

FILTERS = (("year", "documents_by_year"), ("type", "documents_by_type"), ("issuer", "documents_by_issuer"))


@dataclass(frozen=True)
class FilterGroup:
    """One way to filter: its name and a link per value ("Kế hoạch (3)")."""

    label: str
    links: tuple[Crumb, ...]


@dataclass(frozen=True)
class RegisterList:
    """The register `/van-ban/`: every document, newest first, as a table."""

    url: str
    title: str
    entries: tuple[Entry, ...]
    filters: tuple[FilterGroup, ...]
    breadcrumb: tuple[Crumb, ...] = ()
    description: str = ""
    template: str = "cchc/register.html"

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def feed_url(self) -> str:
        return urls.documents_rss()


@dataclass(frozen=True, kw_only=True)
class RegisterFilter(RegisterList):
    """The documents of one year, one type or one issuer (`key`): a link of every register page's filters."""

    key: str  # "year", "type" or "issuer"
    value: str  # as the documents write it: "2026", "Quyết định", "Sở Y tế tỉnh Mẫu"


@dataclass(frozen=True)
class DocumentPage:
    """One document: its metadata as a definition table, its file, what cites it."""

    entry: Entry
    breadcrumb: tuple[Crumb, ...]
    template: str = "cchc/document.html"

    @property
    def url(self) -> str:
        return self.entry.url

    @property
    def title(self) -> str:
        return self.entry.document.heading

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


RegisterPage = RegisterList | DocumentPage


def register_pages(register: Register, unit: str) -> list[RegisterPage]:
    """The register (always, even empty: it is in the nav), its filter pages, one page per document."""
    crumbs = (Crumb(STRINGS["documents"], urls.documents()),)
    groups = {key: register.groups(key) for key, _ in FILTERS}
    filters = tuple(
        FilterGroup(STRINGS[label], tuple(Crumb(f"{value} ({len(found)})", url) for value, url, found in groups[key]))
        for key, label in FILTERS
        if groups[key]
    )
    description = text("documents_description", unit=unit)
    index = RegisterList(
        urls.documents(), STRINGS["documents_title"], register.entries, filters, description=description
    )
    pages: list[RegisterPage] = [index]
    for key, _ in FILTERS:
        for value, url, found in groups[key]:
            title = text(f"documents_{key}_title", value=value)
            pages.append(RegisterFilter(url, title, found, filters, crumbs, key=key, value=value))
    pages += [DocumentPage(entry, crumbs) for entry in register.entries]
    return pages


def register_page_source(page: RegisterPage) -> str:
    """Front matter naming the template; a document's introduction as its Markdown, which search indexes."""
    meta: dict[str, object] = {"title": page.title, "template": page.template}
    body = ""
    if isinstance(page, DocumentPage):
        meta["description"] = page.entry.document.description
        body = page.entry.document.body
    else:
        meta["search"] = {"exclude": True}  # lists repeat the documents' titles; search finds the documents
        if page.description:
            meta["description"] = page.description
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000)
    return f"---\n{front}---\n\n{body}\n"
