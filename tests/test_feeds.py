"""End-to-end: the section's RSS and the portal feed, as a feed reader and the portal see them."""

import re
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import feedparser
import pytest
from mkdocs.exceptions import Abort

from cchc.outputs.feeds import Channel, FeedContext, media_type, render_feed, site_feed_posts
from conftest import HOSTILE_BODY, build_at_now, make_post, png, post, run_build, write_tree

BASE = "https://ttyt-mau.example.gov.vn/"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


FILES = {
    "posts/2026/10/anh/bia.png": png(),
    "posts/2026/10/co-anh-bia.md": post(
        "Bài có ảnh bìa",
        "2026-10-05 08:00",
        "Nội dung có [đường dẫn tương đối](../../../../gioi-thieu/) và ![ảnh](anh/bia.png).",
        authors=["Nguyễn Thị Lan"],
        categories=["thu-tuc-hanh-chinh"],
        tags=["VNeID"],
        image="anh/bia.png",
        portal=True,
    ),
    "posts/2026/10/doc-hai.md": post(
        "Bài <script>alert(1)</script> & ký tự lạ",
        "2026-10-12 09:15",
        HOSTILE_BODY,
        summary='Tóm tắt <b onmouseover="alert(0)">đậm</b>.',
        portal=True,
    ),
    "posts/2026/11/thuong.md": post("Bài thường không gửi Cổng", "2026-11-02 10:00"),
    "posts/2026/11/gui-cong.md": post("Bài gửi Cổng tháng 11", "2026-11-03 10:00", portal=True),
    "posts/2026/11/nhap.md": post("Bản nháp gửi Cổng", "2026-11-04 10:00", portal=True, draft=True),
    "posts/2026/12/hen-gio.md": post("Bài hẹn giờ gửi Cổng", "2026-12-01 08:00", portal=True),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds")
    write_tree(root, FILES)
    return build_at_now(root, strict=True)


def feed(site_dir, name):
    raw = (site_dir / "cchc" / name).read_bytes()
    return raw, feedparser.parse(raw), ElementTree.fromstring(raw)


@pytest.mark.parametrize("name", ["rss.xml", "portal.xml"])
def test_feeds_are_well_formed_rss_with_the_channel_the_validator_wants(built, name):
    raw, parsed, root = feed(built, name)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    channel = root.find("channel")
    assert channel.findtext("link") == f"{BASE}cchc/"  # the section page, not the feed
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == f"{BASE}cchc/{name}"
    assert self_link.get("type") == "application/rss+xml"
    assert channel.findtext("language") == "vi"
    assert channel.findtext("lastBuildDate") == "Mon, 23 Nov 2026 12:00:00 +0700"  # SOURCE_DATE_EPOCH
    assert channel.findtext("title") and channel.findtext("description")
    assert b'length="None"' not in raw


@pytest.mark.parametrize("name", ["rss.xml", "portal.xml"])
def test_items_have_absolute_urls_permalinks_and_vietnam_dates(built, name):
    _, parsed, root = feed(built, name)
    items = root.find("channel").findall("item")
    assert items
    for item, entry in zip(items, parsed.entries, strict=True):
        link = item.findtext("link")
        assert link.startswith(f"{BASE}cchc/2026/")
        guid = item.find("guid")
        assert guid.text == link and guid.get("isPermaLink") == "true"
        published = item.findtext("pubDate")
        assert published.endswith("+0700")
        assert parsedate_to_datetime(published).utcoffset().total_seconds() == 7 * 3600
        assert entry.published_parsed  # feedparser reads the date
        assert entry.get("author")
        assert item.findtext("description")
        html = item.findtext(CONTENT)
        urls = re.findall(r'(?:href|src)="([^"]*)"', html)
        assert all(u.startswith(("https://", "mailto:")) for u in urls), urls
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_cover_image_is_an_enclosure_with_its_real_size(built):
    _, parsed, _ = feed(built, "portal.xml")
    (entry,) = [e for e in parsed.entries if e.title == "Bài có ảnh bìa"]
    (enclosure,) = entry.enclosures
    assert enclosure.href == f"{BASE}cchc/2026/10/bai-co-anh-bia/anh/bia.png"
    assert int(enclosure.length) == (built / "cchc/2026/10/bai-co-anh-bia/anh/bia.png").stat().st_size
    assert enclosure.type == "image/png"
    assert [t.term for t in entry.tags] == ["Cải cách thủ tục hành chính", "VNeID"]
    assert entry.author == "Nguyễn Thị Lan"
    assert f'src="{BASE}cchc/2026/10/bai-co-anh-bia/anh/bia.png"' in entry.content[0].value
    assert f'href="{BASE}gioi-thieu/"' in entry.content[0].value


def test_only_published_posts_appear_portal_feed_only_portal_ones(built):
    site_titles = [e.title for e in feed(built, "rss.xml")[1].entries]
    portal_titles = [e.title for e in feed(built, "portal.xml")[1].entries]
    assert portal_titles == ["Bài gửi Cổng tháng 11", "Bài <script>alert(1)</script> & ký tự lạ", "Bài có ảnh bìa"]
    assert "Bài thường không gửi Cổng" in site_titles and len(site_titles) == 4
    for title in ("Bản nháp gửi Cổng", "Bài hẹn giờ gửi Cổng"):
        assert title not in site_titles and title not in portal_titles


@pytest.mark.parametrize("name", ["rss.xml", "portal.xml"])
def test_hostile_html_never_reaches_the_feed(built, name):
    raw, parsed, root = feed(built, name)
    assert not parsed.bozo
    (item,) = [i for i in root.iter("item") if "ký tự lạ" in i.findtext("title")]
    assert item.findtext("title") == "Bài <script>alert(1)</script> & ký tự lạ"  # text, escaped by XML
    html = item.findtext(CONTENT)
    lowered = html.lower()
    for bad in ("<script", "<style", "<iframe", "onmouseover", "onclick", "onerror", "javascript:", "position:fixed"):
        assert bad not in lowered, bad
    assert "alert(" not in lowered and "display: none" not in lowered
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html)
    assert "<b>chữ đậm</b>" in html and "Đoạn cuối." in html and "dán từ Word." in html
    assert item.findtext("description") == "Tóm tắt đậm."


