"""End-to-end: the documents register (/van-ban/) of the demo, as citizens and feed readers get it."""

import html
import json
import re
import shutil

import feedparser
import pikepdf
import pytest
from browser import browser_page, needs_chromium, serve

from conftest import REPO, build_at_now

REGISTER = "van-ban/"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("documents")
    for name in ("posts", "plans", "docs", "documents"):
        shutil.copytree(REPO / name, root / name)
    return build_at_now(root, strict=True)  # strict: the demo's documents raise no warning either


def page(site, url):
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def rows(site, url):
    """The register table's body rows, each as the texts of its cells."""
    body = page(site, url).split('<table class="cchc-register">', 1)[1].split("</tbody>", 1)[0].split("<tbody>", 1)[1]
    return [
        [text_of(c) for c in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)] for row in body.split("</tr>")[:-1]
    ]


def test_the_register_lists_every_document_newest_first_with_its_file(demo):
    found = rows(demo, REGISTER)
    numbers = [row[0] for row in found]
    assert numbers == ["08/HD-TTYT", "156/BC-TTYT", "35/QĐ-TTYT", "45/KH-TTYT", "120/KH-SYT", "90/QĐ-TTYT"]
    plan = found[3]
    assert plan[1:5] == ["5/2/2026", "Tuyên truyền cải cách hành chính năm 2026", "Trung tâm Y tế Mẫu", "Kế hoạch"]
    assert re.fullmatch(r"Tải PDF \(\d+,\d KB\)", plan[5])
    assert found[5][2].endswith("Hết hiệu lực") and "Hết hiệu lực" not in plan[2]  # expired on 31/12/2025
    index = page(demo, REGISTER)
    assert 'href="2026/45-kh-ttyt/45-kh-ttyt.pdf"' in index and 'href="2026/45-kh-ttyt/"' in index


def test_filter_pages_per_year_type_and_issuer_are_plain_links(demo):
    index = page(demo, REGISTER)
    nav = index.split('class="cchc-register-filters"', 1)[1].split("</nav>", 1)[0]
    for link in ("2026/", "2025/", "loai/quyet-dinh/", "loai/ke-hoach/", "co-quan/so-y-te-tinh-mau/"):
        assert f'href="{link}"' in nav, link
    assert [row[0] for row in rows(demo, "van-ban/2025/")] == ["90/QĐ-TTYT"]
    assert [row[0] for row in rows(demo, "van-ban/loai/quyet-dinh/")] == ["35/QĐ-TTYT", "90/QĐ-TTYT"]
    assert [row[0] for row in rows(demo, "van-ban/co-quan/so-y-te-tinh-mau/")] == ["120/KH-SYT"]
    year = page(demo, "van-ban/2025/")
    assert "<h1>Văn bản năm 2025</h1>" in year and 'href="./" aria-current="page">2025 (1)' in year


