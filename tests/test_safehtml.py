"""Sanitising post HTML for the portal and for email attachments."""

from urllib.parse import urljoin

from lxml import etree

from cchc.outputs.safehtml import clean_html, plain_text, xml_text

BASE = "https://ttyt.example.gov.vn/cchc/2026/03/bai/"

HOSTILE = """<h2 id="x">Tiêu đề<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>
<p onclick="steal()">Chữ\x01 có\x0b ký tự &#1;điều khiển&#x7f; từ Word\x1f.</p>
<script>alert("xss")</script><style>body { display: none }</style>
<iframe src="https://evil.example/"><p>bên trong khung</p></iframe>
<img src="anh/a.png" onerror="alert(1)" alt="ảnh">
<img src="data:image/png;base64,AAAA">
<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(2)">b</a><a href="jav&#x09;ascript:alert(3)">c</a>
<a href=" javascript:alert(4)">d</a><a href="../../02/khac/">e</a><a href="/gioi-thieu/">f</a>
<a href="https://example.org/x" target="_blank">g</a><a href="mailto:cchc@example.gov.vn">h</a>
<svg onload="alert(1)"><circle/></svg><form action="https://evil.example/"><input name="x"></form>
<!-- ghi chú --><object data="x.swf"></object><embed src="x.swf"><base href="https://evil.example/">"""


def absolute(url: str) -> str:
    return urljoin(BASE, url)


def test_hostile_html_is_neutralised():
    cleaned = clean_html(HOSTILE, absolute)
    lowered = cleaned.lower()
    for bad in ("<script", "<style", "<iframe", "<svg", "<form", "<input", "<object", "<embed", "<base"):
        assert bad not in lowered
    for bad in ("onclick", "onerror", "onload", "javascript", "alert", "data:", "display: none", "ghi chú", "¶"):
        assert bad not in lowered
    assert "bên trong khung" not in cleaned


def test_control_characters_are_removed_and_text_kept():
    cleaned = clean_html(HOSTILE, absolute)
    assert "Chữ có ký tự điều khiển từ Word." in cleaned
    assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in cleaned)
    assert "\x7f" not in cleaned


def test_relative_urls_become_absolute_and_others_stay():
    cleaned = clean_html(HOSTILE, absolute)
    assert 'src="https://ttyt.example.gov.vn/cchc/2026/03/bai/anh/a.png"' in cleaned
    assert 'href="https://ttyt.example.gov.vn/cchc/2026/02/khac/"' in cleaned
    assert 'href="https://ttyt.example.gov.vn/gioi-thieu/"' in cleaned
    assert 'href="https://example.org/x"' in cleaned and "target=" not in cleaned
    assert 'href="mailto:cchc@example.gov.vn"' in cleaned
    # Every remaining URL is absolute.
    tree = etree.fromstring(f"<div>{cleaned}</div>", etree.HTMLParser())
    for url in tree.xpath("//@href | //@src"):
        assert url.startswith(("https://", "mailto:")), url


def test_output_is_well_formed_inside_xml():
    cleaned = clean_html(HOSTILE, absolute)
    element = etree.Element("encoded")
    element.text = cleaned  # lxml refuses text XML cannot hold
    assert etree.fromstring(etree.tostring(element)).text == cleaned


def test_plain_text_and_xml_text():
    assert plain_text("<p>Một <b>câu</b>\n tóm tắt &amp; <script>x()</script>hết.</p>") == "Một câu tóm tắt & hết."
    assert xml_text("Cafe\u0301\x00\x1b\ufffe\x85") == "Café"
