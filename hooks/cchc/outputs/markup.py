"""Small rewrites of a page's HTML that no template can make: post tables, the theme's toggles."""

from __future__ import annotations

import re

from ..text.ui import STRINGS, text

_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_HEAD_CELLS = re.compile(r"<th\b", re.IGNORECASE)
# Wider than this many columns, a table does not fit a 360 px phone: say that it scrolls.
PHONE_COLUMNS = 3


def wrap_tables(html: str) -> str:
    """Each outermost table in a scrollable region the keyboard can reach and a screen reader names.

    Nested tables (an editor's raw HTML) stay inside their parent's region.
    """
    out: list[str] = []
    depth, last, number, start = 0, 0, 0, 0
    for tag in _TABLE_TAG.finditer(html):
        if not tag.group(1):
            if depth == 0:
                out.append(html[last : tag.start()])
                last = start = tag.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                number += 1
                table = html[start : tag.end()]
                first_row = table.split("</tr>", 1)[0]
                label = text("table_region", n=number)
                if len(_HEAD_CELLS.findall(first_row)) > PHONE_COLUMNS:
                    # Shown on phones only (cchc.css); a screen reader hears the region's name instead.
                    out.append(f'<p class="cchc-table-hint" aria-hidden="true">{STRINGS["table_hint"]}</p>')
                out.append(f'<div class="cchc-table" role="region" tabindex="0" aria-label="{label}">{table}</div>')
                last = tag.end()
    if depth:  # unclosed table: leave the page as the browser would read it
        return html
    out.append(html[last:])
    return "".join(out)


# Material 9.8.1's base.html gives its drawer and search checkboxes `autocomplete="off"`, an attribute
# HTML allows on text-like inputs only (the Nu checker's error on every page); no partial reaches them.
_CHECKBOX_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">'
)


def drop_checkbox_autocomplete(html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1>", html)