def test_a_document_page_shows_its_metadata_file_and_what_cites_it(demo):
    doc = page(demo, "van-ban/2026/45-kh-ttyt/")
    assert "<h1>Kế hoạch 45/KH-TTYT: Tuyên truyền cải cách hành chính năm 2026</h1>" in doc
    meta = dict(re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", doc, re.S))
    assert text_of(meta["Số, ký hiệu"]) == "45/KH-TTYT" and text_of(meta["Người ký"]) == "Nguyễn Văn Minh"
    assert text_of(meta["Cơ quan ban hành"]) == "Trung tâm Y tế Mẫu" and text_of(meta["Tình trạng"]) == "Còn hiệu lực"
    assert 'href="45-kh-ttyt.pdf"' in meta["Tệp"]
    # The demo's PDF names its author and the path it was saved from: the published copy does not.
    with pikepdf.open(REPO / "documents/2026/45-kh-ttyt.pdf") as source:
        assert "/Author" in source.docinfo
    with pikepdf.open(demo / "van-ban/2026/45-kh-ttyt/45-kh-ttyt.pdf") as published:
        assert "/Info" not in published.trailer and len(published.pages) == 1
    assert (
        'href="../../../cchc/2026/02/hoi-nghi-trien-khai-ke-hoach-cai-cach-hanh-chinh-nam-2026/"' in doc
    )  # the post citing it
    assert 'href="../../../cchc/ke-hoach/2026-tuyen-truyen-cchc/#nv-1"' in doc  # the task it is the output of
    assert 'href="../../../cchc/ke-hoach/2026-tuyen-truyen-cchc/"' in doc  # the plan whose number it is
    expired = page(demo, "van-ban/2025/90-qd-ttyt/")
    assert 'cchc-status--expired">Hết hiệu lực</span>' in expired
    assert text_of(dict(re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", expired, re.S))["Tình trạng"]) == "Hết hiệu lực"


def test_the_register_feed_parses_and_carries_each_file(demo):
    feed = feedparser.parse(demo / "van-ban/rss.xml")
    assert not feed.bozo and feed.feed.link == "https://ttyt-mau.example.gov.vn/van-ban/"
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 6 and titles[0] == "Hướng dẫn 08/HD-TTYT: Triển khai bệnh án điện tử tại các khoa lâm sàng"
    plan = next(entry for entry in feed.entries if "45/KH-TTYT" in entry.title)
    assert plan.link == "https://ttyt-mau.example.gov.vn/van-ban/2026/45-kh-ttyt/"
    (enclosure,) = plan.enclosures
    published = demo / "van-ban/2026/45-kh-ttyt/45-kh-ttyt.pdf"
    assert enclosure.type == "application/pdf" and int(enclosure.length) == published.stat().st_size
    assert enclosure.href == "https://ttyt-mau.example.gov.vn/van-ban/2026/45-kh-ttyt/45-kh-ttyt.pdf"


def test_a_post_links_the_documents_it_names(demo):
    post = page(demo, "cchc/2026/02/hoi-nghi-trien-khai-ke-hoach-cai-cach-hanh-chinh-nam-2026/")
    links = post.split("Văn bản liên quan:", 1)[1].split("</p>", 1)[0]
    assert 'href="../../../../van-ban/2026/45-kh-ttyt/">Kế hoạch 45/KH-TTYT</a>' in links
    assert 'href="../../../../van-ban/2026/120-kh-syt/">Kế hoạch 120/KH-SYT</a>' in links
    assert "Văn bản liên quan" not in page(
        demo, "cchc/2026/03/trung-tam-trien-khai-thanh-toan-vien-phi-khong-dung-tien-mat/"
    )


def test_the_plan_links_its_document_and_a_document_completes_a_task(demo):
    plan = page(demo, "cchc/ke-hoach/2026-tuyen-truyen-cchc/")
    assert '<a href="../../../van-ban/2026/45-kh-ttyt/">Xem văn bản và tải tệp</a>' in plan
    # Task 09 has no post: the guide 08/HD-TTYT (its "văn bản triển khai") makes it done.
    row = plan.split('id="nv-9"', 1)[1].split("</tr>", 1)[0]
    assert 'cchc-status--done">Hoàn thành' in row and 'href="../../../van-ban/2026/08-hd-ttyt/"' in row


def test_search_finds_the_documents_not_the_lists(demo):
    index = json.loads((demo / "search/search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["van-ban/2026/45-kh-ttyt/"] == "Kế hoạch 45/KH-TTYT: Tuyên truyền cải cách hành chính năm 2026"
    assert "van-ban/2026/08-hd-ttyt/" in titles and "van-ban/2025/90-qd-ttyt/" in titles
    assert not any(location in titles for location in (REGISTER, "van-ban/2026/", "van-ban/loai/ke-hoach/"))


def test_the_register_is_in_the_nav(demo):
    home = page(demo, "")
    assert re.search(r'<a href="van-ban/" class="md-tabs__link">\s*Văn bản\s*</a>', home)
    active = re.compile(r'<li class="md-tabs__item md-tabs__item--active">\s*<a[^>]*>\s*([^<]+?)\s*</a>')
    for url in (REGISTER, "van-ban/loai/ke-hoach/", "van-ban/2026/45-kh-ttyt/"):
        assert active.findall(page(demo, url)) == ["Văn bản"], url


@needs_chromium
def test_citizens_find_a_document_by_its_number_or_words_with_or_without_marks(demo):
    from test_browser_search import search

    with serve(demo) as base, browser_page() as browser:
        for query in ("bệnh án điện tử", "benh an dien tu", "08/HD-TTYT"):
            results = search(browser, base, query)
            assert results and "Hướng dẫn 08/HD-TTYT" in results[0], (query, results)
