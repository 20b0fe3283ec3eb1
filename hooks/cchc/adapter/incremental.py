"""`cchc serve`'s quick preview: after a save, MkDocs renders only the pages the change shows on.

`cchc serve` runs `mkdocs serve --dirty`, where MkDocs skips every page whose output is newer
than its source file (`File.is_modified`). A page we generate from memory always counts as
modified, so in the preview each generated page's source is a file of our own, rewritten
only when the page's fingerprint changes: its source plus every value its template shows,
hashed (a post as lists show it, without its body; a listing with its posts; the landing,
the plans, the register and the hand-written pages with the whole section's data).
A changed page also loses its output, which MkDocs then renders again; pages the build no
longer makes are removed. Two things MkDocs' dirty build gets wrong are put right after it:
the feeds carry every post's HTML, not only the re-rendered ones', and the search index
keeps every page's entries in the order a clean build writes them (Material's own merge
keeps one re-rendered page's entries only).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import jinja2
import jinja2.bccache
from mkdocs.structure.files import File, Files

from ..pages.listings import Landing, Listing
from ..readers.posts import Post

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ..site import SiteContent

T = TypeVar("T")

# MkDocs warns at each dirty build that navigation may be stale: here it never is.
DIRTY_WARNING = "A 'dirty' build is being performed"


class _QuietDirty(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


QUIET_DIRTY = _QuietDirty()


class _TemplateCode(jinja2.BytecodeCache):
    """Compiled templates kept in memory: `serve` makes a new Jinja environment, compiling all again, at each save.

    Jinja keys each entry by the template's name and checks its source's checksum, so an edited template is
    compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = _TemplateCode()


class Fingerprints:
    """Hashes of what pages show; a post hashed once per build, as lists show it."""

    def __init__(self, site: SiteContent) -> None:
        self.site = site
        self._cards: dict[int, bytes] = {}
        self._objects: dict[int, tuple[object, bytes]] = {}

    def of(self, *values: object) -> str:
        digest = hashlib.sha256()
        for value in values:
            self._feed(digest, value)
        return digest.hexdigest()

    def card(self, post: Post) -> bytes:
        """A post as lists and neighbours show it: every field but the body, its cover, its state."""
        known = self._cards.get(id(post))
        if known is None:
            shown = (repr(dataclasses.replace(post, body="")), post.is_published(self.site.now))
            known = hashlib.sha256(repr(shown).encode()).digest() + self.of(self.site.images.cover(post)).encode()
            self._cards[id(post)] = known
        return known

    def _feed(self, digest: hashlib._Hash, value: object) -> None:
        if isinstance(value, Post):
            digest.update(self.card(value))
            return
        names = _field_names(type(value))
        if names is not None:
            # Hashed once per build: forty calendar pages share one calendar, lists share posts' areas.
            known = self._objects.get(id(value))
            if known is None:
                part = hashlib.sha256(type(value).__qualname__.encode())
                for name in names:
                    self._feed(part, getattr(value, name))
                known = (value, part.digest())  # the object kept alive, so that its id stays its own
                self._objects[id(value)] = known
            digest.update(known[1])
        elif isinstance(value, list | tuple):
            digest.update(b"[")
            for item in value:
                self._feed(digest, item)
            digest.update(b"]")
        elif isinstance(value, dict):
            digest.update(b"{")
            for key, item in value.items():
                self._feed(digest, key)
                self._feed(digest, item)
            digest.update(b"}")
        else:
            digest.update(repr(sorted(value, key=repr) if isinstance(value, set | frozenset) else value).encode())
            digest.update(b"\0")


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's fields, None for other types (asked a million times a build: kept by type)."""
    if kind not in _FIELDS:
        fields = dataclasses.fields(kind) if dataclasses.is_dataclass(kind) else None
        _FIELDS[kind] = None if fields is None else tuple(item.name for item in fields)
    return _FIELDS[kind]


