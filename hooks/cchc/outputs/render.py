"""Markdown outside MkDocs' pages (post summaries), with the site's own extensions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import markdown
from markdown.extensions import Extension


class MarkdownRenderer:
    # `configs`: each extension's own options (MkDocs' `mdx_configs`), of types only it knows.
    def __init__(self, extensions: Sequence[str | Extension], configs: Mapping[str, Mapping[str, Any]]) -> None:
        # No table of contents ids inside summaries: they are not the page's headings.
        exts = [e for e in extensions if e != "toc"]
        self._md = markdown.Markdown(extensions=exts, extension_configs=configs)

    def html(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)
