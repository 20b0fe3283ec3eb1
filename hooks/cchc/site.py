"""One build's content: settings, posts, listings, read and checked up front.

Everything that can be wrong in editors' files is found here, before MkDocs
cleans or writes the output folder, so a bad build leaves the old site intact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .config import urls
from .config.errors import Collector
from .config.settings import Settings
from .model.calendars import Calendar, build_calendar
from .model.collection import Section, load_posts, visible_posts
from .model.portal import PortalReport, QuotaRules, build_report, check_quota
from .model.progress import PlanProgress, plan_progress
from .model.register import Register, build_register, load_documents
from .outputs.documents import clean_attachments
from .outputs.feeds import base_url
from .outputs.images import ImageSet, process_images
from .outputs.media import MediaFile, media_files, without_metadata
from .outputs.safehtml import plain_text
from .pages.calendarpages import calendar_listings
from .pages.frontmatter import FrontValue, front_matter
from .pages.listings import Landing, Listing, build_listings
from .pages.planpages import plan_pages
from .pages.registerpages import register_pages
from .pages.unitpages import unit_pages
from .readers.assets import (
    Asset,
    MediaAsset,
    Page,
    collect_assets,
    collect_attachments,
    collect_media,
    missing_link_targets,
)
from .readers.handwritten import DocsFolder, Handwritten, read_docs
from .readers.officialdocs import Document, check_document_references, document_file
from .readers.plans import Plan, check_post_references, load_plans, unreadable_plan_ids
from .readers.posts import Post
from .readers.procedures import Procedure, load_procedures

IMAGE_CACHE = ".cache/images"  # processed images, reused across builds (gitignored)
DOCUMENT_CACHE = ".cache/documents"  # attachments without their metadata, likewise
DESCRIPTION_MAX = 300  # characters of `<meta name="description">`; search engines show fewer


@dataclass
class SiteContent:
    settings: Settings
    now: datetime
    preview: bool
    all_posts: list[Post]
    section: Section
    listings: list[Listing]
    assets: list[Asset]
    plans: list[Plan]  # newest year first, then id
    progress: list[PlanProgress]  # of each plan, as of the build's local date
    calendar: Calendar
    portal: PortalReport  # the provincial portal's quota, month by month
    images: ImageSet = field(default_factory=ImageSet)
    attachments: list[Asset] = field(default_factory=list)  # documents linked from posts, metadata removed
    base_url: str = ""  # absolute `site_url` ending in /, for feeds
    # (post page src_uri, link as written) of links to files the site lacks, warned about up front
    broken_links: set[tuple[str, str]] = field(default_factory=set)
    handwritten: Handwritten = field(default_factory=Handwritten)  # what of `docs/` is published
    # Video and audio (issue 15): the files published beside posts as they are, and by post for the pages.
    media: list[MediaAsset] = field(default_factory=list)
    media_files: dict[str, dict[str, MediaFile]] = field(default_factory=dict)  # post src_uri -> ref -> file

    def media_published(self) -> list[Asset]:
        """Every video, recording and caption file to copy beside its post."""
        return [a for m in self.media for a in (m.asset, m.captions) if a is not None]

    # Documents register (FORMATS.md §3): every document, and their files without metadata.
    register: Register = field(default_factory=Register)
    document_files: list[Asset] = field(default_factory=list)
    # Procedures (shared/FORMATS.md §4), by name.
    procedures: list[Procedure] = field(default_factory=list)

    @property
    def landing(self) -> Listing:
        """The section's front page, whose latest posts the site's home page shows too."""
        return next(listing for listing in self.listings if isinstance(listing, Landing))

    def current_plan(self) -> PlanProgress | None:
        """The first plan of the build's (local) year, for the landing page."""
        year = self.now.astimezone(self.settings.timezone).year
        return next((p for p in self.progress if p.plan.year == year), None)


def load_site(
    root: Path,
    settings: Settings,
    now: datetime,
    preview: bool,
    problems: Collector,
    encode_images: bool = True,
    docs_dir: str = "docs",
    theme_files: frozenset[str] = frozenset(),
) -> SiteContent:
    """Read and check everything; `encode_images=False` (cchc check) only verifies the photos.

    `theme_files`: the CSS and JavaScript files of `docs_dir` mkdocs.yml names, published as they are.
    """
    posts = load_posts(root, settings, problems)
    plans = load_plans(root, settings, problems)
    documents = _references(root, settings, posts, plans, problems)  # posts' and documents'
    shown = visible_posts(posts, now, preview)
    section = Section.of(shown)
    assets = [a for post in section.posts for a in collect_assets(post, root, problems)]
    attachments = [a for post in section.posts for a in collect_attachments(post, root, problems)]
    today = now.astimezone(settings.timezone).date()
    # Progress counts published posts only, also in `cchc serve`'s preview.
    published = [post for post in section.posts if post.is_published(now)]
    progress = [plan_progress(plan, published, today, settings, documents) for plan in plans]
    # Calendars: posts by day and the plans' deadlines.
    rules = QuotaRules(settings.portal, tuple(plans))
    calendar = build_calendar(section.posts, plans, now, settings.timezone, rules, settings.section)
    listings = build_listings(section, settings, calendar) + calendar_listings(calendar)
    portal = build_report(posts, rules, now, settings.timezone)
    check_quota(portal, rules, problems)
    site = SiteContent(settings, now, preview, posts, section, listings, assets, plans, progress, calendar, portal)
    site.media = _media(section.posts, root, problems, encode_images)
    site.media_files = media_files(site.media)
    site.procedures = load_procedures(root, settings, problems)
    # Decoded and encoded here, before MkDocs cleans `site/`: a broken photo fails the build.
    site.attachments = clean_attachments(attachments, root / DOCUMENT_CACHE, problems, store=encode_images)
    site.images = process_images(assets, settings.images, root / IMAGE_CACHE, problems, encode=encode_images)
    site.register, site.document_files = _register(documents, root, published, plans, today, problems, encode_images)
    site.handwritten = _handwritten(
        DocsFolder(root / docs_dir, theme_files), root, settings, preview, problems, encode_images
    )
    site_files = published_files(site)
    pages = [Page.of_post(post) for post in section.posts] + hand_written_pages(root, docs_dir, site_files)
    site.broken_links = {
        (page.src_uri, ref) for page in pages for ref in missing_link_targets(page, site_files, problems)
    }
    site.base_url = base_url(settings.site_url, problems)
    return site


