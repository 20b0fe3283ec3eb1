"""The submission package for the portal's editorial board: `cchc portal 2026-03`.

When the provincial portal takes articles by email, the editor attaches one zip:
each of the month's portal articles as a standalone HTML page (its images in a
folder of the same name beside it, like a browser's "save page"), and a
README.txt listing title, date, author, department and address of each. The
articles are the ones the portal feed carries for that month.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from ..config.clock import build_now
from ..config.errors import Collector, format_report
from ..model import portal
from ..outputs.images import ImageSet
from ..outputs.media import MediaFile, for_feeds
from ..outputs.safehtml import clean_html, xml_text
from ..readers.posts import Post
from ..text.ui import STRINGS
from ..text.vndates import list_date, time_label
from . import disk

RECORD = ".cchc-da-tao.txt"  # inside the folder: the files we wrote, the only ones we replace
_RECORD_NOTE = "# Các tệp do `cchc portal` tạo, được thay ở lần chạy sau; tệp bạn tự thêm không bị xóa.\n"
# Zip entries get this time, not the files' own: the same articles give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class PackageError(Exception):
    """A request the command refuses, with the Vietnamese message to print."""


@dataclass(frozen=True)
class Package:
    folder: Path
    archive: Path
    kept: tuple[str, ...]  # the editor's own files in the folder, kept as they were


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
    media: Mapping[str, Mapping[str, MediaFile]] | None = None,
) -> list[Article]:
    """Each post as a standalone page: body rendered, sanitised, its images made local copies.

    The copies are the processed images the site publishes (upright, resized, every
    metadata removed), never the editor's originals: a photo's GPS position must not
    leave by email either. Videos and recordings (`media`, by post) are links to the
    site's copy, and YouTube/Facebook videos links to their page: no player in an email.
    """
    articles = []
    for number, post in enumerate(posts, 1):
        name = f"{number:02d}-{post.slug}"
        page_url = base_url + post.url
        local = {ref: image.src.path for ref, image in images.for_post(post).items()}

        def resolve(url: str, name: str = name, page_url: str = page_url, local: dict[str, Path] = local) -> str:
            parts = urlsplit(url)
            ref = posixpath.normpath(unquote(parts.path)) if parts.path else ""
            if not parts.scheme and not parts.netloc and ref in local:
                return f"{name}/{quote(ref)}"
            return urljoin(page_url, url)  # links to the site stay live links

        body = clean_html(for_feeds(markdown(post.body), (media or {}).get(post.src_uri, {})), resolve)
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


def write_package(out_dir: Path, name: str, articles: list[Article], readme: str) -> Package:
    """`<name>/` and `<name>.zip` holding our files of it, each written beside and swapped in whole.

    Only files this command wrote before (listed in RECORD) are replaced; whatever
    else the editor put in the folder is kept, and a name of ours already taken by
    such a file is refused.
    """
    folder, archive = out_dir / name, out_dir / f"{name}.zip"
    for path in (folder, archive):
        disk.clean_leftovers(out_dir, path.name)
    wanted: dict[str, str | Path] = {"README.txt": readme}
    for article in articles:
        wanted[f"{article.name}.html"] = article.html
        wanted.update(article.files)
    theirs = _editors_files(folder, archive, name)
    clash = sorted(t for t in theirs if any(w == t or w.startswith(f"{t}/") or t.startswith(f"{w}/") for w in wanted))
    if clash:
        raise PackageError(
            f"Thư mục {folder} đã có {', '.join(clash)}, không do lệnh tạo, trùng tên với tệp của gói. "
            "Lệnh không ghi đè tệp của bạn: hãy đổi tên hoặc chuyển các tệp đó đi rồi chạy lại."
        )
    temp, temp_zip = disk.temp_beside(folder), disk.temp_beside(archive)
    try:
        _write(wanted, theirs, folder, temp, temp_zip, name)
        os.replace(temp_zip, archive)
        disk.swap_in(temp, folder)
    except OSError as exc:
        needed = 2 * sum(c.stat().st_size if isinstance(c, Path) else len(c.encode()) for c in wanted.values())
        kept = f"Gói cũ (nếu có) trong {folder} được giữ nguyên."
        shown = {temp: folder, temp_zip: archive}
        raise PackageError(disk.explain(exc, folder.parent, needed, shown=shown, unchanged=kept)) from exc
    finally:
        temp_zip.unlink(missing_ok=True)
        if temp.is_dir():
            shutil.rmtree(temp, ignore_errors=True)
    return Package(folder, archive, tuple(sorted(theirs)))


def _write(wanted: dict[str, str | Path], theirs: list[str], folder: Path, temp: Path, zip_to: Path, name: str) -> None:
    """The new package under temporary names: our files, the record, the editor's files copied as they are."""
    temp.mkdir()
    for inside, content in wanted.items():
        target = temp / inside
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        elif inside == "README.txt":  # CRLF and a BOM already: read in Notepad on Windows
            target.write_text(content, encoding="utf-8-sig", newline="")
        else:
            target.write_text(content, encoding="utf-8")
    (temp / RECORD).write_text(_RECORD_NOTE + "".join(f"{inside}\n" for inside in sorted(wanted)), "utf-8")
    for inside in theirs:
        _copy_keeping_links(folder / inside, temp / inside)
    zip_files(name, {inside: temp / inside for inside in wanted}, zip_to)


