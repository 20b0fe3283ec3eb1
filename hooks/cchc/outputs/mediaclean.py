"""Video and audio published without the metadata phones and recorders write into them.

A phone's MP4 carries where it was filmed (`©xyz`: +12.2388+109.1967/), the camera's
make and model and the recording date, in the `udta` (user data) and `meta` boxes of
its `moov`; an MP3 carries ID3 tags (artist, comments, pictures); a WebM its `Tags`.
As photos lose EXIF, these are blanked before publishing:

- MP4/M4A (ISO BMFF): each `udta` and `meta` box of `moov` and of its tracks, and a
  top-level XMP `uuid` box, becomes a `free` box of the same size, filled with zeros.
  Nothing moves, so the sample offsets (`stco`/`co64`) stay right and the file plays as
  before, without re-encoding;
- WebM (Matroska): each `Tags` element of the segment becomes a `Void` element of the
  same length;
- MP3: the ID3v2 tag at the start and the ID3v1 tag at the end are removed (MP3 frames
  stand alone; players need neither).

The sound and pictures are untouched, byte for byte. The same input gives the same
bytes. Files whose structure does not add up are refused (ValueError, in Vietnamese).
"""

from __future__ import annotations

from collections.abc import Iterator

# Boxes that hold others, on the way to the tracks' user data.
_MP4_CONTAINERS = frozenset({b"moov", b"trak"})
_MP4_PRIVATE = frozenset({b"udta", b"meta"})
_XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")  # Adobe's XMP box
_EBML_SEGMENT = 0x18538067
_EBML_TAGS = 0x1254C367
_EBML_VOID = 0xEC
_BROKEN = "cấu trúc tệp {kind} không đọc được (tệp hỏng hoặc bị cắt dở); hãy xuất lại tệp."


def clean_mp4(data: bytes) -> bytes:
    """An MP4 or M4A with its user data and metadata boxes blanked in place."""
    out = bytearray(data)
    for start, size, kind, header in _mp4_boxes(out, 0, len(out)):
        if kind == b"moov":
            _blank_mp4_private(out, start + header, start + size)
        elif kind == b"meta" or (kind == b"uuid" and out[start + header : start + header + 16] == _XMP_UUID):
            _blank(out, start, size, header)
    return bytes(out)


def _blank_mp4_private(out: bytearray, start: int, end: int) -> None:
    for box, size, kind, header in _mp4_boxes(out, start, end):
        if kind in _MP4_PRIVATE:
            _blank(out, box, size, header)
        elif kind in _MP4_CONTAINERS:
            _blank_mp4_private(out, box + header, box + size)


def _mp4_boxes(buf: bytearray, start: int, end: int) -> Iterator[tuple[int, int, bytes, int]]:
    """(offset, size, type, header length) of each box between `start` and `end`."""
    pos = start
    while pos + 8 <= end:
        size, kind, header = int.from_bytes(buf[pos : pos + 4], "big"), bytes(buf[pos + 4 : pos + 8]), 8
        if size == 1:
            size, header = int.from_bytes(buf[pos + 8 : pos + 16], "big"), 16
        elif size == 0:
            size = end - pos  # to the end of the file
        if size < header or pos + size > end:
            raise ValueError(_BROKEN.format(kind="MP4"))
        yield pos, size, kind, header
        pos += size


def _blank(out: bytearray, start: int, size: int, header: int) -> None:
    """The box becomes `free` of the same size: its type changed, its content zeroed."""
    out[start + 4 : start + 8] = b"free"
    out[start + header : start + size] = bytes(size - header)


def clean_mp3(data: bytes) -> bytes:
    """An MP3 without its ID3v2 tags at the start and its ID3v1 tag at the end."""
    while data[:3] == b"ID3" and len(data) >= 10:
        size = 0
        for byte in data[6:10]:
            if byte & 0x80:
                raise ValueError(_BROKEN.format(kind="MP3"))
            size = size << 7 | byte  # "synchsafe": 7 bits a byte
        footer = 10 if data[5] & 0x10 else 0
        data = data[10 + size + footer :]
    if len(data) >= 128 and data[-128:-125] == b"TAG":
        data = data[:-128]
    return data


def clean_webm(data: bytes) -> bytes:
    """A WebM whose `Tags` elements are `Void` elements of the same length."""
    out = bytearray(data)
    pos = 0
    while pos < len(out):
        element, size, header = _ebml_element(out, pos)
        if element == _EBML_SEGMENT:
            _void_tags(out, pos + header, len(out) if size is None else pos + header + size)
            return bytes(out)
        if size is None:
            break
        pos += header + size
    return bytes(out)


def _void_tags(out: bytearray, start: int, end: int) -> None:
    pos = start
    while pos < end:
        element, size, header = _ebml_element(out, pos)
        if size is None:
            return  # a live recording's cluster of unknown length: nothing after it can be found
        if element == _EBML_TAGS:
            total = header + size
            width = min(header - 1, 8)  # the Void's size field fills what the ID and size took, up to 8 bytes
            out[pos] = _EBML_VOID
            out[pos + 1 : pos + 1 + width] = ((1 << (7 * width)) | (total - 1 - width)).to_bytes(width, "big")
            out[pos + 1 + width : pos + total] = bytes(total - 1 - width)
        pos += header + size


def _ebml_element(buf: bytearray, pos: int) -> tuple[int, int | None, int]:
    """(ID, data size or None when unknown, header length) of the EBML element at `pos`."""
    element, id_len = _vint(buf, pos, keep_marker=True)
    size, size_len = _vint(buf, pos + id_len, keep_marker=False)
    unknown = size == (1 << (7 * size_len)) - 1
    if not unknown and pos + id_len + size_len + size > len(buf):
        raise ValueError(_BROKEN.format(kind="WebM"))
    return element, None if unknown else size, id_len + size_len


def _vint(buf: bytearray, pos: int, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer: (value, length in bytes)."""
    if pos >= len(buf) or buf[pos] == 0:
        raise ValueError(_BROKEN.format(kind="WebM"))
    length = 8 - buf[pos].bit_length() + 1
    value = int.from_bytes(buf[pos : pos + length], "big")
    if len(buf) < pos + length:
        raise ValueError(_BROKEN.format(kind="WebM"))
    return (value if keep_marker else value & ((1 << (7 * length)) - 1)), length
