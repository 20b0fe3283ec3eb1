"""Sharing, printing, video and audio (issue 15), end to end on one build.

A post with a hostile title, a cover, a local video with captions, a recording, YouTube and
Facebook videos (a link, a bare address, an autolink, a pasted player): what Facebook's and
Zalo's crawlers read in the head, the share links, the players, the embeds (nothing asked of
YouTube before a click), the feeds and the portal's package, and the page printed to A4.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pikepdf
import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve
from PIL import Image

from cchc.commands.cli import main
from cchc.outputs.mediaclean import clean_mp3, clean_mp4, clean_webm
from cchc.pages.sharing import ShareLinks
from cchc.readers.embeds import video_embed
from conftest import NOW_EPOCH, REPO, build_at_now, check_log, png, post, write_project, write_tree
from htmlparse import parse

SITE = "https://ttyt-mau.example.gov.vn/"
HOSTILE = "Hội nghị \"CCHC\" <b>&amp;</b> <script>alert(1)</script> 'x'"
POST_URL = "cchc/2026/10/hoi-nghi-video/"
WEBM = (REPO / "posts/2026/02/video/hoi-nghi.webm").read_bytes()
# An MP3 whose ID3 tag names who recorded it, and where.
ID3 = b"TPE1\x00\x00\x00\x1b\x00\x00\x03Nguy\xe1\xbb\x85n V\xc4\x83n A, GPS 12.24"
MP3_FRAMES = b"\xff\xfb\x90\x00" + bytes(400)
MP3 = b"ID3\x03\x00\x00" + len(ID3).to_bytes(4, "big") + ID3 + MP3_FRAMES
YOUTUBE = "M7lc1UVf-VE"
BODY = f"""Mở đầu bài.

![Toàn cảnh hội trường](video/hoi-nghi.webm)

![Phát biểu khai mạc](am-thanh/khai-mac.mp3)

[Tải video về máy](video/hoi-nghi.webm)

