"""End-to-end: post photos in a built site, as readers and social networks get them."""

import hashlib
import logging
import re

import pytest
from mkdocs.exceptions import Abort
from PIL import Image

from cchc.readers.htmltags import tag_attrs
from conftest import build_at_now, post, run_build, write_tree
from photos import RED, phone_jpeg, plain, transparent_png

POST_URL = "cchc/2026/03/hoi-nghi-cchc"
FILES = {
    "posts/2026/03/hoi-nghi.md": post(
        "Hội nghị CCHC",
        body=(
            "Mở đầu.\n\n<!-- more -->\n\n![Toàn cảnh hội nghị](anh/toan-canh.jpg)\n\n"
            '<img src="anh/so-do.png" alt="Sơ đồ">\n\n![Ảnh ngoài](anh/bia.jpg)'
        ),
        image="anh/bia.jpg",
        image_alt="Đại biểu dự hội nghị",
        slug="hoi-nghi-cchc",
    ),
    "posts/2026/03/anh/bia.jpg": phone_jpeg((2400, 1800), orientation=6),
    "posts/2026/03/anh/toan-canh.jpg": phone_jpeg((2000, 1000), orientation=1),
    "posts/2026/03/anh/so-do.png": transparent_png((900, 600)),
}


def page(site, url):
    return (site / url / "index.html").read_text(encoding="utf-8")


