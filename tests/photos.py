"""Image files for tests: phone-like photos with metadata, transparent PNGs, broken files."""

from __future__ import annotations

import io
import struct

from PIL import Image, ImageCms

RED, BLUE = (220, 20, 20), (20, 20, 220)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def phone_jpeg(size: tuple[int, int] = (400, 300), orientation: int = 6) -> bytes:
    """A landscape JPEG as a phone stores it: red left half, blue right half, with GPS, camera,
    orientation, XMP, an ICC profile, a comment and an IPTC block."""
    im = Image.new("RGB", size, BLUE)
    im.paste(RED, (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0132] = "2026:03:12 08:30:00"  # DateTime
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (12.0, 29.0, 30.5), 3: "E", 4: (109.0, 7.0, 12.25)})
    out = io.BytesIO()
    im.save(
        out,
        "JPEG",
        quality=90,
        exif=exif.tobytes(),
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
        comment=b"Chup tai khoa Cap cuu",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>',
        extra=_iptc_segment(b"Nguyen Van A"),
    )
    return out.getvalue()


def _iptc_segment(byline: bytes) -> bytes:
    """An APP13 (Photoshop/IPTC) segment carrying a By-line record."""
    record = b"\x1c\x02\x50" + struct.pack(">H", len(byline)) + byline
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    payload = b"Photoshop 3.0\x00" + block
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def transparent_png(size: tuple[int, int] = (300, 200)) -> bytes:
    """RGBA: the left half fully transparent, the right half opaque red."""
    im = Image.new("RGBA", size, (0, 0, 0, 0))
    im.paste((*RED, 255), (size[0] // 2, 0, size[0], size[1]))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def plain(fmt: str = "JPEG", size: tuple[int, int] = (120, 90), color=BLUE) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def jpeg_markers(data: bytes) -> list[int]:
    """The marker codes of a JPEG's header segments, up to the start of the scan."""
    markers, i = [], 2
    while i < len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: pixel data follows
            break
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        i += 2 + length
    return markers


APP1, APP2, APP13, COM = 0xE1, 0xE2, 0xED, 0xFE
