"""`<img>` tags in a post's HTML: reading them, and turning processed ones into `<picture>`.

The `<picture>` markup itself is the `picture` macro of `overrides/cchc/_picture.html`;
this module only finds the tags, matches them to processed images and passes the values.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Protocol
from urllib.parse import unquote, urlsplit

from ..readers.htmltags import IMG_TAG, tag_attrs

# Set from the processed image; an editor's value would contradict the file.
_REPLACED = frozenset({"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"})


class _Sized(Protocol):
    # Read-only: a processed image (`images.PostImage`, frozen) derives its size from its files.
    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...


def local_ref(src: str) -> str | None:
    """The file a `src` names relative to the post, normalised; `None` for web addresses."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return posixpath.normpath(unquote(parts.path))


def rewrite_images(
    html: str, images: Mapping[str, _Sized], render: Callable[..., str], *, eager_first: bool = False
) -> str:
    """Replace each `<img>` whose file was processed by `render(image=…, alt=…, …)`.

    Images load lazily except the first one when `eager_first` (a post without a
    cover starts with it, above the fold). Other attributes (title, class, id)
    are kept; an editor's numeric `width` is kept and the height follows it.
    """
    seen = 0

    def replace(found: re.Match[str]) -> str:
        nonlocal seen
        attrs = tag_attrs(found.group(0))
        ref = local_ref(attrs.get("src") or "")
        image = images.get(ref) if ref else None
        if image is None:
            return found.group(0)
        seen += 1
        width, height = image.width, image.height
        wanted = (attrs.get("width") or "").strip()
        if wanted.isdigit() and 0 < int(wanted) < image.width:
            width, height = int(wanted), max(1, round(image.height * int(wanted) / image.width))
        return str(
            render(
                image=image,
                alt=attrs.get("alt") or "",
                loading="eager" if eager_first and seen == 1 else "lazy",
                width=width,
                height=height,
                attrs=[(name, value) for name, value in attrs.items() if name not in _REPLACED],
            )
        )

    return IMG_TAG.sub(replace, html)
