"""The repository as a unit clones it: the demo content builds cleanly and looks alive."""

import hashlib
import re
import shutil
from itertools import pairwise

import pytest

from conftest import REPO, build_at_now, run_build


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    for name in ("posts", "plans", "docs", "documents"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    return build_at_now(root, strict=True)


def test_demo_has_many_posts_over_every_area(demo):
    posts = [p for p in demo.glob("cchc/20*/*/*/index.html")]
    assert len(posts) >= 15
    for area in demo.glob("cchc/linh-vuc/*/index.html"):
        assert "cchc-card" in area.read_text(encoding="utf-8"), f"{area} has no posts"


def test_demo_spans_the_last_twelve_months(demo):
    months = {p.parent.relative_to(demo / "cchc").as_posix() for p in demo.glob("cchc/20*/*/index.html")}
    assert len(months) >= 12


def test_demo_portal_feed_has_one_to_three_items_a_month_and_parses(demo):
    import feedparser

    parsed = feedparser.parse(demo / "cchc/portal.xml")
    assert not parsed.bozo
    months: dict[str, int] = {}
    for entry in parsed.entries:
        month = entry.link.split("/cchc/")[1][:7]
        months[month] = months.get(month, 0) + 1
    assert len(months) == 12 and all(1 <= n <= 3 for n in months.values()), months
    assert not feedparser.parse(demo / "cchc/rss.xml").bozo


def test_demo_has_a_calendar_for_every_month_of_its_posts(demo):
    post_months = {p.parent.parent.relative_to(demo / "cchc").as_posix() for p in demo.glob("cchc/20*/*/*/index.html")}
    for month in post_months:
        page = (demo / "cchc/lich" / month / "index.html").read_text(encoding="utf-8")
        assert "cchc-cal__posts" in page, f"calendar of {month} shows no posts"
    landing = (demo / "cchc/index.html").read_text(encoding="utf-8")
    assert 'aria-labelledby="cchc-calendar"' in landing and "Tháng 11 năm 2026" in landing
    assert (demo / "cchc/lich.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    march = (demo / "cchc/lich/2026/03/index.html").read_text(encoding="utf-8")
    assert 'class="cchc-cal__thumb"' in march and "-480w-" in march  # the day's cover, as a thumbnail


def test_demo_images_carry_no_metadata_and_every_img_has_a_size(demo):
    from PIL import Image

    from cchc.readers.htmltags import IMG_TAG, tag_attrs

    published = [p for p in demo.glob("cchc/**/*") if p.suffix in (".jpg", ".jpeg", ".png", ".webp")]
    assert len(published) >= 8
    for path in published:
        with Image.open(path) as im:
            assert dict(im.getexif()) == {} and "exif" not in im.info, path
    pages = [p for p in demo.glob("cchc/**/index.html")]
    imgs = [tag_attrs(tag) for p in pages for tag in IMG_TAG.findall(p.read_text(encoding="utf-8"))]
    assert len(imgs) >= 4
    assert all(img.get("width") and img.get("height") for img in imgs)


def test_demo_plan_shows_progress_from_the_demo_posts(demo):
    page = (demo / "cchc/ke-hoach/2026-tuyen-truyen-cchc/index.html").read_text(encoding="utf-8")
    assert "Trung tâm Y tế Mẫu" in page and "ngày 05 tháng 02 năm 2026" in page
    summary = page[page.index("cchc-status-counts") : page.index("</ul>", page.index("cchc-status-counts"))]
    counts = dict(re.findall(r">([^<]+)</span> <strong>(\d+)</strong>", summary))
    assert set(counts) == {"Hoàn thành", "Đang thực hiện", "Sắp đến hạn", "Quá hạn", "Thường xuyên"}
    assert all(int(n) > 0 for n in counts.values()), counts  # the demo shows every status
    assert "8/9 tháng" in page and "Khám bệnh bảo hiểm y tế bằng căn cước" in page
    landing = (demo / "cchc/index.html").read_text(encoding="utf-8")
    assert 'href="ke-hoach/2026-tuyen-truyen-cchc/"' in landing


def test_demo_builds_to_the_same_bytes_twice(tmp_path, monkeypatch):
    """Everything at once (images encoded cold, plans, calendars, feeds, .ics): reproducible."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795410000")
    digests = []
    for name in ("a", "b"):
        root = tmp_path / name
        for folder in ("posts", "plans", "docs", "documents"):
            shutil.copytree(REPO / folder, root / folder)
        site_dir = run_build(root)
        digests.append(
            {
                p.relative_to(site_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(site_dir.rglob("*"))
                if p.is_file()
            }
        )
    assert digests[0] == digests[1]


def test_every_section_page_has_one_h1_first_and_no_skipped_heading_level(demo):
    for page in sorted(demo.glob("cchc/**/index.html")):
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", page.read_text(encoding="utf-8"))]
        where = page.relative_to(demo).as_posix()
        assert levels[:1] == [1] and levels.count(1) == 1, (where, levels)
        assert all(b <= a + 1 for a, b in pairwise(levels)), (where, levels)
