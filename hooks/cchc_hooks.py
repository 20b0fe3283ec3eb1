"""MkDocs event adapters for the CCHC section: thin, each calls into `cchc.*`.

Listed under `hooks:` in mkdocs.yml; `cchc` itself is installed by `pip install -e .`.
All state lives in the one `Hooks` object below: whether this is a preview, and the
current build's `BuildState`, replaced at every `on_pre_build`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands import build as build_command
from mkdocs.structure import pages

from cchc.adapter import buildstate, incremental
from cchc.commands import webeditor
from cchc.config import urls
from cchc.model.deadlines import report_label
from cchc.outputs import media
from cchc.outputs.markup import drop_checkbox_autocomplete, wrap_tables
from cchc.outputs.pictures import rewrite_images
from cchc.outputs.safehtml import site_html
from cchc.pages import headmeta
from cchc.pages.pages import Publication, post_crumbs
from cchc.pages.unitpages import ProcedurePage
from cchc.readers.handwritten import in_guide
from cchc.readers.posts import Post
from cchc.text import vndates
from cchc.text.progressbar import Progress
from cchc.text.ui import text as ui_text
from cchc.text.vntext import heading_slug, slugify

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from cchc.adapter.buildstate import BuildState


class Hooks:
    """The MkDocs events, as methods of the one object that holds their state."""

    def __init__(self) -> None:
        self.preview = False  # `mkdocs serve`: drafts and scheduled posts are shown
        self.reported_links = buildstate.ReportedLinks()
        self._build: BuildState | None = None
        self.incremental: incremental.Preview | None = None  # `serve --dirty` (`cchc serve`)

    @property
    def build(self) -> BuildState:
        assert self._build is not None, "on_pre_build runs before every other build event"
        return self._build

    def on_startup(self, command: str, dirty: bool) -> None:
        self.preview = command == "serve"
        logging.getLogger(pages.__name__).addFilter(self.reported_links)  # properdocs.… under ProperDocs
        self.incremental = incremental.Preview() if self.preview and dirty else None
        if self.incremental:
            logging.getLogger(build_command.__name__).addFilter(incremental.QUIET_DIRTY)

    def on_shutdown(self) -> None:
        logging.getLogger(pages.__name__).removeFilter(self.reported_links)
        if self.incremental:
            logging.getLogger(build_command.__name__).removeFilter(incremental.QUIET_DIRTY)
            self.incremental.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Heading anchors keep `đ` as `d`; Python-Markdown's default drops it.
        config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
        buildstate.escape_config(config)  # Material prints these unescaped
        return config

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        buildstate.watch_content(server, config)
        # Web editor: /quan-tri/ on the preview's own server (loopback only), never in a build.
        webeditor.mount(server, Path(config.config_file_path), config.site_url or "")
        return server

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self._build = buildstate.prepare(config, self.preview)
        self._build.preview = self.incremental
        self.reported_links.links = frozenset(self._build.site.broken_links)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        buildstate.add_files(self.build, files, config)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        headmeta.escape_titles(nav.items)  # Material prints nav titles unescaped
        self.build.progress = Progress(len(files.documentation_pages()), "Tạo các trang")
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.filters["vn_list_date"] = vndates.list_date
        env.filters["vn_short_date"] = vndates.short_date
        env.filters["vn_official_date"] = vndates.official_date
        env.filters["vn_time"] = vndates.time_label
        env.filters["cchc_slug"] = slugify
        env.filters["cchc_report_label"] = report_label
        # The footer and header partials show the unit on every page, 404.html included.
        env.globals["cchc_settings"] = self.build.site.settings
        env.globals["url_for"] = urls.UrlFor(self.build.site.settings.section)
        env.globals["ui_text"] = ui_text  # `ui_text('posts_count', n=3)`: the strings' `{n}` filled in Python
        env.globals["post_crumbs"] = post_crumbs
        env.globals["unpublished"] = Publication(self.build.site.now)
        self.build.env = env  # the reception screen and notices are rendered with it (issue 17)
        if self.incremental:
            env.bytecode_cache = incremental.TEMPLATE_CODE
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        headmeta.escape_meta(page.meta)  # every page's, hand-written ones too
        if in_guide(page.file.src_uri) and not self.preview:
            page.meta["search"] = {"exclude": True}  # for editors, not what citizens search for
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Every body is editors' Markdown (posts, plans' sections, hand-written pages): no script we did not write.
        html = site_html(media.iframes_as_links(html))  # a pasted YouTube player survives as its link
        build, src_uri = self.build, page.file.src_uri
        item = build.pages.get(src_uri)
        played = build.site.media_files.get(src_uri, {})  # the post's video and audio files
        if isinstance(item, Post):
            images = build.site.images.posts.get(src_uri)
            if images and build.picture:
                html = rewrite_images(html, images, build.picture, eager_first=not item.image)
            # The feeds carry each post's full HTML, tables unwrapped, videos as plain links.
            build.contents[src_uri] = media.for_feeds(html, played)
        elif isinstance(item, ProcedurePage):
            build.contents[src_uri] = html  # its printed notice carries the steps (issue 17)
        if build.media:
            html = media.for_site(html, played, build.media, buildstate.poster(build, item))
        return wrap_tables(html)

    def on_page_context(
        self, context: dict[str, object], page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, object]:
        context["cchc"] = buildstate.page_context(self.build, page, config)
        if self.incremental:
            self.incremental.rendered(page.url, page.meta)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.build.progress:
            self.build.progress.advance()  # ends its line after the last page
        return drop_checkbox_autocomplete(output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is the theme's page too; sitemap.xml is left as it is.
        return drop_checkbox_autocomplete(output) if template_name.endswith(".html") else output

    def on_post_build(self, config: MkDocsConfig) -> None:
        buildstate.complete_html(self.build)  # the preview's pages not rendered again keep their HTML
        buildstate.write_feeds(self.build, config)
        buildstate.write_displays(self.build, config)  # reception screen, printed notices (issue 17)
        if self.incremental:
            self.incremental.repair_search(config.site_dir)  # Material's, written before this event


# MkDocs finds the events as the module's `on_*` callables.
_hooks = Hooks()
on_startup = _hooks.on_startup
on_shutdown = _hooks.on_shutdown
on_config = _hooks.on_config
on_serve = _hooks.on_serve
on_pre_build = _hooks.on_pre_build
on_files = _hooks.on_files
on_nav = _hooks.on_nav
on_env = _hooks.on_env
on_page_markdown = _hooks.on_page_markdown
on_page_content = _hooks.on_page_content
on_page_context = _hooks.on_page_context
on_post_page = _hooks.on_post_page
on_post_template = _hooks.on_post_template
on_post_build = _hooks.on_post_build