def img_tags(html):
    return [tag_attrs(tag) for tag in re.findall(r"<img\b[^>]*>", html)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    write_tree(root, FILES)
    return build_at_now(root)


def test_published_photos_are_upright_small_and_without_metadata(built):
    folder = built / POST_URL / "anh"
    names = sorted(p.name for p in folder.iterdir())
    assert "bia.jpg" in names and "toan-canh.jpg" in names and "so-do.png" in names
    assert any(n.startswith("bia-480w-") and n.endswith(".webp") for n in names)
    for path in folder.iterdir():
        with Image.open(path) as im:
            assert dict(im.getexif()) == {}, path.name
            assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(im.info), path.name
            assert im.width <= 1600
    with Image.open(folder / "bia.jpg") as cover:
        assert cover.size == (1600, 2133)  # upright 1800×2400, scaled to 1600 wide
    with Image.open(folder / "so-do.png") as png:
        assert png.mode == "RGBA" and png.getpixel((1, 1))[3] == 0
        assert png.getpixel((png.width - 2, 1)) == (*RED, 255)


def test_every_img_has_width_height_alt_and_the_right_loading(built):
    html = page(built, POST_URL)
    imgs = img_tags(html)
    assert len(imgs) == 4  # cover + three in the body (the cover used again in the body)
    for img in imgs:
        assert img["width"].isdigit() and img["height"].isdigit(), img
        assert img["decoding"] == "async"
    cover, *body = imgs
    assert cover["alt"] == "Đại biểu dự hội nghị" and cover["loading"] == "eager"
    assert (cover["width"], cover["height"]) == ("1600", "2133")
    assert [b["alt"] for b in body] == ["Toàn cảnh hội nghị", "Sơ đồ", "Ảnh ngoài"]
    assert all(b["loading"] == "lazy" for b in body)
    assert html.count('<source type="image/webp"') == 4
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        for candidate in srcset.split(", "):
            url, width = candidate.split(" ")
            assert (built / POST_URL / url).is_file(), url
            assert width.endswith("w")


def test_cover_is_the_thumbnail_in_lists_and_full_size_the_share_image(built):
    html = page(built, POST_URL)
    share = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    # Full size, not the thumbnail: Facebook and Zalo show a picture under 600 px wide small.
    assert share == f"https://ttyt-mau.example.gov.vn/{POST_URL}/anh/bia.jpg"
    with Image.open(built / share.split(".gov.vn/")[1]) as shared:
        assert f'<meta property="og:image:width" content="{shared.width}">' in html
        assert f'<meta property="og:image:height" content="{shared.height}">' in html
        assert shared.width == 1600
    assert '<meta property="og:image:alt" content="Đại biểu dự hội nghị">' in html
    landing = page(built, "cchc")
    (thumb,) = img_tags(landing)
    assert thumb["src"].startswith("2026/03/hoi-nghi-cchc/anh/bia-480w-") and thumb["alt"] == ""
    assert (thumb["width"], thumb["height"]) == ("480", "640")
    assert (built / "cchc" / thumb["src"]).is_file()
    # Pages without a cover share the site's own picture.
    for other in (landing, page(built, "gioi-thieu")):
        assert '<meta property="og:image" content="https://ttyt-mau.example.gov.vn/assets/chia-se.png">' in other


def test_cover_alt_defaults_to_the_title(site):
    built = site({"posts/a.md": post("Tiêm chủng mở rộng", image="a.png"), "posts/a.png": plain("PNG")})
    (cover,) = img_tags(page(built, "cchc/2026/03/tiem-chung-mo-rong"))
    assert cover["alt"] == "Tiêm chủng mở rộng"


def test_warm_rebuild_processes_no_image(tmp_path, now_epoch, caplog):
    write_tree(tmp_path, FILES)
    caplog.set_level(logging.INFO, logger="mkdocs.hooks.cchc")
    first = run_build(tmp_path)
    before = {p: p.read_bytes() for p in (first / POST_URL / "anh").iterdir()}
    assert "cchc: ảnh: 3 xử lý mới, 0 lấy lại từ bộ nhớ đệm" in caplog.text
    caplog.clear()
    second = run_build(tmp_path)
    assert "cchc: ảnh: 0 xử lý mới, 3 lấy lại từ bộ nhớ đệm" in caplog.text
    assert {p: p.read_bytes() for p in (second / POST_URL / "anh").iterdir()} == before


def test_warm_rebuild_reads_no_photo_again_and_links_the_cached_files(tmp_path, now_epoch, monkeypatch):
    write_tree(tmp_path, FILES)
    run_build(tmp_path)
    hashed = []
    digest = hashlib.file_digest
    monkeypatch.setattr(hashlib, "file_digest", lambda f, name: hashed.append(f.name) or digest(f, name))
    second = run_build(tmp_path)
    assert hashed == []  # sources and cache entries unchanged since the first build: not read
    cover = second / POST_URL / "anh" / "bia.jpg"
    cached = [p for p in (tmp_path / ".cache/images").rglob("*.jpg") if p.stat().st_ino == cover.stat().st_ino]
    old = cover.read_bytes()
    assert len(cached) == 1 and cached[0].read_bytes() == old  # one file on disk, not two
    # A photo the editor replaces (same name, same size) is read again.
    source = tmp_path / "posts/2026/03/anh/bia.jpg"
    replaced = phone_jpeg((1800, 2400), orientation=1)
    source.write_bytes(replaced)
    third = run_build(tmp_path)
    assert str(source) in hashed
    assert (third / POST_URL / "anh" / "bia.jpg").read_bytes() != old


def test_missing_alt_is_a_warning_fatal_under_strict(site, caplog):
    files = {"posts/a.md": post("Bài", body="![](anh.jpg)"), "posts/anh.jpg": plain()}
    site(files)
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "posts/a.md, dòng 8" in warning and "anh.jpg" in warning and "alt" in warning
    with pytest.raises(Abort):
        site(files, strict=True)


def test_bad_images_fail_together_and_keep_the_old_site(tmp_path, now_epoch, caplog):
    write_tree(tmp_path, FILES)
    site_dir = run_build(tmp_path)
    old = {p: p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    truncated = phone_jpeg((800, 600))
    huge = Image.new("L", (9000, 8000))  # 72 megapixels, a few kilobytes as PNG
    huge.save(tmp_path / "bom.png")
    write_tree(
        tmp_path,
        {
            "posts/2026/04/thieu.md": post("Thiếu ảnh", "2026-04-01", image="anh/khong-co.jpg"),
            "posts/2026/04/hong.md": post("Ảnh hỏng", "2026-04-02", body="![Hỏng](anh/hong.jpg)"),
            "posts/2026/04/anh/hong.jpg": truncated[: len(truncated) // 3],
            "posts/2026/04/bom.md": post("Ảnh bom", "2026-04-03", body="![Bom](anh/bom.png)"),
            "posts/2026/04/anh/bom.png": (tmp_path / "bom.png").read_bytes(),
            "posts/2026/04/gif.md": post("Ảnh GIF", "2026-04-04", body="![Động](anh/dong.gif)"),
            "posts/2026/04/anh/dong.gif": plain("GIF"),
            "posts/2026/04/leo.md": post("Leo thư mục", "2026-04-05", body="![Mật khẩu](../../etc/passwd)"),
            "posts/2026/04/tuyet-doi.md": post("Tuyệt đối", "2026-04-06", image="/etc/passwd"),
            "posts/2026/04/svg.md": post("Ảnh SVG", "2026-04-07", body="![Logo](anh/logo.svg)"),
            "posts/2026/04/anh/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        },
    )
    with pytest.raises(Abort):
        run_build(tmp_path)
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert "7 lỗi trong 7 tệp" in message
    expected = {
        "posts/2026/04/thieu.md": ('mục `image`: Ảnh "anh/khong-co.jpg"', "không tìm thấy tệp"),
        "posts/2026/04/hong.md": ('dòng 8: Ảnh "anh/hong.jpg"', "bị hỏng hoặc không đầy đủ"),
        "posts/2026/04/bom.md": ('dòng 8: Ảnh "anh/bom.png"', "decompression bomb"),
        "posts/2026/04/gif.md": ('dòng 8: Ảnh "anh/dong.gif"', "định dạng .gif không được hỗ trợ"),
        "posts/2026/04/leo.md": ('dòng 8: Ảnh "../../etc/passwd"', "nằm ngoài thư mục của bài viết"),
        "posts/2026/04/tuyet-doi.md": ('mục `image`: Ảnh "/etc/passwd"', "đường dẫn trên máy tính của người viết"),
        "posts/2026/04/svg.md": ('dòng 8: Ảnh "anh/logo.svg"', "SVG không được dùng"),
    }
    for source, (where, words) in expected.items():
        section = message[message.index(source) :].split("\n  posts/")[0]
        assert where in section and words in section, section
    assert {p: p.read_bytes() for p in site_dir.rglob("*") if p.is_file()} == old
