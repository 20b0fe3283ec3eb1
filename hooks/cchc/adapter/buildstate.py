"""What one MkDocs build carries from event to event, and the steps the hook file calls.

The hook file (`hooks/cchc_hooks.py`) holds one `Hooks` object; each MkDocs event
is a method of it calling one step here. Only MkDocs' public API is used
(`File.generated`, the config's theme environment, the events' arguments).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..config import urls
from ..config.clock import build_now
from ..config.errors import Collector, ContentErrors
from ..config.settings import read_settings
from ..model.portal import PortalReport
from ..outputs import feeds, ical
from ..outputs.docxreport import plan_document
from ..outputs.images import ImageSet, ShareImage
from ..outputs.media import Macros
from ..outputs.render import summaries_html
from ..pages import headmeta
from ..pages import screen as displays
from ..pages.listings import Listing
from ..pages.planpages import PlanPage, PlansIndex, plan_pages
from ..pages.planpages import page_source as plan_page_source
from ..pages.registerpages import RegisterPage, register_page_source, register_pages
from ..pages.sharing import OpenGraph, ShareLinks, default_image, open_graph, text_of
from ..pages.unitpages import ProcedurePage, UnitPage, unit_pages
from ..pages.unitpages import page_source as unit_page_source
from ..readers.officialdocs import DOCUMENTS_DIR
from ..readers.posts import Post
from ..site import SiteContent, listing_page_source, load_site, post_page_source
from ..text.progressbar import Progress
from ..text.ui import STRINGS
from ..text.ui import text as ui_text
from .incremental import Preview
from .sitefiles import LinkedFile

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.cchc")

# What a generated page shows, one class per kind.
PageItem = Post | Listing | PlanPage | PlansIndex | RegisterPage | UnitPage


class Picture(Protocol):
    """The `picture` macro of overrides/cchc/_picture.html."""

    def __call__(self, *args: object, **kwargs: object) -> str: ...


class ReportedLinks(logging.Filter):
    """Leaves out MkDocs' English warning for a post's link already reported in Vietnamese."""

    def __init__(self) -> None:
        super().__init__()
        self.links: frozenset[tuple[str, str]] = frozenset()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(message.startswith(f"Doc file '{page}' contains a link '{url}',") for page, url in self.links)


@dataclass
class BuildState:
    """One build's content and what its pages produced; made anew at every `on_pre_build`."""

    site: SiteContent
    summaries: dict[str, str]  # post src_uri -> summary HTML, for lists
    pages: dict[str, PageItem] = field(default_factory=dict)  # generated page src_uri -> what it shows
    contents: dict[str, str] = field(default_factory=dict)  # post src_uri -> rendered HTML, for the feeds
    picture: Picture | None = None
    progress: Progress | None = None  # pages rendered, drawn on a terminal only
    # Sharing (issue 15): the site's own picture for pages without a cover.
    share_image: ShareImage | None = None
    media: Macros | None = None  # overrides/cchc/_media.html: players and video embeds in bodies
    env: Environment | None = None  # the theme's, as `on_env` left it: the screen and notices use it
    preview: Preview | None = None  # `cchc serve`: only the pages a change shows on are rendered again


def escape_config(config: MkDocsConfig) -> None:
    """The site's name, description, author and copyright as HTML-safe text."""
    for key in headmeta.SITE_TEXTS:
        if config[key]:
            config[key] = headmeta.as_html(config[key])
    if config.copyright:
        config.copyright = headmeta.safe_copyright(config.copyright)


def watch_content(server: LiveReloadServer, config: MkDocsConfig) -> None:
    """`mkdocs serve` rebuilds on changes in posts/, plans/, documents/ and procedures/ (those a unit has)."""
    settings = read_settings(config.site_name, config.extra, Collector(), config.site_url)
    root = Path(config.config_file_path).parent
    folders = [settings.posts_dir, settings.plans_dir]
    folders.append(DOCUMENTS_DIR)  # documents register
    folders.append(settings.procedures_dir)  # procedures
    for folder in folders:
        if (root / folder).is_dir():
            server.watch(str(root / folder))


