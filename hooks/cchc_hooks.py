"""MkDocs event adapters for the CCHC section: thin, each calls into `cchc.*`.

Listed under `hooks:` in mkdocs.yml. State lives for one build in `_build`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from cchc import feeds, headmeta, ical, urls, vndates  # noqa: E402
from cchc.clock import build_now  # noqa: E402
from cchc.deadlines import report_label  # noqa: E402
from cchc.errors import Collector, ContentErrors  # noqa: E402
from cchc.handwritten import in_guide  # noqa: E402
from cchc.markup import drop_checkbox_autocomplete, wrap_tables  # noqa: E402
from cchc.pages import Publication, post_crumbs  # noqa: E402
from cchc.pictures import rewrite_images  # noqa: E402
from cchc.planpages import page_source as plan_page_source  # noqa: E402
from cchc.planpages import plan_pages  # noqa: E402
from cchc.posts import Post  # noqa: E402
from cchc.progressbar import Progress  # noqa: E402
from cchc.render import MarkdownRenderer  # noqa: E402
from cchc.safehtml import site_html  # noqa: E402
from cchc.settings import read_settings  # noqa: E402
from cchc.site import SiteContent, listing_page_source, load_site, post_page_source  # noqa: E402
from cchc.ui import STRINGS  # noqa: E402
from cchc.ui import text as ui_text  # noqa: E402
from cchc.vntext import heading_slug, slugify  # noqa: E402

log = logging.getLogger("mkdocs.hooks.cchc")


@dataclass
class _Build:
    """What one build carries from event to event; replaced at every `on_pre_build`."""

    site: SiteContent
    summaries: dict[str, str]  # post src_uri -> summary HTML, for lists
    pages: dict[str, object] = field(default_factory=dict)  # generated page src_uri -> its data
    contents: dict[str, str] = field(default_factory=dict)  # post src_uri -> rendered HTML, for the feeds
    picture: Callable | None = None  # the `picture` macro of overrides/cchc/_picture.html
    progress: Progress | None = None  # pages rendered, drawn on a terminal only


class _ReportedLinks(logging.Filter):
    """Leaves out MkDocs' English warning for a post's link already reported in Vietnamese."""

    links: set[tuple[str, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(message.startswith(f"Doc file '{page}' contains a link '{url}',") for page, url in self.links)


_reported_links = _ReportedLinks()
logging.getLogger("mkdocs.structure.pages").addFilter(_reported_links)
_preview = False  # `mkdocs serve`: drafts and scheduled posts are shown
_build: _Build | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_config(config):
    # Heading anchors keep `đ` as `d`; Python-Markdown's default drops it.
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    # Material prints these unescaped.
    for key in headmeta.SITE_TEXTS:
        if config[key]:
            config[key] = headmeta.as_html(config[key])
    if config.copyright:
        config.copyright = headmeta.safe_copyright(config.copyright)
    return config


def on_serve(server, config, builder):
    # posts/ and plans/ are watched only when present: a new unit's site may have neither yet.
    settings = read_settings(config.site_name, config.extra, Collector(), config.site_url)
    root = Path(config.config_file_path).parent
    for folder in (settings.posts_dir, settings.plans_dir):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server


def on_pre_build(config) -> None:
    global _build
    problems = Collector()
    settings = read_settings(headmeta.plain(config.site_name), config.extra, problems, config.site_url)
    root = Path(config.config_file_path).parent
    named = frozenset(str(path) for path in [*config.extra_css, *config.extra_javascript])
    site = load_site(root, settings, build_now(), _preview, problems, docs_dir=config.docs_dir, theme_files=named)
    _reported_links.links = site.broken_links
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
    renderer = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
    _build = _Build(site, {p.src_uri: site_html(renderer.html(p.summary)) for p in site.section.posts})


def on_files(files: Files, config) -> Files:
    site = _build.site
    # Hand-written pages: only what `handwritten` lets through, photos and documents as processed.
    docs = site.handwritten
    for file in [f for f in files if f.src_dir == config.docs_dir]:
        processed = docs.processed.get(file.src_uri)
        if processed or file.src_uri not in docs.published:
            files.remove(file)
        if processed:
            files.append(File.generated(config, file.src_uri, abs_src_path=str(processed)))
    # Post bodies are rendered before `on_env`, so the macro comes from its own theme env.
    _build.picture = config.theme.get_env().get_template("cchc/_picture.html").module.picture
    for post in site.section.posts:
        source = post_page_source(post, _build.summaries[post.src_uri])
        files.append(File.generated(config, post.src_uri, content=source))
        _build.pages[post.src_uri] = post
    for attachment in site.attachments:
        files.append(File.generated(config, attachment.src_uri, abs_src_path=str(attachment.path)))
    for src_uri, cached in site.images.files():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, abs_src_path=str(cached)))
    for listing in site.listings:
        files.append(File.generated(config, listing.src_uri, content=listing_page_source(listing)))
        _build.pages[listing.src_uri] = listing
    for page in plan_pages(site.progress, site.settings.section):
        files.append(File.generated(config, page.src_uri, content=plan_page_source(page)))
        _build.pages[page.src_uri] = page
    deadlines = ical.deadline_calendar(
        site.calendar.deadlines, site.settings.unit, site.now, config.site_url, site.settings.timezone.key
    )
    files.append(File.generated(config, urls.ics(site.settings.section), content=deadlines))
    return files


def on_nav(nav, config, files):
    headmeta.escape_titles(nav.items)  # Material prints nav titles unescaped
    _build.progress = Progress(len(files.documentation_pages()), "Tạo các trang")
    return nav


def on_env(env, config, files):
    env.filters["vn_list_date"] = vndates.list_date
    env.filters["vn_short_date"] = vndates.short_date
    env.filters["vn_official_date"] = vndates.official_date
    env.filters["vn_time"] = vndates.time_label
    env.filters["cchc_slug"] = slugify
    env.filters["cchc_report_label"] = report_label
    # The footer and header partials show the unit on every page, 404.html included.
    env.globals["cchc_settings"] = _build.site.settings
    env.globals["url_for"] = urls.UrlFor(_build.site.settings.section)
    env.globals["ui_text"] = ui_text  # `ui_text('posts_count', n=3)`: the strings' `{n}` filled in Python
    env.globals["post_crumbs"] = post_crumbs
    env.globals["unpublished"] = Publication(_build.site.now)
    return env


def on_page_markdown(markdown, page, config, files):
    headmeta.escape_meta(page.meta)  # every page's, hand-written ones too
    if in_guide(page.file.src_uri) and not _preview:
        page.meta["search"] = {"exclude": True}  # for editors, not what citizens search for
    return markdown


def on_page_content(html, page, config, files):
    # Every body is editors' Markdown (posts, plans' sections, hand-written pages): no script we did not write.
    html = site_html(html)
    item = _build.pages.get(page.file.src_uri)
    if isinstance(item, Post):
        images = _build.site.images.posts.get(page.file.src_uri)
        if images:
            html = rewrite_images(html, images, _build.picture, eager_first=not item.image)
        _build.contents[page.file.src_uri] = html  # the feeds carry each post's full HTML, tables unwrapped
    return wrap_tables(html)


def on_page_context(context, page, config, nav):
    item = _build.pages.get(page.file.src_uri)
    site = _build.site
    context["cchc"] = {
        "item": item,
        "site": site,
        "t": STRINGS,
        "summaries": _build.summaries,
        "now": site.now,
        "neighbours": site.section.neighbours.get(page.file.src_uri, (None, None)),
        "portal": site.portal,
        "images": site.images,
        "share_image": site.images.share_image(item, config.site_url) if isinstance(item, Post) else None,
    }
    return context


def on_post_page(output, page, config):
    if _build.progress:
        _build.progress.advance()  # ends its line after the last page
    return drop_checkbox_autocomplete(output)


def on_post_template(output, template_name, config):
    # 404.html is the theme's page too; sitemap.xml is left as it is.
    return drop_checkbox_autocomplete(output) if template_name.endswith(".html") else output


def on_post_build(config) -> None:
    # Last, after every file of the site (cover images included) is in place.
    site, settings = _build.site, _build.site.settings
    ctx = feeds.FeedContext(
        site.base_url,
        settings.unit,
        _build.contents,
        _build.summaries,
        Path(config.site_dir),
        site.now,
        settings.timezone,
        settings.section,
    )
    feeds.write_feeds(ctx, site.all_posts, site.portal.feed_posts)