def test_landing_page_links_both_feeds(built):
    page = (built / "cchc/index.html").read_text(encoding="utf-8")
    assert 'href="portal.xml"' in page and 'href="rss.xml"' in page


def test_plan_page_shows_the_portal_quota_of_its_year(site):
    plan = (
        "title: Kế hoạch tuyên truyền CCHC năm 2026\nyear: 2026\nissuer: Trung tâm Y tế Mẫu\n"
        "portal: {per_month: [1, 3], before_day: 20}\ntasks:\n  - {stt: 1, title: Đưa tin CCHC}\n"
    )
    files = {k: v for k, v in FILES.items() if k.startswith("posts/")}
    built = site({**files, "plans/2026-cchc.yaml": plan})
    page = (built / "cchc/ke-hoach/2026-cchc/index.html").read_text(encoding="utf-8")
    table = page[page.index('id="cchc-portal"') :]
    rows = re.findall(r"<tr class=\"cchc-portal__(\w+)\">\s*<td>(.*?)</td>\s*<td>(\d+)</td>", table)
    rows = [(status, re.sub("<[^>]+>", "", month), count) for status, month, count in rows]
    assert len(rows) == 12 and rows[0] == ("short", "1/2026", "0")
    assert ("ok", "10/2026", "2") in rows and ("ok", "11/2026", "1") in rows
    assert rows[-1][1] == "12/2026" and rows[-1][0] != "short"  # not due yet
    assert 'id="cchc-portal"' not in (built / "cchc/index.html").read_text(encoding="utf-8")


def test_quota_problems_are_warnings_fatal_under_strict(site, caplog):
    files = {f"posts/bai-{d}.md": post(f"Bài ngày {d}", f"2026-10-0{d} 08:00", portal=True) for d in range(1, 5)}
    files["posts/tre.md"] = post("Bài gửi muộn", "2026-11-20 08:00", portal=True)
    built = site(files)
    messages = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("Tháng 10/2026 có 4 bài" in m and "posts/bai-4.md" in m for m in messages)
    assert not any(m.startswith("posts/tre.md") for m in messages)  # published late: shown, cannot be mended
    titles = [e.title for e in feedparser.parse(built / "cchc/portal.xml").entries]
    assert titles == ["Bài gửi muộn", "Bài ngày 3", "Bài ngày 2", "Bài ngày 1"]
    with pytest.raises(Abort):
        site(files, strict=True)


def test_a_missing_site_url_stops_the_build_with_a_clear_message(tmp_path, now_epoch, caplog):
    write_tree(tmp_path, {"posts/a.md": post("Bài")})
    with pytest.raises(Abort):
        run_build(tmp_path, site_url=None)
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert "mkdocs.yml" in message and "site_url" in message


def context(tmp_path, **kwargs):
    values = {
        "base_url": BASE,
        "unit": "Trung tâm Y tế Mẫu",
        "contents": {},
        "summaries": {},
        "site_dir": tmp_path,
        "now": make_post("2026-11-23 12:00").date,
        "tz": make_post("2026-11-23 12:00").date.tzinfo,
    }
    return FeedContext(**{**values, **kwargs})


def test_the_site_feed_holds_the_latest_thirty(tmp_path):
    posts = [make_post(f"2026-{1 + i // 28:02d}-{1 + i % 28:02d} 08:00", f"bai-{i}") for i in range(35)]
    chosen = site_feed_posts(posts, context(tmp_path).now)
    assert len(chosen) == 30 and chosen[0].slug == "bai-34" and chosen[-1].slug == "bai-5"


def test_same_posts_and_now_give_the_same_bytes(tmp_path):
    posts = [make_post("2026-10-05 08:00", "mot", authors=("A",)), make_post("2026-10-06 08:00", "hai")]
    channel = Channel("Kênh", "Mô tả", "cchc/rss.xml")
    first = render_feed(channel, posts, context(tmp_path))
    assert first == render_feed(channel, posts, context(tmp_path))
    assert b"<dc:creator>Trung t\xc3\xa2m Y t\xe1\xba\xbf M\xe1\xba\xabu</dc:creator>" in first  # no author: the unit


def test_media_types_do_not_depend_on_the_machine():
    assert media_type("anh/a.JPG") == "image/jpeg"
    assert media_type("anh/a.webp") == "image/webp"
    assert media_type("anh/a.avif") == "image/avif"
