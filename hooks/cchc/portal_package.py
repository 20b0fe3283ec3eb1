"""The submission package for the portal's editorial board: `cchc portal 2026-03`.

When the provincial portal takes articles by email, the editor attaches one zip:
each of the month's portal articles as a standalone HTML page (its images in a
folder of the same name beside it, like a browser's "save page"), and a
README.txt listing title, date, author, department and address of each. The
articles are the ones the portal feed carries for that month.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from . import portal
from .clock import build_now
from .errors import Collector, format_report
from .images import ImageSet
from .posts import Post
from .safehtml import clean_html, xml_text
from .ui import STRINGS
from .vndates import list_date, time_label

# Zip entries get this time, not the files' own: the same articles give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class PackageError(Exception):
    """A request the command refuses, with the Vietnamese message to print."""


@dataclass(frozen=True)
class Article:
    post: Post
    name: str  # "01-<slug>": the page is <name>.html, its images under <name>/
    html: str
    files: tuple[tuple[str, Path], ...]  # (path inside the package, file on disk)


def package_name(year: int, month: int) -> str:
    return f"portal-{year}-{month:02d}"


def parse_month(text: str) -> tuple[int, int]:
    found = _MONTH.match(text)
    if not found or not 1 <= int(found[2]) <= 12:
        raise PackageError(f'Tháng "{text}" không hợp lệ; hãy ghi NĂM-THÁNG, ví dụ: cchc portal 2026-03')
    return int(found[1]), int(found[2])


def build_articles(
    posts: Iterable[Post],
    images: ImageSet,
    markdown: Callable[[str], str],
    render_page: Callable[..., str],
    base_url: str,
    unit: str,
) -> list[Article]:
    """Each post as a standalone page: body rendered, sanitised, its images made local copies.

    The copies are the processed images the site publishes (upright, resized, every
    metadata removed), never the editor's originals: a photo's GPS position must not
    leave by email either.
    """
    articles = []
    for number, post in enumerate(posts, 1):
        name = f"{number:02d}-{post.slug}"
        page_url = base_url + post.url
        local = {ref: image.src.path for ref, image in images.for_post(post).items()}

        def resolve(url: str, name: str = name, page_url: str = page_url, local: dict = local) -> str:
            parts = urlsplit(url)
            ref = posixpath.normpath(unquote(parts.path)) if parts.path else ""
            if not parts.scheme and not parts.netloc and ref in local:
                return f"{name}/{quote(ref)}"
            return urljoin(page_url, url)  # links to the site stay live links

        body = clean_html(markdown(post.body), resolve)
        cover = resolve(post.image) if post.image else None
        html = render_page(
            post=post,
            unit=xml_text(unit),
            posted=f"{list_date(post.local_date)}, {time_label(post.local)}",
            cover=cover,
            body=body,
            url=page_url,
            t=STRINGS,
        )
        files = tuple(sorted((f"{name}/{ref}", path) for ref, path in local.items()))
        articles.append(Article(post, name, html, files))
    return articles


def readme_text(articles: list[Article], year: int, month: int, unit: str, base_url: str) -> str:
    """README.txt: what the editorial board needs to file each article."""
    t = STRINGS
    lines = [t["portal_package"], f"{t['portal_unit']}: {unit}", f"Tháng {month}/{year}: {len(articles)} bài", ""]
    for number, article in enumerate(articles, 1):
        post = article.post
        lines += [
            f"{number}. {post.title}",
            f"   {t['portal_file']}: {article.name}.html",
            f"   {t['posted']}: {list_date(post.local_date)}, {time_label(post.local)}",
            f"   {t['author']}: {', '.join(post.authors) or '—'}",
            f"   {t['department']}: {post.department or '—'}",
            f"   {t['portal_url']}: {base_url}{post.url}",
            "",
        ]
    # CRLF and a BOM: the file is read in Notepad on the board's Windows machines.
    return "\r\n".join(xml_text(line) for line in lines)


def write_package(out_dir: Path, name: str, articles: list[Article], readme: str) -> tuple[Path, Path]:
    """`<name>/` (replaced if it exists) and `<name>.zip` holding it."""
    folder = out_dir / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "README.txt").write_text(readme, encoding="utf-8-sig", newline="")
    for article in articles:
        (folder / f"{article.name}.html").write_text(article.html, encoding="utf-8")
        for inside, source in article.files:
            target = folder / inside
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    archive = out_dir / f"{name}.zip"
    zip_folder(folder, archive)
    return folder, archive


def zip_folder(folder: Path, archive: Path) -> None:
    """A reproducible zip: sorted entries, fixed times and permissions, the folder as its root."""
    files = {f"{folder.name}/{p.relative_to(folder).as_posix()}": p for p in folder.rglob("*") if p.is_file()}
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, path in sorted(files.items()):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whichever machine builds it
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())


def run(month_text: str, config_file: str, out_dir: Path) -> int:
    """The `cchc portal YYYY-MM` command: 0 when the package is written, 1 when refused."""
    from mkdocs.config import load_config

    from .render import MarkdownRenderer
    from .settings import read_settings
    from .site import load_site

    try:
        year, month = parse_month(month_text)
    except PackageError as exc:
        print(exc, file=sys.stderr)
        return 2
    config_path = Path(config_file)
    if not config_path.is_file():
        print(f"Không tìm thấy {config_file}: hãy chạy lệnh trong thư mục của trang.", file=sys.stderr)
        return 1
    config = load_config(str(config_path))
    problems = Collector()
    settings = read_settings(config.site_name, config.extra, problems, config.site_url)
    site = load_site(config_path.resolve().parent, settings, build_now(), False, problems)
    base = site.base_url
    if problems.errors:
        print(format_report(problems.errors), file=sys.stderr)
        return 1
    row = site.portal.month(year, month)
    if row is None or not row.posts:
        print(
            f"Tháng {month}/{year} không có bài nào đã đăng với `portal: true`: không có gì để gửi Ban Biên tập "
            "Cổng TTĐT CCHC tỉnh. Bài cần gửi phải đã đăng (không phải bản nháp hay bài hẹn giờ) và có `portal: true`.",
            file=sys.stderr,
        )
        return 1
    notes = Collector()
    portal.check_month(row, settings.posts_dir, notes)
    for warning in notes.warnings:
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    renderer = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
    template = config.theme.get_env().get_template("cchc/portal_article.html")
    articles = build_articles(row.kept, site.images, renderer.html, template.render, base, settings.unit)
    name = package_name(year, month)
    folder, archive = write_package(out_dir, name, articles, readme_text(articles, year, month, settings.unit, base))
    print(
        f"Đã tạo {folder.name}/ ({len(articles)} bài) và {archive.name}: đính kèm tệp {archive.name} "
        "vào thư gửi Ban Biên tập Cổng TTĐT CCHC tỉnh."
    )
    return 0
