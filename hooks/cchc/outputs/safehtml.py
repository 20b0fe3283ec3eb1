"""Editors' HTML made safe: on the site, and handed to others (the portal's feed reader, an email).

Posts are written by editors who paste from Word and web pages, so their HTML can
carry anything. nh3 (ammonia) keeps a known-safe subset: no scripts, styles,
frames, event handlers or `javascript:` URLs. Relative URLs are rewritten by the
caller (absolute for feeds, local copies for the submission package), and
characters XML cannot hold are dropped so the output always parses.

On the site itself (`site_html`) the same rules apply to every page body and
summary, keeping what the site's Markdown produces: headings with their ids
and permalinks, tables and their alignment, images and `<picture>`, footnotes,
admonitions, `attr_list` classes and ids.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed with everything inside them, not just unwrapped.
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "frame", "object", "embed", "noscript", "template", "svg", "math", "textarea"}
)
# Outside XML 1.0's character set, plus C0/C1 controls and DEL (allowed by XML 1.0, meaningless
# in text, and what Word leaves behind).
_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Python-Markdown's `toc` permalink after each heading: a "¶" that means nothing outside the page.
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def xml_text(text: str) -> str:
    """NFC text without characters XML cannot hold or that Word pasted in."""
    return _NOT_XML.sub("", unicodedata.normalize("NFC", text))


def clean_html(fragment: str, resolve: Callable[[str], str | None]) -> str:
    """Sanitised HTML; `resolve` maps each relative URL to its new value (None drops it)."""
    fragment = _HEADERLINK.sub("", xml_text(fragment))
    cleaned = nh3.clean(
        fragment,
        clean_content_tags=set(_DROP_WITH_CONTENT),
        url_schemes=set(URL_SCHEMES),
        url_relative=resolve,
    )
    # Entities such as `&#1;` decode to control characters while parsing: drop them too.
    return xml_text(cleaned).strip()


# What the site's Markdown extensions (mkdocs.yml) write, plus editors' usual inline HTML.
_SITE_TAGS = nh3.ALLOWED_TAGS | {"picture", "source", "section"}
_SITE_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding", "fetchpriority"},
    "source": {"srcset", "sizes", "type", "media"},
    "th": {"style", "scope", "colspan", "rowspan"},  # tables' `style="text-align: …"`
    "td": {"style", "colspan", "rowspan"},
    "details": {"open"},
}


# Built once: `nh3.clean` builds its rules again at every call, a third of its time on a post page.
_SITE_CLEANER = nh3.Cleaner(
    tags=set(_SITE_TAGS),
    clean_content_tags=set(_DROP_WITH_CONTENT),
    attributes=_SITE_ATTRIBUTES,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    filter_style_properties={"text-align"},
)
_TEXT_CLEANER = nh3.Cleaner(tags=set(), clean_content_tags=set(_DROP_WITH_CONTENT))


def site_html(fragment: str) -> str:
    """A page body or summary for the site: no script, style, frame, event handler or `javascript:`."""
    return _SITE_CLEANER.clean(fragment)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment on one line (feed descriptions, README)."""
    text = _TEXT_CLEANER.clean(xml_text(fragment))
    return " ".join(xml_text(html.unescape(text)).split())
