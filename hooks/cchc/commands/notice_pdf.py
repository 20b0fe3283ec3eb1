"""`cchc in BÀI`: a post's printed notice (niêm yết) as a print-ready A4 PDF.

The PDF is the notice page the build writes beside the post (`…/<slug>/niem-yet.html`), printed
by Chromium's own print-to-PDF (`chromium --headless --print-to-pdf`): the same layout as a
browser's print, A4 from the page's `@page` rule. It is the Chromium `setup.sh` installs for the
tests, run as a program: no Python package is added (Playwright stays a test dependency). The
PDF then goes through the attachments' cleaner, which drops what Chromium writes about itself
and the time (creator, creation date), so the same notice gives the same bytes.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf

from ..config import urls
from ..config.clock import build_now
from ..config.errors import Collector, format_report
from ..config.project import open_project
from ..model.collection import load_posts
from ..outputs.documents import clean_pdf
from ..readers.posts import POST_SUFFIXES, Post
from . import disk

# Headless, offline, with a profile of its own: nothing of the user's browser is read or changed.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


@dataclass(frozen=True)
class Printable:
    """What has a notice: its file, its slug, the notice's site path, whether the site shows it."""

    source: str
    slug: str
    notice: str  # site-relative: `urls.notice`
    published: bool


def post_printable(post: Post, now: datetime) -> Printable:
    return Printable(
        post.source, post.slug, urls.notice(post.section, post.local_date, post.slug), post.is_published(now)
    )


def find_printable(target: str, posts: Iterable[Post], now: datetime) -> Printable | None:
    """What `target` names: a post's file (posts/2026/03/bai.md), its slug, or its page's or notice's address."""
    text = target.strip()
    if text.lower().endswith(POST_SUFFIXES):
        wanted = Path(text).resolve()
        found = next((post for post in posts if post.path.resolve() == wanted), None)
    else:
        slug = urlsplit(text).path.removesuffix(urls.NOTICE_FILE).strip("/").rsplit("/", 1)[-1]
        found = next((post for post in posts if post.slug == slug), None)
    return post_printable(found, now) if found else None


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def print_pdf(browser: str, page: Path, work: Path) -> bytes:
    """`page` printed to PDF by Chromium; RuntimeError (Vietnamese) when it could not."""
    out = work / "in.pdf"
    args = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium'}", f"--print-to-pdf={out}", page.as_uri()]
    try:
        subprocess.run(args, capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        raise RuntimeError("Chromium không in xong sau 2 phút.") from None
    if not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError("Chromium không tạo được tệp PDF.")
    return clean_pdf(out.read_bytes())


def page_count(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def run(target: str, output: str | None, force: bool, config_file: Path, build: Callable[[Path], int]) -> int:
    """The command: 0 when the PDF is written, 1 when refused or failed (the reason printed)."""
    problems = Collector()
    project = open_project(config_file, problems)
    if project is None:
        return 1
    found = find_printable(target, load_posts(project.root, project.settings, problems), build_now())
    if problems.errors:
        print(format_report(problems.errors), file=sys.stderr)
        return 1
    refusal = _refusal(target, found, output, force)
    if refusal or found is None:
        print(refusal, file=sys.stderr)
        return 1
    browser = chromium()
    if browser is None:
        print(
            "Cần trình duyệt Chromium để in ra PDF: chạy `bash setup.sh` (cài Chromium) rồi thử lại.", file=sys.stderr
        )
        return 1
    out = _output(found, output)
    with tempfile.TemporaryDirectory(prefix="cchc-in-") as work:
        site_dir = Path(work) / "site"
        if build(site_dir) != 0:
            return 1
        try:
            data = print_pdf(browser, site_dir / found.notice, Path(work))
        except (RuntimeError, ValueError) as exc:
            print(f"Không in được bản niêm yết: {exc}", file=sys.stderr)
            return 1
    temp = disk.temp_beside(out)
    temp.write_bytes(data)
    os.replace(temp, out)  # whole or absent
    print(f"Đã ghi {out}: bản niêm yết A4, {page_count(data)} trang. Khi in, chọn khổ A4, tỉ lệ 100%.")
    return 0


def _output(found: Printable, output: str | None) -> Path:
    return Path(output) if output else Path.cwd() / f"niem-yet-{found.slug}.pdf"


def _refusal(target: str, found: Printable | None, output: str | None, force: bool) -> str:
    """Why the command will not print, or ""."""
    if found is None:
        return (
            f'Không tìm thấy bài "{target}". Ghi tệp bài (ví dụ posts/2026/03/bai.md), '
            "đường dẫn của bài (slug) hoặc địa chỉ trang của bài."
        )
    if not found.published:
        return f"{found.source}: bài chưa đăng (bản nháp hoặc hẹn giờ đăng) nên chưa có bản niêm yết."
    out = _output(found, output)
    if out.exists() and not force:
        return f"Đã có tệp {out}; thêm --force để ghi đè, hoặc chọn tên khác với -o."
    if not out.parent.is_dir():
        return f"Không có thư mục {out.parent}."
    return ""
