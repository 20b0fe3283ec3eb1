"""Built pages read the way a browser tokenises them (html.parser), for injection tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "data", "poster", "content"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    in_head: bool
    text: str = ""  # for <script> and <title>


@dataclass
class Document:
    elements: list[Element] = field(default_factory=list)
    text: str = ""  # every text node, entities decoded: what a reader of a fragment sees

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def head(self) -> list[Element]:
        return [e for e in self.elements if e.in_head]

    @property
    def title(self) -> str:
        return self.find("title")[0].text

    def meta(self, name: str) -> str | None:
        found = self.find("meta", name=name) or self.find("meta", property=name)
        return found[0].attrs.get("content") if found else None

    def scripts(self) -> set[str]:
        """Each script as `src:…` or `inline:…`, to compare with a clean build's."""
        scripts = self.find("script")
        return {f"src:{e.attrs['src']}" if "src" in e.attrs else f"inline:{e.text.strip()}" for e in scripts}

    def event_handlers(self) -> list[tuple[str, str]]:
        return [(e.tag, name) for e in self.elements for name in e.attrs if name.startswith("on")]

    def script_urls(self) -> list[tuple[str, str, str]]:
        """`javascript:`/`vbscript:`/`data:text/html` URLs in any URL attribute, spaces and case ignored."""
        found = []
        for e in self.elements:
            for name, value in e.attrs.items():
                squeezed = "".join((value or "").split()).lower()
                if name in URL_ATTRIBUTES and squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    found.append((e.tag, name, value))
        return found


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = Document()
        self.in_head = False
        self.open: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        element = Element(tag, {k: v or "" for k, v in attrs}, self.in_head)
        self.doc.elements.append(element)
        if tag in ("script", "title"):
            self.open = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.doc.elements.append(Element(tag, {k: v or "" for k, v in attrs}, self.in_head))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if self.open is not None and tag == self.open.tag:
            self.open = None

    def handle_data(self, data: str) -> None:
        self.doc.text += data
        if self.open is not None:
            self.open.text += data


def parse(html: str | None) -> Document:
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    return reader.doc
