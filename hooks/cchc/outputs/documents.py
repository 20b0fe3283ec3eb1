"""Attachments published without their documents' hidden metadata.

A PDF, Word, Excel or PowerPoint file carries who wrote it, who saved it last,
the company, and often the path it was saved from (`C:\\Users\\<name>\\…`), as a
photo carries GPS. As images lose EXIF, attachments lose these:

- PDF (pikepdf): the document information dictionary (/Info: author, creator,
  producer, title, dates) and every XMP metadata stream (/Metadata) of the
  document and its pages;
- Office Open XML (.docx, .xlsx, .pptx): `docProps/core.xml`, `app.xml` and
  `custom.xml` replaced by empty property sets, Excel's saved-from folder
  (`absPath` in `xl/workbook.xml`) blanked, and links to files on the author's
  disk (`file:///C:/Users/…/mau.dotx`, an attached template) cut to the file's name;
- OpenDocument (.odt, .ods, .odp): `meta.xml` replaced by an empty one.
- video and audio beside posts (.mp4, .m4a, .webm, .mp3): `mediaclean` (GPS position,
  camera, ID3 tags), nothing moved or re-encoded.

Every other part is copied byte for byte, into a zip with fixed dates, so the
same file always gives the same bytes. Old binary formats (.doc, .xls, .ppt)
and .zip are published as they are (the editors' guide says so).

Results are cached in `.cache/documents/<key>/` by the source's hash, like images.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import pikepdf

from ..config import limits
from ..config.errors import Collector
from ..readers.assets import Asset
from .cachefiles import read_entry, write_entry
from .mediaclean import clean_mp3, clean_mp4, clean_webm

PIPELINE = "1"  # bump when the bytes written change, so old cache entries are not reused

_EMPTY_PARTS = {
    "docProps/core.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        b' xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
    ),
    "docProps/app.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
    ),
    "docProps/custom.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
    ),
    "meta.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' office:version="1.2"><office:meta/></office:document-meta>'
    ),
}
# Excel 2013+ records the folder the workbook was saved from: <x15ac:absPath url="C:\Users\…\"/>.
_ABS_PATH = re.compile(rb'(<[\w.-]+:absPath\b[^>]*?\burl=)("[^"]*"|\'[^\']*\')')
_QPDF_SOURCE = re.compile(r"^stream <[^>]*>(?: \([^)]*\))?: ")
# A relationship to a file on the author's disk: Target="file:///C:\Users\…\mau.dotx".
_LOCAL_TARGET = re.compile(rb'(\bTarget=")file:[^"]*?([^"/\\]*)"')
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest date: no editing time leaks


def clean_attachments(
    attachments: Iterable[Asset], cache_dir: Path, problems: Collector, store: bool = True, label: str = "Tệp đính kèm"
) -> list[Asset]:
    """The attachments, each pointing at its cleaned copy; problems name post and line.

    With `store=False` (`cchc check`) files missing from the cache are checked, not stored.
    """
    result = []
    for asset in attachments:
        clean = _CLEANERS.get(asset.path.suffix.lower())
        if clean is None:
            result.append(asset)
            continue
        try:
            data = asset.path.read_bytes()
        except OSError as exc:
            _report(problems, asset, f"không đọc được tệp ({exc.strerror}).", label)
            continue
        key = hashlib.sha256(f"{PIPELINE}|{asset.path.suffix.lower()}|".encode() + data).hexdigest()
        name = "document" + asset.path.suffix.lower()
        if read_entry(cache_dir / key) is None:
            try:
                cleaned = clean(data)
            except ValueError as exc:
                _report(problems, asset, str(exc), label)
                continue
            if not store:
                continue
            try:
                write_entry(cache_dir, key, {name: cleaned}, {})
            except OSError as exc:
                _report(problems, asset, f"không ghi được thư mục tạm {cache_dir} ({exc.strerror}).", label)
                continue
        result.append(replace(asset, path=cache_dir / key / name))
    return result


def _report(problems: Collector, asset: Asset, message: str, label: str) -> None:
    problems.error(asset.post.source, f'{label} "{asset.ref}": {message}', asset.key, asset.line)


def clean_pdf(data: bytes) -> bytes:
    """The PDF without /Info and XMP metadata; ValueError (Vietnamese) when it cannot be read."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            for holder in (pdf.Root, *(page.obj for page in pdf.pages)):
                if "/Metadata" in holder:
                    del holder["/Metadata"]
            out = io.BytesIO()
            # The file's /ID from its content, not from the time and a random number; streams
            # copied as they are (not decoded: the pages keep their bytes, a stream bomb stays packed).
            pdf.save(out, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    except pikepdf.PasswordError:
        raise ValueError(
            "tệp PDF có mật khẩu nên không xóa được thông tin ẩn; hãy lưu lại bản không đặt mật khẩu."
        ) from None
    except pikepdf.PdfError as exc:
        detail = _QPDF_SOURCE.sub("", str(exc))  # qpdf names the in-memory stream: noise for an editor
        raise ValueError(f"tệp PDF bị hỏng, không đọc được ({detail}); hãy xuất lại tệp PDF.") from None
    return out.getvalue()


def clean_office(data: bytes) -> bytes:
    """The Office/OpenDocument zip with its property parts emptied; ValueError when it cannot be read."""
    broken = "tệp bị hỏng hoặc có mật khẩu, không mở được như tài liệu Office/OpenDocument"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            entries = source.infolist()
            unpacked = sum(e.file_size for e in entries)
            if unpacked > limits.ATTACHMENT_UNPACKED_BYTES:
                raise ValueError(
                    f"tệp giải nén ra {unpacked // limits.MB} MB, quá giới hạn "
                    f"{limits.ATTACHMENT_UNPACKED_BYTES // limits.MB} MB; có thể là tệp độc hại."
                )
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as target:
                for entry in entries:
                    if entry.is_dir():
                        continue
                    body = _EMPTY_PARTS.get(entry.filename) or source.read(entry)
                    if entry.filename == "xl/workbook.xml":
                        body = _ABS_PATH.sub(rb'\1""', body)
                    elif entry.filename.endswith(".rels"):
                        body = _LOCAL_TARGET.sub(rb'\1\2"', body)
                    info = zipfile.ZipInfo(entry.filename, _FIXED_TIME)
                    info.compress_type = entry.compress_type  # ODF's `mimetype` must stay stored
                    info.external_attr = 0o644 << 16
                    target.writestr(info, body)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise ValueError(f"{broken} ({exc}); hãy lưu lại tệp, không đặt mật khẩu.") from None
    return out.getvalue()


_CLEANERS: dict[str, Callable[[bytes], bytes]] = {
    ".pdf": clean_pdf,
    **dict.fromkeys((".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"), clean_office),
    # Video and audio beside posts (issue 15): the phone's GPS position and camera, blanked.
    **dict.fromkeys((".mp4", ".m4a"), clean_mp4),
    ".webm": clean_webm,
    ".mp3": clean_mp3,
}