def _editors_files(folder: Path, archive: Path, name: str) -> list[str]:
    """Paths in the folder not written by us (per its RECORD), empty folders included."""
    refuse = "Lệnh không ghi đè: hãy đổi tên hoặc chuyển nó đi rồi chạy lại."
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise PackageError(f"Đã có {folder}, nhưng đó là một tệp hoặc một liên kết, không phải thư mục. {refuse}")
    if archive.is_symlink() or archive.is_dir() or (archive.exists() and not _our_zip(archive, name)):
        raise PackageError(f"Đã có {archive}, nhưng đó không phải tệp do `cchc portal` tạo. {refuse}")
    if not folder.is_dir():
        return []
    record = folder / RECORD
    ours = set(record.read_text("utf-8").splitlines()[1:]) if record.is_file() else set()
    found = []
    for parent, dirs, files in os.walk(folder):
        here = Path(parent).relative_to(folder)
        if not dirs and not files and here != Path("."):
            found.append(here.as_posix())  # an empty folder the editor made
        found += [(here / n).as_posix() for n in files + [d for d in dirs if (Path(parent) / d).is_symlink()]]
    return [f for f in found if f not in ours and f != RECORD]


def _our_zip(archive: Path, name: str) -> bool:
    """A zip this command wrote: every entry under `<name>/`, with our fixed time."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        return False
    return bool(infos) and all(i.filename.startswith(f"{name}/") and i.date_time == ZIP_TIME for i in infos)


def _copy_keeping_links(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        target.mkdir(exist_ok=True)
    else:
        shutil.copy2(source, target)


def zip_files(name: str, files: dict[str, Path], archive: Path) -> None:
    """A reproducible zip: sorted entries, fixed times and permissions, `name/` as its root."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for inside, path in sorted(files.items()):
            info = zipfile.ZipInfo(f"{name}/{inside}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whichever machine builds it
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())


def run(month_text: str, config_file: str, out_dir: Path) -> int:
    """The `cchc portal YYYY-MM` command: 0 when the package is written, 1 when refused."""
    from mkdocs.config import load_config

    from ..config.settings import read_settings
    from ..outputs.render import MarkdownRenderer
    from ..site import load_site

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
    portal.check_month(row, notes)
    for warning in notes.warnings:
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    renderer = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
    template = config.theme.get_env().get_template("cchc/portal_article.html")
    articles = build_articles(
        row.kept, site.images, renderer.html, template.render, base, settings.unit, site.media_files
    )
    readme = readme_text(articles, year, month, settings.unit, base)
    try:
        package = write_package(out_dir, package_name(year, month), articles, readme)
    except PackageError as exc:
        print(exc, file=sys.stderr)
        return 1
    _tell_written(package, len(articles))
    return 0


def _tell_written(package: Package, count: int) -> None:
    print(
        f"Đã tạo {package.folder.name}/ ({count} bài) và {package.archive.name}: đính kèm tệp "
        f"{package.archive.name} vào thư gửi Ban Biên tập Cổng TTĐT CCHC tỉnh."
    )
    if package.kept:
        print(
            f"Các tệp bạn tự thêm vào {package.folder.name}/ được giữ nguyên nhưng không có trong "
            f"{package.archive.name}: {', '.join(package.kept)}. Nếu cần gửi, hãy đính kèm riêng."
        )