[Phóng sự hội nghị](https://www.youtube.com/watch?v={YOUTUBE}&t=1m5s)

https://youtu.be/aqz-KE-bpKQ

<https://www.facebook.com/ttytmau/videos/1234567890/>

<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" allowfullscreen></iframe>

Đoạn có [liên kết ngoài](https://dichvucong.gov.vn/) ở giữa câu.
"""
FILES = {
    "posts/2026/10/hoi-nghi.md": post(
        HOSTILE,
        "2026-10-05 08:00",
        BODY,
        slug="hoi-nghi-video",
        updated="2026-10-06 09:00",
        image="anh/bia.png",
        image_alt='Ảnh "bìa" <hội nghị>',
        tags=["hội nghị", "A&B"],
        summary='Tóm tắt có "ngoặc" & <thẻ>.',
        portal=True,
    ),
    "posts/2026/10/anh/bia.png": png(1200, 700),
    "posts/2026/10/video/hoi-nghi.webm": WEBM,
    "posts/2026/10/video/hoi-nghi.vtt": "WEBVTT\n\n00:00.000 --> 00:04.000\nToàn cảnh hội trường.\n",
    "posts/2026/10/am-thanh/khai-mac.mp3": MP3,
    "posts/2026/09/khong-bia.md": post("Bài không có ảnh bìa", "2026-09-01 08:00"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sharing")
    write_tree(root, FILES)
    return root


@pytest.fixture(scope="module")
def built(project) -> Path:
    return build_at_now(project, strict=True)


def page(site: Path, path: str):
    return parse((site / path / "index.html").read_text(encoding="utf-8"))


def raw(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_a_post_tells_the_crawlers_what_it_is_each_value_escaped_once(built):
    doc = page(built, POST_URL)
    assert doc.meta("og:type") == "article"
    assert doc.meta("og:title") == doc.meta("twitter:title") == HOSTILE  # as typed: escaped once, not twice
    # The summary as readers see it (Markdown: `<thẻ>` is a tag, dropped), like `<meta name="description">`.
    assert doc.meta("og:description") == doc.meta("description") == 'Tóm tắt có "ngoặc" & .'
    assert doc.meta("og:url") == SITE + POST_URL
    assert doc.meta("og:site_name") == "Trung tâm Y tế Mẫu"
    assert doc.meta("og:locale") == "vi_VN"
    assert doc.meta("article:published_time") == "2026-10-05T08:00:00+07:00"
    assert doc.meta("article:modified_time") == "2026-10-06T09:00:00+07:00"
    assert [e.attrs["content"] for e in doc.find("meta", property="article:tag")] == ["hội nghị", "A&B"]
    assert doc.meta("twitter:card") == "summary_large_image"
    image = doc.meta("og:image")
    assert image == f"{SITE}{POST_URL}anh/bia.png" == doc.meta("twitter:image")
    with Image.open(built / image.removeprefix(SITE)) as cover:
        assert (doc.meta("og:image:width"), doc.meta("og:image:height")) == (str(cover.width), str(cover.height))
    assert doc.meta("og:image:alt") == 'Ảnh "bìa" <hội nghị>'
    assert not [e for e in doc.head() if e.tag == "script" and "alert" in e.text]


@pytest.mark.parametrize("path", ["", "cchc/trang/1/", "cchc/2026/09/bai-khong-co-anh-bia/"])
def test_a_page_without_a_cover_shares_the_sites_own_picture(built, path):
    doc = page(built, path)
    if path.startswith("cchc/2026/"):
        assert doc.meta("og:type") == "article" and doc.meta("article:published_time") == "2026-09-01T08:00:00+07:00"
    else:
        assert doc.meta("og:type") == "website" and doc.meta("article:published_time") is None
    assert doc.meta("og:url") == SITE + path
    assert doc.meta("og:image") == f"{SITE}assets/chia-se.png"
    with Image.open(built / "assets" / "chia-se.png") as picture:
        assert (doc.meta("og:image:width"), doc.meta("og:image:height")) == (str(picture.width), str(picture.height))
    assert doc.meta("og:image:alt") and doc.meta("og:locale") == "vi_VN"
    assert doc.meta("twitter:card") == "summary_large_image"
    if path == "":
        assert doc.meta("og:title") == "Trung tâm Y tế Mẫu"
        assert doc.meta("og:description") == doc.meta("description")


def test_share_links_are_plain_links_carrying_the_address_encoded():
    url = "https://ttyt.example.gov.vn/tin tức/bài?a=1&b=2#phan"
    links = ShareLinks(url)
    for link, key in ((links.facebook, "u"), (links.zalo, "url")):
        query = urlsplit(link).query
        assert parse_qs(query) == {key: [url]}  # one value, nothing split off at & or #
        assert "/" not in query and "&" not in query and "#" not in link
    assert links.facebook.startswith("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2F")
    assert links.zalo.startswith("https://sp.zalo.me/share_to_zalo?url=https%3A%2F%2F")


def test_a_post_has_share_links_and_its_address_to_copy(built):
    doc = page(built, POST_URL)
    hrefs = {e.attrs["href"] for e in doc.find("a") if "cchc-share__link" in e.attrs.get("class", "")}
    assert {urlsplit(h).netloc for h in hrefs} == {"www.facebook.com", "sp.zalo.me"}
    assert {parse_qs(urlsplit(h).query).popitem()[1][0] for h in hrefs} == {SITE + POST_URL}
    (field,) = doc.find("input", id="cchc-share-url")
    assert field.attrs["value"] == SITE + POST_URL and "readonly" in field.attrs
    (button,) = [e for e in doc.find("button") if "data-cchc-copy" in e.attrs]
    assert "hidden" in button.attrs  # shown by our script; without it the field is there to copy from
    scripts = {e.attrs.get("src", "") for e in doc.find("script")}
    assert any(s.endswith("assets/javascripts/cchc-share.js") for s in scripts)
    assert all(not urlsplit(s).netloc for s in scripts)  # nothing from Facebook, Zalo or YouTube
    assert not page(built, "cchc/trang/1/").find("input", id="cchc-share-url")  # posts only


def test_video_and_audio_are_played_from_files_beside_the_post(built):
    doc = page(built, POST_URL)
    (video,) = doc.find("video")
    assert video.attrs["src"] == "video/hoi-nghi.webm" and video.attrs["preload"] == "metadata"
    assert "controls" in video.attrs and video.attrs["poster"] == "anh/bia.png"
    (track,) = doc.find("track")
    assert (track.attrs["kind"], track.attrs["srclang"], track.attrs["src"]) == ("captions", "vi", "video/hoi-nghi.vtt")
    (audio,) = doc.find("audio")
    assert audio.attrs["src"] == "am-thanh/khai-mac.mp3" and "controls" in audio.attrs
    folder = built / POST_URL
    # Published without what the recorder wrote into them (mediaclean), pictures and sound untouched.
    assert (folder / "video/hoi-nghi.webm").read_bytes() == clean_webm(WEBM)
    assert (folder / "am-thanh/khai-mac.mp3").read_bytes() == MP3_FRAMES
    assert (folder / "video/hoi-nghi.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    html = raw(built, POST_URL)
    assert "Toàn cảnh hội trường · " in html and "Tải về video (22 KB)" in html
    assert not [e for e in doc.find("img") if e.attrs["src"].endswith((".webm", ".mp3"))]  # no broken image left


def test_youtube_and_facebook_videos_are_links_until_clicked(built):
    doc = page(built, POST_URL)
    embeds = [e for e in doc.find("figure") if "data-cchc-embed" in e.attrs]
    players = [e.attrs["data-cchc-embed"] for e in embeds]
    assert players == [
        f"https://www.youtube-nocookie.com/embed/{YOUTUBE}?autoplay=1&start=65",
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1",
        "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fttytmau%2Fvideos%2F1234567890%2F"
        "&show_text=false&autoplay=true",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",  # the pasted <iframe>, no longer dropped
    ]
    links = [e.attrs["href"] for e in doc.find("a") if "cchc-embed__link" in e.attrs.get("class", "")]
    assert links[0] == f"https://www.youtube.com/watch?v={YOUTUBE}&t=65s"
    assert links[2] == "https://www.facebook.com/ttytmau/videos/1234567890/"
    assert not doc.find("iframe")
    assert "Xem video trên YouTube: Phóng sự hội nghị" in raw(built, POST_URL)


def test_video_addresses_of_unknown_forms_are_not_embedded():
    for url in (
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=M7lc1UVf-VE%22onload%3D",
        "https://evil.example/watch?v=M7lc1UVf-VE",
        "javascript:alert(1)//youtu.be/M7lc1UVf-VE",
        "https://www.facebook.com/ttytmau/posts/123",
        "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.example%2F",
    ):
        assert video_embed(url) is None, url


def _box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def test_a_phones_video_loses_its_position_and_camera_and_keeps_every_sample_where_it_was():
    where = _box(b"\xa9xyz", b"+12.2388+109.1967/") + _box(b"\xa9mak", b"Samsung") + _box(b"\xa9day", b"2026-10-05")
    track = _box(b"trak", _box(b"tkhd", bytes(84)) + _box(b"udta", _box(b"name", b"Camera 0")))
    moov = _box(b"moov", _box(b"mvhd", bytes(100)) + _box(b"udta", where) + _box(b"meta", bytes(40)) + track)
    samples = _box(b"mdat", bytes(range(256)) * 4)
    video = _box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + moov + samples
    cleaned = clean_mp4(video)
    assert len(cleaned) == len(video) and cleaned.endswith(samples)  # offsets of the samples unchanged
    for leak in (b"109.1967", b"Samsung", b"2026-10-05", b"Camera 0", b"udta", b"meta"):
        assert leak in video and leak not in cleaned, leak
    assert cleaned.count(b"free") == 3 and b"tkhd" in cleaned and b"mvhd" in cleaned


def test_a_webm_loses_its_tags_and_an_mp3_its_id3_tags():
    assert b"ENCODER" in WEBM and b"DURATION" in WEBM  # what ffmpeg's muxer wrote in Tags
    cleaned = clean_webm(WEBM)
    assert len(cleaned) == len(WEBM) and b"ENCODER" not in cleaned and b"DURATION" not in cleaned
    assert cleaned[:64] == WEBM[:64]  # the header browsers read first
    assert clean_mp3(MP3 + b"TAG" + b"Nguyen Van A".ljust(125, b"\x00")) == MP3_FRAMES
    with pytest.raises(ValueError, match="không đọc được"):
        clean_mp4(_box(b"ftyp", b"isom") + b"\x00\x00\xff\xffmoov")  # a box longer than the file


def _feed_content(built: Path, name: str) -> str:
    channel = ElementTree.parse(built / "cchc" / name).getroot().find("channel")
    ns = "{http://purl.org/rss/1.0/modules/content/}encoded"
    return next(item.findtext(ns) for item in channel.iter("item") if item.findtext("link") == SITE + POST_URL)


@pytest.mark.parametrize("name", ["rss.xml", "portal.xml"])
def test_feeds_carry_videos_as_plain_links(built, name):
    content = parse(_feed_content(built, name))
    assert not content.find("video") and not content.find("audio") and not content.find("iframe")
    hrefs = [e.attrs["href"] for e in content.find("a")]
    assert f"{SITE}{POST_URL}video/hoi-nghi.webm" in hrefs
    assert f"{SITE}{POST_URL}am-thanh/khai-mac.mp3" in hrefs
    assert f"https://www.youtube.com/watch?v={YOUTUBE}&t=65s" in hrefs
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in hrefs  # the pasted player, as its link
    assert "https://www.facebook.com/ttytmau/videos/1234567890/" in hrefs
    assert "Video: Toàn cảnh hội trường" in content.text


def test_the_portal_package_links_the_videos(project, built, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
    monkeypatch.chdir(project)
    assert main(["portal", "2026-10"]) == 0
    (article,) = (project / "portal-2026-10").glob("01-*.html")
    doc = parse(article.read_text(encoding="utf-8"))
    assert not doc.find("video") and not doc.find("iframe")
    hrefs = [e.attrs["href"] for e in doc.find("a")]
    assert f"{SITE}{POST_URL}video/hoi-nghi.webm" in hrefs  # the site's copy: no 20 MB video in an email
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in hrefs
    assert not list((project / "portal-2026-10").rglob("*.webm"))


BAD = {
    "posts/2026/10/bai.md": post(
        "Bài có video lỗi",
        "2026-10-05 08:00",
        "\n\n".join(
            [
                "![Mất tệp](video/khong-co.mp4)",
                "![Quay bằng iPhone](video/iphone.mov)",
                "![Đổi đuôi](video/doi-duoi.mp4)",
                "![Quá lớn](video/qua-lon.webm)",
                "![Ngoài thư mục](../../khac/a.mp3)",
                "![](video/dung.webm)",
                '<iframe src="https://maps.example/nhung"></iframe>',
            ]
        ),
    ),
    "posts/2026/10/video/iphone.mov": b"\x00\x00\x00\x14ftypqt  ",
    "posts/2026/10/video/doi-duoi.mp4": "không phải video",
    "posts/2026/10/video/dung.webm": WEBM,
    "posts/khac/a.mp3": MP3,
}


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad-media")
    write_tree(root, BAD)
    with (root / "posts/2026/10/video/qua-lon.webm").open("wb") as f:
        f.write(WEBM[:64])
        f.truncate(51 * 1024 * 1024)  # sparse: 51 MB on paper, nothing on disk
    write_project(root)
    return root


def test_bad_video_and_audio_are_errors_naming_the_file_and_line(bad_project):
    errors, warnings = check_log(bad_project)
    found = {tuple(message.split(": ", 2)[:2]): message for _, message in errors}
    assert set(found) == {
        ("dòng 8", 'Video "video/khong-co.mp4"'),
        ("dòng 10", 'Tệp "video/iphone.mov"'),
        ("dòng 12", 'Video "video/doi-duoi.mp4"'),
        ("dòng 14", 'Video "video/qua-lon.webm"'),
        ("dòng 16", 'Tệp âm thanh "../../khac/a.mp3"'),
    }, errors
    assert "không tìm thấy tệp" in found["dòng 8", 'Video "video/khong-co.mp4"']
    assert "sang MP4" in found["dòng 10", 'Tệp "video/iphone.mov"']
    assert "không phải MP4" in found["dòng 12", 'Video "video/doi-duoi.mp4"']
    assert "51.0 MB; tối đa 50 MB" in found["dòng 14", 'Video "video/qua-lon.webm"']
    assert "nằm ngoài thư mục" in found["dòng 16", 'Tệp âm thanh "../../khac/a.mp3"']
    assert any("thiếu lời mô tả" in w and "video/dung.webm" in w for w in warnings)


def _names(visible: dict[str, bool]) -> set[str]:
    return {name for name, shown in visible.items() if shown}


@pytest.fixture(scope="module")
def browsing(built):
    """The post in Chromium: requests before and after clicking the video, the copy button, print."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium không có trên máy này (apt-get install chromium); .ci/run cài nó")
    from playwright.sync_api import sync_playwright

    seen: dict[str, object] = {}
    with serve(built) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
            page = context.new_page()
            outside: list[str] = []
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(base)
                    else (outside.append(route.request.url), route.abort())
                ),
            )
            page.goto(base + POST_URL)
            page.wait_for_load_state("networkidle")
            seen["before"] = list(outside)
            page.click("#cchc-share-url ~ button")
            page.wait_for_function("document.querySelector('.cchc-share__status').textContent !== ''")
            seen["status"] = page.text_content(".cchc-share__status")
            seen["clipboard"] = page.evaluate("navigator.clipboard.readText()")
            page.locator(".cchc-embed__link").first.click()
            seen["frame"] = page.get_attribute(".cchc-embed iframe", "src")
            page.wait_for_timeout(300)
            seen["after"] = list(outside)
            page.emulate_media(media="print")
            seen["print_visible"] = page.evaluate(_VISIBLE)
            seen["print_text"] = page.inner_text("article")
            pdf = built.parent / "post.pdf"
            page.pdf(path=str(pdf), prefer_css_page_size=True)
            seen["pdf"] = pdf
            plain = browser.new_context(java_script_enabled=False).new_page()
            plain.goto(base + POST_URL)
            seen["nojs_visible"] = plain.evaluate(_VISIBLE)
            seen["nojs_link"] = plain.get_attribute(".cchc-embed__link", "href")
        finally:
            browser.close()
    return seen