def prepare(config: MkDocsConfig, preview: bool) -> BuildState:
    """Read every post and plan; report all problems at once, stopping before MkDocs writes anything."""
    problems = Collector()
    settings = read_settings(headmeta.plain(config.site_name), config.extra, problems, config.site_url)
    root = Path(config.config_file_path).parent
    named = frozenset(str(path) for path in [*config.extra_css, *config.extra_javascript])
    site = load_site(root, settings, build_now(), preview, problems, docs_dir=config.docs_dir, theme_files=named)
    for note in problems.notes:
        log.info(str(note))
    for warning in problems.warnings:
        log.warning(str(warning))
    try:
        problems.raise_errors()
    except ContentErrors as exc:
        raise PluginError(str(exc)) from None
    if config.strict and problems.warnings:
        # MkDocs stops a strict build only after writing it; ours stop before touching site/.
        raise PluginError(f"Dừng vì --strict: {len(problems.warnings)} cảnh báo ở trên được coi là lỗi.")
    for source in site.images.repaired:
        log.info("cchc: ảnh %s: bản trong bộ nhớ đệm bị hỏng hoặc bị sửa, đã xử lý lại", os.path.relpath(source, root))
    log.info("cchc: ảnh: %d xử lý mới, %d lấy lại từ bộ nhớ đệm", site.images.encoded, site.images.reused)
    posts = site.section.posts
    summaries = summaries_html(config.markdown_extensions, config.mdx_configs, [p.summary for p in posts])
    return BuildState(site, {post.src_uri: html for post, html in zip(posts, summaries, strict=True)})


