"""`<img>` tags in editors' HTML, read as a browser reads them (for the files a post uses, and `<picture>`)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = attrs

    handle_startendtag = handle_starttag


def tag_attrs(tag: str) -> dict[str, str | None]:
    """Attributes of one `<img …>` tag, entities decoded; `None` for a bare attribute."""
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    return dict(reader.attrs)
