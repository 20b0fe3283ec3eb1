"""Issue 11, cases 6, 7 and 9: editors' text reaches the <head>, the feeds and the disk safely."""

import html
from xml.etree import ElementTree

import pytest
from mkdocs.exceptions import Abort

from conftest import REPO, build_at_now, post, run_build, write_tree
from htmlparse import parse

# `"`, `<`, `>`, `&` and `onerror`, as an attacker would write them into a value printed in an attribute.
BREAKOUT = '"><img src=x onerror=alert(1)> & 0;url=https://evil.example/" http-equiv="refresh'
# Markdown keeps all of this as text, so the description must read it back as written.
SUMMARY = 'Tóm tắt "trích" a < b > c & d onerror=alert(2) 0;url=https://evil.example/" http-equiv="refresh'
UNIT = 'Trung tâm "Y tế" <Mẫu> & TT&GDSK'
AREA = 'Cải cách "thể chế" <b onmouseover=alert(3)>'
PLAN = f"""
title: 'Kế hoạch {BREAKOUT.replace("'", "''")}'
year: 2026
issuer: 'Trung tâm {BREAKOUT.replace("'", "''")}'
tasks:
  - {{stt: "01", title: Viết bài, schedule: {{due: 2026-12-20}}}}
"""
DOCS_PAGE = f"""---
title: 'Trang {BREAKOUT}'
description: 'Mô tả {BREAKOUT}'
author: 'Tác giả {BREAKOUT}'
---

Nội dung.
"""
TAG_PAGE = "cchc/the/the-img-src-x-onerror-alert-1-0-url-https-evil-example-http-equiv-refresh"
HEADING_PAGE = '# Giới thiệu &lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt; & "nhóm"\n\nNội dung.\n'


