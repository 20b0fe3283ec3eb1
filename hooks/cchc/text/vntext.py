"""Vietnamese text: normalisation, mark folding and ASCII slugs."""

from __future__ import annotations

import functools
import re
import unicodedata

# `đ` is a letter of its own, not `d` plus a mark: NFD does not split it.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nfc(text: str) -> str:
    """Text as editors meant it: NFC, without control characters pasted from Word."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """Remove Vietnamese marks: `Cải cách Đ` -> `Cai cach D` (case kept)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_key(text: str) -> str:
    """A key for forgiving comparisons: no marks, lower case, single spaces."""
    return " ".join(fold(nfc(text)).casefold().split())


SLUG_MAX = 80  # characters: file names have limits (255 bytes), and addresses are read by people


@functools.lru_cache(maxsize=8192)  # every page links its post's tags and areas by slug
def slugify(text: str, separator: str = "-") -> str:
    """ASCII slug: marks removed, `đ` -> `d`, lower case, hyphens; at most SLUG_MAX, cut at a word."""
    slug = _NON_SLUG.sub(separator, fold(nfc(text)).lower()).strip(separator)
    if len(slug) > SLUG_MAX:
        cut = slug[: SLUG_MAX + 1]
        slug = cut[: cut.rfind(separator)] if separator in cut else slug[:SLUG_MAX]
    return slug


def heading_slug(value: str, separator: str) -> str:
    """Python-Markdown `toc` slugify that keeps `đ` as `d` (the default drops it)."""
    return slugify(value, separator)
