"""Editors' text on its way into Material's templates, escaped exactly once.

MkDocs renders themes without autoescaping, and Material prints a page's
`title`, `description`, `author`… and the site's name as they are, that is, as
HTML (`<meta name="description" content="{{ page.meta.description }}">`).
Editors write text: a `"` in a summary would end the attribute. Each such value
is escaped here once and marked `Markup`, so a template's own `| e` leaves it as
it is and no value is escaped twice.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping

from markupsafe import Markup, escape
from mkdocs.structure import StructureItem

from ..outputs.safehtml import site_html

# Front-matter keys Material prints unescaped (base.html's head, the header, nav items).
PRINTED_KEYS = ("title", "description", "author", "subtitle", "status")
# mkdocs.yml texts Material prints unescaped.
SITE_TEXTS = ("site_name", "site_description", "site_author")


def as_html(value: object) -> Markup:
    """`value` as HTML text: escaped, unless it already is (a `Markup`)."""
    return escape(value if isinstance(value, str) else str(value))


def escape_meta(meta: MutableMapping[str, object]) -> None:
    """Escape, in place, the page metadata Material prints."""
    for key in PRINTED_KEYS:
        if meta.get(key) is not None:
            meta[key] = as_html(meta[key])


def escape_titles(items: Iterable[StructureItem]) -> None:
    """Escape, in place, the titles mkdocs.yml's `nav` gives (sections, links, pages), at any depth."""
    for item in items:
        if item.title:  # None for a page titled by its own front matter or heading
            item.title = as_html(item.title)
        escape_titles(getattr(item, "children", None) or ())


def plain(value: str) -> str:
    """The text a value escaped by `as_html` was written as."""
    return value.unescape() if isinstance(value, Markup) else value


def safe_copyright(value: str) -> Markup:
    """`copyright` is HTML by MkDocs' design (links allowed): sanitised, never escaped."""
    return Markup(site_html(str(value)))