def add_files(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    """Hand-written pages as `handwritten` lets them through; every generated page and file added."""
    site = state.site
    if state.preview:
        state.preview.start(site, config)
    docs = site.handwritten
    for file in [f for f in files if f.src_dir == config.docs_dir]:
        processed = docs.processed.get(file.src_uri)
        if processed or file.src_uri not in docs.published:
            files.remove(file)
        if processed:
            files.append(LinkedFile.generated(config, file.src_uri, abs_src_path=str(processed)))
    # Post bodies are rendered before `on_env`, so the macro comes from its own theme env.
    env = config.theme.get_env()
    state.picture = vars(env.get_template("cchc/_picture.html").module)["picture"]
    macros = vars(env.get_template("cchc/_media.html").module)
    state.media = Macros(macros["player"], macros["embed"])
    for post in site.section.posts:
        _add_page(state, files, config, post.src_uri, post_page_source(post, state.summaries[post.src_uri]), post)
    for attachment in site.attachments + site.media_published():
        files.append(File.generated(config, attachment.src_uri, abs_src_path=str(attachment.path)))
    for src_uri, cached in site.images.files():
        if files.get_file_from_path(src_uri) is None:
            files.append(LinkedFile.generated(config, src_uri, abs_src_path=str(cached)))
    for listing in site.listings:
        _add_page(state, files, config, listing.src_uri, listing_page_source(listing), listing)
    for page in plan_pages(site.progress, site.settings.section):
        _add_page(state, files, config, page.src_uri, plan_page_source(page), page)
    state.share_image = _site_share_image(files, site)
    # Procedures and contact (shared/FORMATS.md §4, §5).
    for unit_page in unit_pages(site.procedures, site.settings, site.register.document_urls()):
        _add_page(state, files, config, unit_page.src_uri, unit_page_source(unit_page), unit_page)
    deadlines = ical.deadline_calendar(
        site.calendar.deadlines, site.settings.unit, site.now, config.site_url, site.settings.timezone.key
    )
    files.append(File.generated(config, urls.ics(site.settings.section), content=deadlines))
    # Word: each plan as its signed document, offered on its page
    for item in site.progress:
        document = state.preview.reuse(plan_document, item.plan) if state.preview else plan_document(item.plan)
        files.append(File.generated(config, urls.plan_document(site.settings.section, item.plan.id), content=document))
    _add_register(state, files, config)  # documents register
    if state.preview:
        state.preview.finish_files(files)


def _add_register(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    """The documents register's pages, and each document's file without its metadata."""
    site = state.site
    for register_page in register_pages(site.register, site.settings.unit):
        _add_page(state, files, config, register_page.src_uri, register_page_source(register_page), register_page)
    for document_file in site.document_files:
        files.append(File.generated(config, document_file.src_uri, abs_src_path=str(document_file.path)))


@dataclass(frozen=True)
class PageContext:
    """What templates read as `cchc`: the page's item (None on hand-written pages) and the site's content."""

    item: PageItem | None
    site: SiteContent
    t: Mapping[str, str]  # text/ui.py's strings
    summaries: Mapping[str, str]  # post src_uri -> summary HTML
    now: datetime
    neighbours: tuple[Post | None, Post | None]  # a post's older and newer posts
    portal: PortalReport
    images: ImageSet
    # Sharing (issue 15): Open Graph of every page (None without `site_url`), a post's share links.
    og: OpenGraph | None
    share: ShareLinks | None


def page_context(state: BuildState, page: Page, config: MkDocsConfig) -> PageContext:
    src_uri = page.file.src_uri
    item = state.pages.get(src_uri)
    site = state.site
    share_image = site.images.share_image(item, config.site_url) if isinstance(item, Post) else None
    return PageContext(
        item=item,
        site=site,
        t=STRINGS,
        summaries=state.summaries,
        now=site.now,
        neighbours=site.section.neighbours.get(src_uri, (None, None)),
        portal=site.portal,
        images=site.images,
        og=_open_graph(page, config, item, share_image or state.share_image),
        share=ShareLinks(page.canonical_url) if isinstance(item, Post) and page.canonical_url else None,
    )


def poster(state: BuildState, item: object) -> str | None:
    """A post's videos show its cover (full size, relative to the post's page) before they play."""
    cover = state.site.images.cover(item) if isinstance(item, Post) else None
    return cover.src.url if cover else None


def _site_share_image(files: Files, site: SiteContent) -> ShareImage | None:
    """`urls.share_image`: the theme's picture, or the unit's own `docs/assets/chia-se.png` in its place."""
    path = urls.share_image(site.settings.section)
    file = files.get_file_from_path(path)
    if file is None or not file.abs_src_path or not site.base_url:
        return None
    return default_image(Path(file.abs_src_path), site.base_url + path, ui_text("share_image_alt"))


def _open_graph(page: Page, config: MkDocsConfig, item: PageItem | None, image: ShareImage | None) -> OpenGraph | None:
    if not page.canonical_url:
        return None  # no `site_url`: the services need absolute addresses
    site_name = text_of(config.site_name)
    title = site_name if page.is_homepage else text_of(page.meta.get("title") or page.title or site_name)
    description = text_of(page.meta.get("description") or config.site_description or "")
    post = item if isinstance(item, Post) else None
    return open_graph(title, description, page.canonical_url, site_name, post, image)


def _add_page(state: BuildState, files: Files, config: MkDocsConfig, src_uri: str, source: str, item: PageItem) -> None:
    preview = state.preview
    files.append(
        preview.page_file(config, src_uri, source, item) if preview else File.generated(config, src_uri, content=source)
    )
    state.pages[src_uri] = item


def write_feeds(state: BuildState, config: MkDocsConfig) -> None:
    """Both feeds, last, after every file of the site (cover images included) is in place."""
    site, settings = state.site, state.site.settings
    ctx = feeds.FeedContext(
        site.base_url,
        settings.unit,
        state.contents,
        state.summaries,
        Path(config.site_dir),
        site.now,
        settings.timezone,
        settings.section,
    )
    feeds.write_feeds(ctx, site.all_posts, site.portal.feed_posts)
    feeds.write_document_feed(ctx, site.register)  # documents register


# Reception screen and printed notices (issue 17).
def complete_html(state: BuildState) -> None:
    """Before the feeds and notices: a preview rendered only the pages a change shows on, so the
    others' HTML is the last build's (the same bytes a clean build renders)."""
    if state.preview:
        uris = [post.src_uri for post in state.site.section.posts]
        uris += [page.src_uri for page in state.pages.values() if isinstance(page, ProcedurePage)]
        state.contents = state.preview.kept_html(state.contents, uris)


def write_displays(state: BuildState, config: MkDocsConfig) -> None:
    """`/man-hinh/` and every post's notice, last: files, not MkDocs pages, so that they are in
    neither the nav, the sitemap nor the search index. Their templates are whole pages of their own."""
    assert state.env is not None, "on_env runs before on_post_build"
    site, settings = state.site, state.site.settings
    posts = displays.screen_posts(site.section.posts, settings.screen, site.now)
    contents = state.contents
    screen = displays.build_screen(
        settings, posts, state.summaries, site.images, site.base_url, procedures=bool(site.procedures)
    )
    outputs: list[tuple[str, str, displays.Screen | displays.Notice | displays.ProcedureNotice]] = [
        ("cchc/screen.html", screen.url, screen)
    ]
    for post in site.section.posts:
        notice = displays.build_notice(settings, post, contents.get(post.src_uri, ""), site.base_url)
        outputs.append(("cchc/notice.html", notice.url, notice))
    for page in [p for p in state.pages.values() if isinstance(p, ProcedurePage)]:
        sheet = displays.build_procedure_notice(settings, page, contents.get(page.src_uri, ""), site.base_url)
        outputs.append(("cchc/procedure_notice.html", sheet.url, sheet))
    written: set[Path] = set()
    for template_name, url, item in outputs:
        root = "../" * url.count("/")  # the site's root seen from the file: `| url` makes links relative to it
        html = state.env.get_template(template_name).render(
            config=config, page=None, base_url=root, cchc=displays.DisplayContext(item, STRINGS, site.images)
        )
        path = Path(config.site_dir) / (f"{url}index.html" if url.endswith("/") else url)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not (path.is_file() and path.read_text(encoding="utf-8") == html):  # the preview keeps what did not change
            path.write_text(html, encoding="utf-8")
        written.add(path)
    if state.preview:
        state.preview.wrote_displays(written)
