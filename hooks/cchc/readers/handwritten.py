"""Hand-written pages (`docs/`): which of its files are published, checked as posts are.

MkDocs publishes every file of `docs/`: a `draft: true` page, `gioi-thieu.md.bak`,
a `ghi-chu.txt`, a link to a file outside the project, a photo with its GPS
position. The folder is read here, with the posts, before the build touches `site/`:

- pages (`.md`) are published unless `draft: true` (then only in `cchc serve`);
- photos go through the posts' pipeline (`images.process_images`): turned upright,
  resized, every metadata removed; SVG, GIF, HEIC… are errors, as in posts;
- documents (PDF, Word, Excel, PowerPoint, OpenDocument, zip) lose their metadata
  as posts' attachments do (`documents.clean_attachments`);
- web fonts, the icon and the CSS/JavaScript files mkdocs.yml names (`extra_css`,
  `extra_javascript`) are published as they are;
- anything else (`.bak`, `.txt`, `.html`…) is left out, with a warning;
- a link (symlink) leading out of the project is an error naming the file;
- the editors' guide (`huong-dan/`) is published only when the unit asks
  (`extra.cchc.publish_guide: true`), and is never in the site's search; `cchc serve`
  always shows it, so editors can read it while writing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..config.errors import Collector
from ..config.values import BAD_FLAG, parse_flag
from ..config.yamlsource import YamlSyntaxError, parse
from .assets import ATTACHMENT_SUFFIXES, OUTPUT_FORMATS, Asset
from .posts import POST_SUFFIXES, split_front_matter
from .sources import LINK_OUT, leaves_project

GUIDE = "huong-dan/"
# Sent to the image pipeline, which publishes the first ones and explains why the others cannot be.
IMAGE_SUFFIXES = (*OUTPUT_FORMATS, ".gif", ".svg", ".svgz", ".heic", ".heif", ".avif", ".bmp", ".tif", ".tiff")
AS_IS_SUFFIXES = (".woff", ".woff2", ".ico")


@dataclass(frozen=True)
class DocsFolder:
    """The hand-written pages' folder and the theme files mkdocs.yml names in it."""

    path: Path
    named: frozenset[str] = frozenset()  # `extra_css`, `extra_javascript`: paths inside `docs/`


@dataclass(frozen=True)
class Folder:
    """Where an image of `docs/` sits: what the image pipeline asks of a post (source, url, src_uri)."""

    source: str  # the image file as editors see it, for messages
    url: str  # its folder in the site, "" or ending with /
    src_uri: str  # the image itself


@dataclass
class Handwritten:
    published: set[str] = field(default_factory=set)  # src_uris of every file the site gets from docs/
    images: list[Asset] = field(default_factory=list)  # through the image pipeline
    documents: list[Asset] = field(default_factory=list)  # through the attachments' cleaning
    processed: dict[str, Path] = field(default_factory=dict)  # src_uri -> the processed image or document


def in_guide(src_uri: str) -> bool:
    return src_uri.startswith(GUIDE)


def read_docs(docs: DocsFolder, root: Path, publish_guide: bool, preview: bool, problems: Collector) -> Handwritten:
    """Decide, file by file, what of `docs/` is published; problems name the file."""
    found = Handwritten()
    base = docs.path
    if leaves_project(base, root):
        problems.error(_shown(base, root), LINK_OUT)
        return found
    seen: set[Path] = set()
    # As MkDocs walks it: following links to folders, hidden files and folders left out.
    for folder, dirnames, filenames in os.walk(base, followlinks=True):
        here = Path(folder)
        real = here.resolve()
        if real in seen or leaves_project(here, root):
            dirnames[:] = []
            continue
        seen.add(real)
        for name in sorted(dirnames):
            if not name.startswith(".") and leaves_project(here / name, root):
                problems.error(_shown(here / name, root), LINK_OUT)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not leaves_project(here / d, root))
        for name in sorted(filenames):
            path = here / name
            src_uri = path.relative_to(base).as_posix()
            if name.startswith(".") or (in_guide(src_uri) and not (publish_guide or preview)):
                continue
            _judge(found, path, src_uri, docs, root, preview, problems)
    return found


def _judge(
    found: Handwritten, path: Path, src_uri: str, docs: DocsFolder, root: Path, preview: bool, problems: Collector
) -> None:
    source = _shown(path, root)
    suffix = path.suffix.lower()
    if leaves_project(path, root):
        problems.error(source, LINK_OUT)
    elif suffix in POST_SUFFIXES:
        if preview or not _is_draft(path, source, problems):
            found.published.add(src_uri)
    elif suffix in IMAGE_SUFFIXES or suffix in ATTACHMENT_SUFFIXES:
        folder = src_uri.rpartition("/")[0]
        asset = Asset(Folder(source, f"{folder}/" if folder else "", src_uri), path.name, path)
        (found.images if suffix in IMAGE_SUFFIXES else found.documents).append(asset)
        found.published.add(src_uri)
    elif suffix in AS_IS_SUFFIXES or src_uri in docs.named:
        found.published.add(src_uri)
    else:
        problems.warning(
            source,
            f"Không được đăng: đuôi {suffix or '(không có đuôi)'} không phải loại tệp trang web cần "
            "(trang .md, ảnh, tài liệu PDF, Word, Excel…). Nếu là bản nháp hay ghi chú, hãy chuyển ra ngoài docs/.",
        )


def _is_draft(path: Path, source: str, problems: Collector) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False  # MkDocs reports what it cannot read
    front, _, offset = split_front_matter(text)
    if front is None:
        return False
    try:
        data = parse(front, line_offset=offset)
    except YamlSyntaxError:
        return False  # MkDocs reports it
    value = data.data.get("draft") if isinstance(data.data, dict) else None
    if value is None:
        return False
    flag = parse_flag(str(value))
    if flag is None:
        problems.error(source, BAD_FLAG.format(value=value), "draft", data.line("draft"))
        return True  # unclear: not published
    return flag


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
