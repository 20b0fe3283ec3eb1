"""The unit's pages outside the CCHC section: its procedures (/thu-tuc/) and its contact (/lien-he/).

Each page is plain data (URL, title, template, what it shows), one class per kind, as the
section's listings are. A procedure's steps are its page's Markdown, so MkDocs renders them
with the site's extensions, `on_page_content` sanitises them like every body, and the site's
search finds them; everything else is laid out by the templates from these objects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import yaml

from ..config import urls
from ..config.settings import Contact, Link, Settings
from ..config.urls import Crumb
from ..outputs import qr
from ..readers.officialdocs import number_key
from ..readers.procedures import Procedure
from ..text.ui import STRINGS, text
from ..text.vntext import match_key, slugify


@dataclass(frozen=True)
class FieldGroup:
    """The procedures of one field (lĩnh vực), a heading of the index."""

    name: str
    procedures: tuple[Procedure, ...]

    @property
    def anchor(self) -> str:
        return "linh-vuc-" + (slugify(self.name) or "khac")


@dataclass(frozen=True)
class ProceduresIndex:
    """Every procedure of the unit, grouped by field; a field's procedures by name."""

    groups: tuple[FieldGroup, ...]
    unit: str
    template: str = "cchc/procedures.html"
    title: str = STRINGS["procedures_title"]

    @property
    def url(self) -> str:
        return urls.procedures()

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def description(self) -> str:
        return text("procedures_description", unit=self.unit)


@dataclass(frozen=True)
class ProcedurePage:
    """One procedure: its facts, its legal bases, where to file it online (with a QR code), its steps."""

    procedure: Procedure
    template: str = "cchc/procedure.html"
    bases: tuple[Crumb, ...] = ()  # each legal basis as written, linked (url) to the register's document if any

    @property
    def url(self) -> str:
        return self.procedure.url

    @property
    def src_uri(self) -> str:
        return self.procedure.src_uri

    @property
    def title(self) -> str:
        return self.procedure.name

    @property
    def breadcrumb(self) -> tuple[Crumb, ...]:
        return (Crumb(STRINGS["procedures_title"], urls.procedures()),)

    @property
    def facts(self) -> tuple[tuple[str, str], ...]:
        """(label, value) of each fact the procedure gives, in the order citizens ask for them."""
        p = self.procedure
        rows = (
            ("procedure_code", p.code),
            ("procedure_field", p.field),
            ("procedure_level", level_label(p.level)),
            ("procedure_duration", p.duration),
            ("procedure_fee", p.fee),
            ("procedure_where", p.where),
        )
        return tuple((STRINGS[key], value) for key, value in rows if value)

    @cached_property
    def qr_svg(self) -> str:
        """The `online` address as an inline SVG QR code ("" without one); made once per page."""
        online = self.procedure.online
        return qr.svg(online, label=text("procedure_qr_label", url=online)) if online else ""


@dataclass(frozen=True)
class ContactPage:
    """The unit's contact (`extra.cchc.contact`), its feedback channels and its public-service links."""

    unit: str
    contact: Contact
    links: tuple[Link, ...]
    template: str = "cchc/contact.html"
    title: str = STRINGS["contact_title"]

    @property
    def url(self) -> str:
        return urls.contact()

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def description(self) -> str:
        return text("contact_description", unit=self.unit)


UnitPage = ProceduresIndex | ProcedurePage | ContactPage


def level_label(level: str | None) -> str | None:
    """ "toàn trình" -> "Dịch vụ công trực tuyến toàn trình"."""
    return STRINGS["level_" + slugify(level, "_")] if level else None


def unit_pages(
    procedures: list[Procedure], settings: Settings, numbers: Mapping[str, str] | None = None
) -> list[UnitPage]:
    """The procedures index (made even with no procedure: the nav links it), a page per procedure, the contact.

    `numbers`: the register's documents, number key -> page URL, for the procedures' legal bases."""
    numbers = numbers or {}
    groups: dict[str, list[Procedure]] = {}
    for procedure in procedures:  # already by name
        groups.setdefault(procedure.field or "", []).append(procedure)
    # Fields by name, marks ignored; procedures without a field last.
    names = sorted(groups, key=lambda name: (not name, match_key(name)))
    other = STRINGS["procedures_other_field"]
    index = ProceduresIndex(tuple(FieldGroup(name or other, tuple(groups[name])) for name in names), settings.unit)
    contact = ContactPage(settings.unit, settings.contact, settings.links)
    pages = (ProcedurePage(p, bases=tuple(_basis(b, numbers) for b in p.bases)) for p in procedures)
    return [index, *pages, contact]


def _basis(basis: str, numbers: Mapping[str, str]) -> Crumb:
    """A basis naming a document of the register by its number ("Quyết định 35/QĐ-TTYT …") links it."""
    words = set(re.split(r"[\s,;:()]+", number_key(basis)))
    found = next((url for key, url in numbers.items() if key in words), "")
    return Crumb(basis, found)


def page_source(page: UnitPage) -> str:
    """Front matter naming the template; a procedure's steps as the Markdown body."""
    meta: dict[str, object] = {"title": page.title, "template": page.template}
    body = ""
    if isinstance(page, ProcedurePage):
        meta["description"] = text("procedure_description", name=page.title)
        if page.procedure.steps:
            body = f"## {STRINGS['procedure_steps']}\n\n{page.procedure.steps}"
    else:
        meta["description"] = page.description
    if isinstance(page, ProceduresIndex):
        meta["search"] = {"exclude": True}  # it repeats the names; search finds the procedures themselves
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000)
    return f"---\n{front}---\n\n{body}\n"
