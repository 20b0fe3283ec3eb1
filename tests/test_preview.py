"""`cchc serve`'s quick preview (MkDocs `serve --dirty` with our fingerprints) shows what a clean build shows.

The demo's posts, plans and pages are built as `mkdocs serve --dirty` rebuilds them after each
save (a new config, the same hooks), through a sequence of edits of one post, then compared
file by file with a clean preview build of the final content.
"""

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import NOW_EPOCH, REPO, write_project

SERVE_URL = "http://127.0.0.1:8000/"
POST = "posts/2026/04/kham-benh-bhyt-bang-vneid.md"
OLD_SLUG = "kham-benh-bao-hiem-y-te-bang-can-cuoc-va-ung-dung-vneid"
NEW_SLUG = "kham-bhyt-bang-can-cuoc-va-ung-dung-vneid"
EDITS = [  # (what an editor changes, old text, new text)
    ("body", "\n## ", "\nMột đoạn mới, dưới phần tóm tắt.\n\n## "),
    ("title", "title: Khám bệnh bảo hiểm y tế bằng căn cước", "title: Khám BHYT bằng căn cước"),
    ("date", "date: 2026-04-08 07:45", "date: 2026-06-20 09:00"),
    ("area", "categories: [chinh-quyen-so, thu-tuc-hanh-chinh]", "categories: [to-chuc-bo-may]"),
    ("tasks", 'tasks: ["4.2"]', 'tasks: ["03", "4.1"]'),
]


def _serve_build(config_file: Path, site_dir: Path, dirty: bool) -> None:
    """What `mkdocs serve`'s builder does at each save: a fresh config, the hooks kept, a build."""
    config = load_config(str(config_file), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=dirty)


def _startup(config_file: Path, dirty: bool):
    config = load_config(str(config_file))
    config.plugins.on_startup(command="serve", dirty=dirty)
    return config


def _tree(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}


def _stamps(site_dir: Path) -> dict[str, int]:
    return {p.relative_to(site_dir).as_posix(): p.stat().st_mtime_ns for p in site_dir.rglob("*.html")}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    for folder in ("posts", "plans", "docs", "documents"):  # the demo's content
        shutil.copytree(REPO / folder, root / folder)
    config_file = write_project(root)
    rewritten = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
        startup = _startup(config_file, dirty=True)
        try:
            _serve_build(config_file, root / "served", dirty=True)
            for what, old, new in EDITS:
                before = _stamps(root / "served")
                path = root / POST
                text = path.read_text(encoding="utf-8")
                assert old in text, what
                path.write_text(text.replace(old, new, 1), encoding="utf-8")
                _serve_build(config_file, root / "served", dirty=True)
                after = _stamps(root / "served")
                rewritten[what] = {page for page, stamp in after.items() if before.get(page) != stamp}
        finally:
            startup.plugins.on_shutdown()
        startup = _startup(config_file, dirty=False)
        try:
            _serve_build(config_file, root / "clean", dirty=False)
        finally:
            startup.plugins.on_shutdown()
    return _tree(root / "served"), _tree(root / "clean"), rewritten


def test_after_edits_of_body_title_date_area_and_tasks_the_preview_equals_a_clean_build(served):
    preview, clean, _ = served
    assert sorted(preview) == sorted(clean)
    different = [name for name in clean if preview[name] != clean[name]]
    assert different == []
    assert f"cchc/2026/06/{NEW_SLUG}/index.html" in preview  # its address follows title and date
    assert not [name for name in preview if OLD_SLUG in name]  # nothing left at the old one


def test_a_body_edit_renders_only_its_post_again(served):
    _, _, rewritten = served
    post = f"cchc/2026/04/{OLD_SLUG}/"
    assert rewritten["body"] - {"404.html"} == {post + "index.html", post + "niem-yet.html"}  # and its A4 notice


def test_a_title_edit_renders_the_pages_listing_the_post_not_every_page(served):
    preview, _, rewritten = served
    pages = {name for name in preview if name.endswith(".html")}
    changed = rewritten["title"] - {"404.html"}
    assert f"cchc/2026/04/{NEW_SLUG}/index.html" in changed
    assert "cchc/index.html" in changed and "index.html" in changed  # the landing, the home page
    far = "cchc/2025/12/ra-soat-he-thong-hoa-van-ban-noi-bo-nam-2025/index.html"  # not a neighbour, another area
    assert far in pages and far not in changed and len(changed) < len(pages)
