"""`<img>` tags of a post's HTML become `<picture>` through the theme's `picture` macro."""

from pathlib import Path

import jinja2
import pytest

from cchc.outputs.images import PostImage, Rendition
from cchc.outputs.pictures import local_ref, rewrite_images
from cchc.readers.htmltags import tag_attrs

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"


def rendition(ref, width, height, mime="image/jpeg"):
    return Rendition(ref, Path("/cache") / ref, width, height, mime)


IMAGE = PostImage(
    "anh/hội nghị.jpg",
    (rendition("anh/hội nghị-480w-ab.jpg", 480, 360), rendition("anh/hội nghị.jpg", 1600, 1200)),
    (
        rendition("anh/hội nghị-480w-ab.webp", 480, 360, "image/webp"),
        rendition("anh/hội nghị-1600w-ab.webp", 1600, 1200, "image/webp"),
    ),
)


@pytest.fixture(scope="module")
def picture():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES)))
    return env.get_template("cchc/_picture.html").module.picture


def test_tag_attrs_and_local_refs():
    assert tag_attrs('<img alt="A &amp; B" src="x.jpg" hidden />') == {"alt": "A & B", "src": "x.jpg", "hidden": None}
    assert local_ref("./anh/h%E1%BB%99i%20ngh%E1%BB%8B.jpg") == "anh/hội nghị.jpg"
    assert local_ref("https://example.com/a.jpg") is None
    assert local_ref("//cdn.example.com/a.jpg") is None


def test_processed_image_becomes_picture_with_size_alt_and_lazy_loading(picture):
    html = '<p><img alt="Hội &quot;nghị&quot;" src="anh/h%E1%BB%99i%20ngh%E1%BB%8B.jpg" title="Ảnh" /></p>'
    out = rewrite_images(html, {"anh/hội nghị.jpg": IMAGE}, picture)
    assert out.startswith(
        '<p><picture><source type="image/webp" srcset="anh/h%E1%BB%99i%20ngh%E1%BB%8B-480w-ab.webp 480w, '
    )
    img = out[out.index("<img") :]
    assert 'src="anh/h%E1%BB%99i%20ngh%E1%BB%8B.jpg"' in img
    assert 'width="1600" height="1200"' in img
    assert 'alt="Hội &#34;nghị&#34;"' in img
    assert 'loading="lazy"' in img and 'title="Ảnh"' in img
    assert "480w, anh/h%E1%BB%99i%20ngh%E1%BB%8B.jpg 1600w" in img
    assert out.endswith("</picture></p>")


def test_first_image_is_eager_without_a_cover_and_editor_width_is_kept(picture):
    html = '<img src="anh/hội nghị.jpg" alt="a" width="400"> <img src="anh/hội nghị.jpg" alt="b">'
    out = rewrite_images(html, {"anh/hội nghị.jpg": IMAGE}, picture, eager_first=True)
    first, second = out.split("</picture>")[:2]
    assert 'loading="eager"' in first and 'width="400" height="300"' in first
    assert 'loading="lazy"' in second and 'width="1600" height="1200"' in second


def test_other_images_are_left_alone(picture):
    html = '<img src="https://example.com/a.jpg" alt="x"><img src="anh/khac.jpg" alt="y">'
    assert rewrite_images(html, {"anh/hội nghị.jpg": IMAGE}, picture) == html


def test_webp_source_has_no_second_webp(picture):
    only = PostImage("a.webp", (rendition("a.webp", 300, 200, "image/webp"),), ())
    out = rewrite_images('<img src="a.webp" alt="x">', {"a.webp": only}, picture)
    assert "<source" not in out and 'srcset="a.webp 300w"' in out
