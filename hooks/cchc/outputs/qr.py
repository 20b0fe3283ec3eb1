"""QR codes to a page or an online service, drawn here (segno) as inline SVG: no network, no image file.

Every QR code of the site (procedures, the reception screen, printed notices) comes from `svg`.
"""

from __future__ import annotations

import io

import segno

from ..text import ui


def svg(url: str, *, label: str | None = None, scale: int = 4) -> str:
    """An `<svg role="img">` encoding `url` exactly, named `label` (default: "Mã QR mở <url>").

    Error correction M keeps a code readable from a slightly worn print-out; the quiet zone is the
    standard 4 modules, so phones read it on any background.
    """
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=scale,
        border=4,
        xmldecl=False,
        svgns=True,
        title=label if label is not None else label_for(url),
        nl=False,
        svgclass="cchc-qr",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    # A viewBox lets CSS size the code (the reception screen sizes it to the screen's height).
    width, height = code.symbol_size(scale=scale, border=4)
    return out.getvalue().decode("utf-8").replace("<svg ", f'<svg role="img" viewBox="0 0 {width} {height}" ', 1)


def png(url: str, *, scale: int = 8) -> bytes:
    """The same code as PNG bytes, for print-ready files and tests that decode it."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def label_for(url: str) -> str:
    """The accessible name of a code: what scanning it opens."""
    return ui.text("qr_label", url=url)
