"""The section's URL scheme: one module writes every path, and the base path is a setting."""

import re
import shutil
import subprocess
from xml.etree import ElementTree

import pytest

from cchc.config.errors import Collector
from cchc.config.settings import read_settings
from conftest import REPO, build_at_now, write_tree

MOVED = "tin-cchc"
HOME = """\
---
template: cchc/home.html
---
# Trang chủ
"""


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """The demo's posts and plan, built with `extra.cchc.section: tin-cchc`."""
    root = tmp_path_factory.mktemp("section")
    shutil.copytree(REPO / "posts", root / "posts")
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "documents", root / "documents")  # the demo posts cite them
    write_tree(root, {"docs/index.md": HOME})
    extra = {"cchc": {"unit": "Trung tâm Y tế Mẫu", "section": MOVED}}
    nav = [{"Trang chủ": "index.md"}, {"Cải cách hành chính": f"{MOVED}/index.md"}]
    return build_at_now(root, strict=True, extra=extra, nav=nav, not_in_nav=f"/{MOVED}/**\n")


def test_no_path_literal_outside_the_url_module():
    """`grep "'cchc/\\|\\"cchc/" hooks overrides` finds only urls.py, apart from template names."""
    found = subprocess.run(
        ["grep", "-rn", "--include=*.py", "--include=*.html", "'cchc/\\|\"cchc/", "hooks", "overrides"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    # Template names stay `cchc/…html`: units' docs/index.md names `template: cchc/home.html`.
    paths = [line for line in found if not re.search(r"""["']cchc/[\w.]+\.html["']""", line)]
    assert [line for line in paths if not line.startswith("hooks/cchc/urls.py:")] == []


def test_every_page_and_file_moves_with_the_section(moved):
    assert not (moved / "cchc").exists()
    section = moved / MOVED
    for page in ("", "trang/1/", "ke-hoach/", "ke-hoach/2026-tuyen-truyen-cchc/", "lich/", "lich/2026/03/", "2026/"):
        assert (section / page / "index.html").is_file(), page
    for name in ("rss.xml", "portal.xml", "lich.ics"):
        assert (section / name).is_file(), name
    assert list(section.glob("2026/*/*/index.html")), "post pages"
    assert list(section.glob("linh-vuc/*/index.html")) and list(section.glob("the/*/index.html"))


def test_no_link_points_at_the_old_path(moved):
    left = []
    for path in moved.rglob("*"):
        text = path.read_text("utf-8") if path.suffix in (".html", ".xml", ".ics", ".json") else ""
        if re.search(r"(?<![\w.-])cchc/", text):
            left.append(path.relative_to(moved).as_posix())
    assert left == []


def test_the_feeds_link_the_moved_pages(moved):
    channel = ElementTree.parse(moved / MOVED / "rss.xml").getroot().find("channel")
    assert channel.findtext("link") == f"https://ttyt-mau.example.gov.vn/{MOVED}/"
    items = [item.findtext("link") for item in channel.iter("item")]
    assert items and all(link.startswith(f"https://ttyt-mau.example.gov.vn/{MOVED}/20") for link in items)
    for link in items:
        assert (moved / link.removeprefix("https://ttyt-mau.example.gov.vn/") / "index.html").is_file()


def test_the_landing_and_post_pages_link_inside_the_section(moved):
    landing = (moved / "index.html").read_text("utf-8")
    assert f'href="{MOVED}/trang/1/"' in landing and f'href="{MOVED}/ke-hoach/"' in landing
    post = next((moved / MOVED).glob("2026/*/*/index.html")).read_text("utf-8")
    assert 'href="../../../"' in post  # the breadcrumb's section link, three levels up


@pytest.mark.parametrize("value", ["Cải cách", "a/b", "../x", ""])
def test_a_section_path_that_is_not_one_plain_segment_is_an_error(value):
    problems = Collector()
    settings = read_settings("Đơn vị", {"cchc": {"section": value}}, problems)
    assert settings.section == "cchc"
    (error,) = problems.errors
    assert "extra.cchc.section" in str(error) and "chữ thường không dấu" in str(error)