def _media(posts: list[Post], root: Path, problems: Collector, encode: bool) -> list[MediaAsset]:
    """The posts' video and audio files, published without what phones write into them (GPS position,
    camera), like photos and documents."""
    media = [m for post in posts for m in collect_media(post, root, problems)]
    return without_metadata(media, root / DOCUMENT_CACHE, problems, store=encode)


def published_files(site: SiteContent) -> set[str]:
    """The path (MkDocs' `src_uri`) of every file of the built site a post may link to."""
    found = {post.src_uri for post in site.section.posts} | {urls.ics(site.settings.section)}
    found |= {asset.src_uri for asset in site.assets + site.attachments + site.media_published()}
    found |= {listing.src_uri for listing in site.listings}
    found |= {page.src_uri for page in plan_pages(site.progress, site.settings.section)}
    found |= {page.src_uri for page in register_pages(site.register, site.settings.unit)}
    found |= {asset.src_uri for asset in site.document_files}
    found |= {page.src_uri for page in unit_pages(site.procedures, site.settings, site.register.document_urls())}
    return found | site.handwritten.published  # what of docs/ is published (`handwritten`)


def _references(
    root: Path, settings: Settings, posts: list[Post], plans: list[Plan], problems: Collector
) -> list[Document]:
    """The register's documents, once every `plan`/`tasks` of posts and documents and every post's
    `documents:` are checked to name what exists."""
    documents = load_documents(root, settings, problems)
    pending = unreadable_plan_ids(root, settings, plans)
    for citing in (posts, documents):
        check_post_references(citing, plans, problems, pending=pending)
    check_document_references(posts, documents, problems)
    return documents


def _register(
    documents: list[Document],
    root: Path,
    posts: list[Post],
    plans: list[Plan],
    today: date,
    problems: Collector,
    store: bool,
) -> tuple[Register, list[Asset]]:
    """Each document's file checked and cleaned as posts' attachments are; the register's entries."""
    files = [found for document in documents if (found := document_file(document, root, problems))]
    cleaned = clean_attachments(files, root / DOCUMENT_CACHE, problems, store=store, label="Tệp văn bản")
    return build_register(documents, cleaned, posts, plans, today), cleaned


def _handwritten(
    docs: DocsFolder, root: Path, settings: Settings, preview: bool, problems: Collector, encode: bool
) -> Handwritten:
    """`docs/` as published: its photos and documents through the posts' own pipelines."""
    found = read_docs(docs, root, settings.publish_guide, preview, problems)
    images = process_images(found.images, settings.images, root / IMAGE_CACHE, problems, encode=encode)
    for image in found.images:
        done = images.get(image.post, image.ref)
        if done is not None:
            found.processed[image.src_uri] = done.src.path  # full size, under the name pages use
    for document in clean_attachments(found.documents, root / DOCUMENT_CACHE, problems, store=encode):
        found.processed[document.src_uri] = document.path
    return found


def hand_written_pages(root: Path, docs_dir: str, site_files: set[str]) -> list[Page]:
    """The Markdown pages of docs/ (home, about, the guide), whose links MkDocs checks too."""
    docs = root / docs_dir
    pages = []
    for src_uri in sorted(uri for uri in site_files if uri.endswith(".md") and (docs / uri).is_file()):
        path = docs / src_uri
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports an unreadable page itself
        source = (path.relative_to(root) if path.is_relative_to(root) else path).as_posix()
        pages.append(Page(source, src_uri, path.parent, text))
    return pages


def post_page_source(post: Post, summary_html: str) -> str:
    """The Markdown MkDocs renders for a post: its body, with page metadata on top."""
    # Plain text: `on_page_markdown` escapes what Material prints (headmeta).
    meta: dict[str, FrontValue] = {
        "title": post.title,
        "template": "cchc/post.html",
        "description": plain_text(summary_html)[:DESCRIPTION_MAX],  # the summary as readers see it
    }
    if post.image:
        meta["image"] = post.image
    return f"{front_matter(meta)}\n{post.body}"


def listing_page_source(listing: Listing) -> str:
    # Listings repeat posts' text; search finds the posts themselves.
    meta: dict[str, FrontValue] = {"title": listing.title, "template": listing.template, "search": {"exclude": True}}
    if listing.description:
        meta["description"] = listing.description
    if listing.hide:
        meta["hide"] = list(listing.hide)
    return front_matter(meta)