# Which parts of the page a reader sees (laid out, not display:none), by name.
_VISIBLE = """() => Object.fromEntries(Object.entries({
  header: ".md-header", tabs: ".md-tabs", sidebar: ".md-sidebar", footer: ".md-footer",
  search: ".md-search", breadcrumb: ".cchc-breadcrumb", share: ".cchc-share", prevnext: ".cchc-prevnext",
  terms: ".cchc-post__footer", title: "article h1", meta: "article .cchc-meta", body: ".cchc-post__body",
  cover: ".cchc-cover img", unit: ".cchc-print-unit", source: ".cchc-print-only:not(.cchc-print-unit)",
  copy: "#cchc-share-url ~ button", field: "#cchc-share-url", embed: ".cchc-embed__link",
}).map(([name, selector]) => {
  const e = document.querySelector(selector);
  return [name, !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"];
}))"""


@needs_chromium
def test_nothing_is_asked_of_youtube_until_the_reader_clicks(browsing):
    assert browsing["before"] == []
    assert browsing["frame"] == f"https://www.youtube-nocookie.com/embed/{YOUTUBE}?autoplay=1&start=65"
    assert browsing["after"] and all(urlsplit(u).netloc == "www.youtube-nocookie.com" for u in browsing["after"])


@needs_chromium
def test_the_copy_button_copies_the_address(browsing):
    assert browsing["status"] == "Đã sao chép liên kết."
    assert browsing["clipboard"] == SITE + POST_URL