class Preview:
    """What a preview keeps from one build to the next (the hook file's `Hooks` lives as long as `serve`)."""

    def __init__(self) -> None:
        self.sources = Path(tempfile.mkdtemp(prefix="cchc-xem-thu-"))
        self.prints: dict[str, str] = {}  # generated page src_uri -> fingerprint of its last output
        self.site_print = ""  # the whole section's, for pages showing all of it
        self.last_site_print = ""
        self.outputs: set[str] = set()  # every file of the last build, in site/
        self.displays: set[Path] = set()  # the screen and notices the last build wrote (not MkDocs files)
        self.html: dict[str, str] = {}  # post and procedure page src_uri -> rendered HTML (feeds, notices)
        self.search: dict[str, list[object]] = {}  # page url -> its search index entries
        self.order: list[str] = []  # every page's url, in build order
        self.built: list[tuple[str, bool]] = []  # (url, indexed) of the pages rendered this build
        self._fingerprints: Fingerprints | None = None
        self._setup_print = ""
        self._current: dict[str, str] = {}
        self._made: dict[str, bytes] = {}  # what `reuse` made at the last build
        self._made_now: dict[str, bytes] = {}

    def close(self) -> None:
        shutil.rmtree(self.sources, ignore_errors=True)

    def start(self, site: SiteContent, config: MkDocsConfig) -> None:
        """At `on_files`: a whole new section fingerprint, the pages of this build still to come."""
        self._fingerprints = Fingerprints(site)
        prints = self._fingerprints
        today = site.now.astimezone(site.settings.timezone).date()
        self._setup_print = prints.of(_setup(config), site.settings, today)
        every = (site.section.posts, site.progress, site.calendar, site.portal, site.plans, site.register)
        self.site_print = prints.of(self._setup_print, sorted(site.handwritten.published), *every)
        self._current = {}
        self.built = []
        self._made, self._made_now = self._made_now, {}

    def page_file(self, config: MkDocsConfig, src_uri: str, source: str, item: object) -> File:
        """The generated page as a file of ours, rewritten (and its output removed) when what it shows changed."""
        assert self._fingerprints is not None, "start() runs first, at on_files"
        if isinstance(item, Post):
            site = self._fingerprints.site
            shown: tuple[object, ...] = (item, site.images.posts.get(src_uri), site.section.neighbours.get(src_uri))
        elif isinstance(item, Listing) and not isinstance(item, Landing):
            shown = (item,)
        else:
            shown = (self.site_print, item)  # the landing, the plans, the register: the whole section too
        fingerprint = self._fingerprints.of(source, self._setup_print, *shown)
        path = self.sources / src_uri
        file = File.generated(config, src_uri, abs_src_path=str(path))
        self._current[src_uri] = fingerprint
        if self.prints.get(src_uri) != fingerprint or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source, encoding="utf-8")
            _remove(file.abs_dest_path)
        return file

    def finish_files(self, files: Files) -> None:
        """After every file is added: hand-written pages follow the section; files gone lose their output."""
        if self.last_site_print != self.site_print:
            for file in files.documentation_pages():
                if file.src_uri not in self._current:
                    _remove(file.abs_dest_path)
        outputs = {file.abs_dest_path for file in files}
        for gone in self.outputs - outputs:  # a post moved or deleted, a photo replaced
            _remove(gone)
        self.prints, self.last_site_print, self.outputs = self._current, self.site_print, outputs
        # As `Page.url`, which the index's locations start with: the home page's is "", not "./".
        self.order = ["" if file.url in (".", "./") else file.url for file in files.documentation_pages()]

    def kept_html(self, contents: dict[str, str], src_uris: list[str]) -> dict[str, str]:
        """Each page's HTML (posts for the feeds and notices, procedures for theirs): this build's, else the last."""
        merged = {uri: contents.get(uri) or self.html.get(uri, "") for uri in src_uris}
        self.html = merged
        return merged

    def wrote_displays(self, paths: set[Path]) -> None:
        """After the screen and notices are written: those of posts moved or deleted since go too."""
        for gone in self.displays - paths:
            _remove(str(gone))
        self.displays = paths

    def reuse(self, make: Callable[[T], bytes], value: T) -> bytes:
        """`make(value)`, made again only when `value` changed since the last build (a plan's Word file)."""
        assert self._fingerprints is not None, "start() runs first, at on_files"
        key = f"{make.__module__}.{make.__qualname__}:{self._fingerprints.of(value)}"
        made = self._made.get(key)
        if made is None:
            made = make(value)
        self._made_now[key] = made
        return made

    def rendered(self, url: str, meta: Mapping[str, object]) -> None:
        search = meta.get("search")
        self.built.append((url, not (isinstance(search, dict) and search.get("exclude"))))

    def repair_search(self, site_dir: str) -> None:
        """Every page's entries, as a clean build orders them; this build's taken from the end of Material's."""
        path = Path(site_dir, "search", "search_index.json")
        try:
            index = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # search switched off
        fresh = _last_runs(index["docs"], sum(indexed for _, indexed in self.built))
        for url, _ in self.built:
            self.search[url] = fresh.get(url, [])
        self.search = {url: self.search[url] for url in self.order if url in self.search}
        index["docs"] = [entry for entries in self.search.values() for entry in entries]
        path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


def _last_runs(docs: list[dict[str, str]], count: int) -> dict[str, list[object]]:
    """The entries of the last `count` pages of the index: Material appends this build's pages there."""
    found: dict[str, list[object]] = {}
    for url, entries in reversed(list(_runs(docs))):
        if len(found) == count:
            break
        found.setdefault(url, entries)  # an older stretch of the same page: its entries before this build
    return found


def _runs(docs: list[dict[str, str]]) -> Iterator[tuple[str, list[object]]]:
    """(page url, its entries) for each stretch of one page's entries."""
    url: str | None = None
    entries: list[object] = []
    for entry in docs:
        page = entry["location"].split("#", 1)[0]
        if page != url and url is not None:
            yield url, entries
            entries = []
        url = page
        entries.append(entry)
    if url is not None:
        yield url, entries


def _setup(config: MkDocsConfig) -> tuple[str, list[tuple[str, int]]]:
    """mkdocs.yml and the templates: a change there renders every page again."""
    stamps = []
    if config.theme.custom_dir:
        for path in sorted(Path(config.theme.custom_dir).rglob("*")):
            if path.is_file():
                stamps.append((str(path), path.stat().st_mtime_ns))
    return Path(config.config_file_path).read_text(encoding="utf-8"), stamps


def _remove(path: str) -> None:
    if os.path.isfile(path):
        os.remove(path)
