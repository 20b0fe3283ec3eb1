"""Markdown outside MkDocs' pages (post summaries), with the site's own extensions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import markdown
from markdown.extensions import Extension

from .safehtml import site_html


class MarkdownRenderer:
    # `configs`: each extension's own options (MkDocs' `mdx_configs`), of types only it knows.
    def __init__(self, extensions: Sequence[str | Extension], configs: Mapping[str, Mapping[str, Any]]) -> None:
        # No table of contents ids inside summaries: they are not the page's headings.
        exts = [e for e in extensions if e != "toc"]
        self._md = markdown.Markdown(extensions=exts, extension_configs=configs)

    def html(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)


# `cchc serve` builds again at every save in the same process: summaries that did not change are not
# rendered again. Keyed by the extensions' settings, then by the summary's text; pruned to the last build's.
_SUMMARIES: dict[str, dict[str, str]] = {}


def summaries_html(
    extensions: Sequence[str | Extension], configs: Mapping[str, Mapping[str, Any]], texts: Sequence[str]
) -> list[str]:
    """Each summary's HTML, sanitised (`site_html`), rendered only when this process has not yet done so."""
    recipe = repr((extensions, configs))
    known = _SUMMARIES.get(recipe, {})
    renderer: MarkdownRenderer | None = None
    done: dict[str, str] = {}
    for text in texts:
        if text not in done:
            if text not in known:
                renderer = renderer or MarkdownRenderer(extensions, configs)
                known[text] = site_html(renderer.html(text))
            done[text] = known[text]
    _SUMMARIES.clear()
    _SUMMARIES[recipe] = done
    return [done[text] for text in texts]