# Documents register: every value of a document, and its file's name, hostile.
FILE_NAME = 'tờ "trình" <b> & #1.pdf'
DOCUMENT = {
    "documents/vb.md": "---\n"
    + "".join(
        f"{key}: '{value.replace(chr(39), chr(39) * 2)}'\n"
        for key, value in {
            "number": f"45/KH {BREAKOUT}",
            "type": f"Kế hoạch {BREAKOUT}",
            "title": f"Trích yếu {BREAKOUT}",
            "issued": "2026-02-05",
            "issuer": f"Cơ quan {BREAKOUT}",
            "signer": BREAKOUT,
            "file": FILE_NAME,
        }.items()
    )
    + "---\n",
    f"documents/{FILE_NAME}": (REPO / "documents/2026/120-kh-syt.pdf").read_bytes(),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("inject")
    write_tree(
        root,
        {
            "posts/a.md": post(
                f"Tiêu đề {BREAKOUT}",
                "2026-10-05 08:00",
                summary=SUMMARY,
                tags=[f"thẻ {BREAKOUT}"],
                portal=True,
            ),
            "posts/b.md": post(
                "Bài có mã trong tóm tắt",
                "2026-10-06 08:00",
                summary="Viết `<img src=y onerror=alert(5)>` hoặc &lt;img src=z onerror=alert(6)&gt; của TT&amp;GDSK",
                portal=True,
            ),
            "plans/kh.yaml": PLAN,
            "docs/trang.md": DOCS_PAGE,
            "docs/tieu-de.md": HEADING_PAGE,
            **DOCUMENT,  # documents register
        },
    )
    extra = {"cchc": {"unit": UNIT, "areas": [{"key": "the-che", "label": AREA}]}}
    return build_at_now(root, site_name=f"Cổng {UNIT}", site_description=f"Mô tả {BREAKOUT}", extra=extra)


def page(site, url):
    return parse((site / url / "index.html").read_text(encoding="utf-8"))


def assert_head_is_ours(doc):
    """Only the elements and attributes a clean page has: nothing an editor's text opened."""
    for element in doc.head():
        assert element.tag in {"head", "meta", "title", "link", "script", "style", "noscript"}, element
        assert not [name for name in element.attrs if name.startswith("on") or name == "http-equiv"], element
        assert element.tag != "img", element


@pytest.mark.parametrize(
    "url",
    [
        "cchc/2026/10/tieu-de-img-src-x-onerror-alert-1-0-url-https-evil-example-http-equiv-refresh",
        "trang",
        "tieu-de",
        "cchc",
        "cchc/linh-vuc/the-che",
        "cchc/ke-hoach/kh",
        "cchc/ke-hoach",
        TAG_PAGE,
    ],
)
def test_case6_no_value_opens_an_element_or_attribute_in_the_head(built, url):
    doc = page(built, url)
    assert_head_is_ours(doc)
    assert doc.find("img", src="x") == []
    assert doc.event_handlers() == []


def test_case6_summary_quote_cannot_break_out_of_meta(built):
    doc = page(built, "cchc/2026/10/tieu-de-img-src-x-onerror-alert-1-0-url-https-evil-example-http-equiv-refresh")
    assert doc.meta("description") == SUMMARY
    assert doc.title == f"Tiêu đề {BREAKOUT} - Cổng {UNIT}"


def test_case6_titles_and_descriptions_read_back_as_written(built):
    docs = page(built, "trang")
    assert docs.title == f"Trang {BREAKOUT} - Cổng {UNIT}"
    assert docs.meta("description") == f"Mô tả {BREAKOUT}"
    assert docs.meta("author") == f"Tác giả {BREAKOUT}"
    heading = page(built, "tieu-de")
    assert heading.title == f'Giới thiệu </title><script>alert(4)</script> & "nhóm" - Cổng {UNIT}'
    assert heading.scripts() == docs.scripts()
    assert page(built, TAG_PAGE).title == f"Thẻ: thẻ {BREAKOUT} - Cổng {UNIT}"
    area = page(built, "cchc/linh-vuc/the-che")
    assert area.title == f"{AREA} - Cổng {UNIT}"
    assert area.meta("description") == f"Tin, bài thuộc lĩnh vực {AREA}."
    assert page(built, "cchc").meta("description") == f"Tin, bài về cải cách hành chính của {UNIT}."
    assert page(built, "cchc/ke-hoach").meta("description") == f"Mô tả {BREAKOUT}"  # the site's, by default


def test_case6_plan_title_and_issuer_reach_the_plan_head_as_text(built):
    doc = page(built, "cchc/ke-hoach/kh")
    assert doc.title == f"Kế hoạch {BREAKOUT} - Cổng {UNIT}"
    assert doc.meta("description") == (
        f"Kế hoạch {BREAKOUT} của Trung tâm {BREAKOUT}: nội dung, Phụ lục nhiệm vụ và tiến độ thực hiện."
    )


def test_case6_site_name_in_the_header_is_text(built):
    doc = page(built, "trang")
    labels = [e.attrs["aria-label"] for e in doc.find("a") if "md-logo" in e.attrs.get("class", "")]
    assert labels and set(labels) == {f"Cổng {UNIT}"}


def descriptions(site, name):
    root = ElementTree.fromstring((site / "cchc" / name).read_bytes())
    found = {}
    for item in root.iter("item"):
        read = parse(item.findtext("description"))  # as feed readers read it: HTML
        found[item.findtext("title")] = ([e.tag for e in read.elements], read.text)
    return found


@pytest.mark.parametrize("name", ["rss.xml", "portal.xml"])
def test_case7_feed_description_is_text_escaped_once(built, name):
    found = descriptions(built, name)
    tags, text = found["Bài có mã trong tóm tắt"]
    assert tags == []  # no element a reader would render
    assert text == "Viết <img src=y onerror=alert(5)> hoặc <img src=z onerror=alert(6)> của TT&GDSK"
    tags, text = found[f"Tiêu đề {BREAKOUT}"]
    assert tags == [] and text == SUMMARY


def test_case7_no_bare_ampersand_in_a_description(built):
    raw = (built / "cchc" / "rss.xml").read_text(encoding="utf-8")
    root = ElementTree.fromstring(raw.encode())
    for item in root.iter("item"):
        described = item.findtext("description")
        assert html.escape(html.unescape(described), quote=False) == described


def test_case9_a_post_linked_from_outside_the_repository_is_refused(tmp_path, tmp_path_factory, now_epoch, caplog):
    outside = tmp_path_factory.mktemp("ngoai") / "bai-mat.md"
    outside.write_text(post("Bài từ nơi khác", "2026-10-05 08:00"), encoding="utf-8")
    write_tree(tmp_path, {"chung/bai.md": post("Bài thật", "2026-10-06 08:00")})
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "lien-ket.md").symlink_to(outside)
    (tmp_path / "posts" / "trong.md").symlink_to(tmp_path / "chung" / "bai.md")  # inside the project: fine
    with pytest.raises(Abort):
        run_build(tmp_path)
    assert "posts/lien-ket.md" in caplog.text and "symlink" in caplog.text
    assert "posts/trong.md" not in caplog.text
    assert not (tmp_path / "site").exists()


def test_a_documents_values_and_file_name_stay_text_on_its_pages_and_feed(built):
    from urllib.parse import unquote, urljoin

    document = next((built / "van-ban/2026").glob("*/index.html")).parent.relative_to(built).as_posix()
    for url in ("van-ban", document, "van-ban/loai/" + next((built / "van-ban/loai").iterdir()).name):
        doc = page(built, url)
        assert_head_is_ours(doc)
        assert doc.find("img", src="x") == [] and doc.event_handlers() == []
    doc = page(built, document)
    assert f"Kế hoạch {BREAKOUT} 45/KH {BREAKOUT}: Trích yếu {BREAKOUT}" in doc.text
    (link,) = [e.attrs["href"] for e in doc.find("a") if e.attrs.get("href", "").endswith(".pdf")]
    assert (built / unquote(urljoin(f"{document}/", link))).is_file()
    feed = ElementTree.parse(built / "van-ban/rss.xml").getroot()
    assert feed.find("channel/item/title").text == f"Kế hoạch {BREAKOUT} 45/KH {BREAKOUT}: Trích yếu {BREAKOUT}"