@needs_chromium
def test_without_javascript_the_address_is_shown_and_videos_are_links(browsing):
    visible = browsing["nojs_visible"]
    assert visible["field"] and visible["share"] and not visible["copy"]
    assert browsing["nojs_link"] == f"https://www.youtube.com/watch?v={YOUTUBE}&t=65s"


@needs_chromium
def test_a_post_prints_as_a_clean_document(browsing):
    assert _names(browsing["print_visible"]) == {"title", "meta", "body", "cover", "unit", "source", "embed"}
    text = browsing["print_text"]
    for wanted in ("TRUNG TÂM Y TẾ MẪU", HOSTILE, "5/10/2026", "Mở đầu bài.", "Toàn cảnh hội trường", "Nguồn: "):
        assert wanted in text, wanted
    assert "Chia sẻ bài viết" not in text
    with pikepdf.open(browsing["pdf"]) as pdf:
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points, from the stylesheet's @page


def test_print_rules_are_in_one_stylesheet_linked_for_print(built):
    links = [e.attrs for e in page(built, POST_URL).find("link") if e.attrs.get("media") == "print"]
    assert [link["href"].rsplit("/", 2)[-2:] for link in links] == [["assets", "cchc-print.css"]]
    css = (built / "assets" / "cchc-print.css").read_text(encoding="utf-8")
    assert "@page { size: A4" in css
    assert "@media print" not in (built / "assets" / "cchc.css").read_text(encoding="utf-8")
    assert os.path.getsize(built / "assets" / "javascripts" / "cchc-share.js") < 4000  # small, ours
