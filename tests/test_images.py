"""The Pillow pipeline: orientation, metadata, sizes, formats, cache and bad input."""

import io
import json
import warnings
from pathlib import Path

import pytest
from PIL import Image

from cchc.config.errors import Collector, Level
from cchc.config.settings import ImageSettings, Settings, read_settings
from cchc.outputs.cachefiles import MEMO
from cchc.outputs.images import check_header, encode, process_images
from cchc.readers.assets import collect_assets
from cchc.readers.posts import read_post
from conftest import post, write_tree
from photos import APP1, APP2, APP13, COM, RED, jpeg_markers, phone_jpeg, plain, transparent_png

SMALL = ImageSettings(max_width=200, thumb_width=60)
METADATA = ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop", "dpi")


def load(tmp_path: Path, files: dict, body: str = "", **meta):
    """Write a post with `files` beside it; return its assets and the problems found."""
    write_tree(tmp_path, {"posts/bai.md": post("Bài có ảnh", body=body, **meta), **files})
    problems = Collector()
    found = read_post(tmp_path / "posts/bai.md", "posts/bai.md", Settings(), problems)
    return collect_assets(found, tmp_path, problems), problems


def process(tmp_path: Path, files: dict, body: str = "", settings: ImageSettings = SMALL, **meta):
    assets, problems = load(tmp_path, files, body, **meta)
    images = process_images(assets, settings, tmp_path / ".cache/images", problems)
    return images, problems


def opened(path: Path) -> Image.Image:
    im = Image.open(path)
    im.load()
    return im


def assert_clean(path: Path) -> None:
    im = opened(path)
    assert not any(key in im.info for key in METADATA), sorted(im.info)
    assert dict(im.getexif()) == {}
    if im.format == "JPEG":
        assert not {APP1, APP2, APP13, COM} & set(jpeg_markers(path.read_bytes()))


def test_phone_photo_is_upright_and_has_no_metadata_at_all(tmp_path):
    images, problems = process(tmp_path, {"posts/anh/a.jpg": phone_jpeg((400, 300), orientation=6)}, image="anh/a.jpg")
    assert problems.problems == []
    (image,) = images.posts["cchc/2026/03/bai-co-anh/index.md"].values()
    assert (image.width, image.height) == (200, 267)  # stored 400×300 on its side: 300×400, then ≤ 200 wide
    for rendition in image.renditions():
        assert_clean(rendition.path)
        im = opened(rendition.path)
        assert im.size == (rendition.width, rendition.height)
        assert im.height > im.width
        # Stored left half red; turned a quarter clockwise, red is at the top.
        top, bottom = (
            im.convert("RGB").getpixel((im.width // 2, 2)),
            im.convert("RGB").getpixel((im.width // 2, im.height - 3)),
        )
        assert top[0] > 150 and top[2] < 100, top
        assert bottom[2] > 150 and bottom[0] < 100, bottom


def test_sizes_formats_and_names(tmp_path):
    images, _ = process(tmp_path, {"posts/anh/b.jpg": plain("JPEG", (500, 250))}, body="![Ảnh b](anh/b.jpg)")
    image = images.posts["cchc/2026/03/bai-co-anh/index.md"]["anh/b.jpg"]
    assert [(r.width, r.height, r.mime) for r in image.fallback] == [(60, 30, "image/jpeg"), (200, 100, "image/jpeg")]
    assert [r.mime for r in image.webp] == ["image/webp", "image/webp"]
    assert image.src.ref == "anh/b.jpg"  # the full size keeps the post's own name
    assert image.thumb.ref.startswith("anh/b-60w-") and image.thumb.ref.endswith(".jpg")
    assert opened(image.webp[-1].path).format == "WEBP"
    assert image.srcset("../x/") == f"../x/{image.thumb.ref} 60w, ../x/anh/b.jpg 200w"


def test_small_images_are_never_enlarged(tmp_path):
    images, _ = process(tmp_path, {"posts/anh/c.png": plain("PNG", (40, 30))}, body="![c](anh/c.png)")
    image = images.posts["cchc/2026/03/bai-co-anh/index.md"]["anh/c.png"]
    assert [(r.width, r.height) for r in image.fallback] == [(40, 30)]
    assert image.thumb == image.src


def test_png_keeps_its_transparency(tmp_path):
    images, _ = process(tmp_path, {"posts/anh/t.png": transparent_png((300, 200))}, body="![t](anh/t.png)")
    image = images.posts["cchc/2026/03/bai-co-anh/index.md"]["anh/t.png"]
    for rendition in image.renditions():
        im = opened(rendition.path).convert("RGBA")
        assert im.getpixel((2, 2))[3] == 0  # the transparent half
        *colour, alpha = im.getpixel((im.width - 3, im.height // 2))
        assert alpha == 255 and all(abs(a - b) < 8 for a, b in zip(colour, RED, strict=True))
        assert_clean(rendition.path)
    assert opened(image.src.path).format == "PNG"


def test_transparency_becomes_white_when_the_post_asks_for_jpeg(tmp_path):
    images, _ = process(tmp_path, {"posts/anh/t.jpg": transparent_png()}, body="![t](anh/t.jpg)")
    image = images.posts["cchc/2026/03/bai-co-anh/index.md"]["anh/t.jpg"]
    im = opened(image.src.path)
    assert im.format == "JPEG" and im.getpixel((2, 2)) == (255, 255, 255)


def test_output_bytes_are_deterministic(tmp_path):
    data = phone_jpeg()
    first = encode_bytes(tmp_path / "a.jpg", data)
    assert first == encode_bytes(tmp_path / "b.jpg", data)


def encode_bytes(path: Path, data: bytes):
    path.write_bytes(data)
    return encode(path, "JPEG", SMALL)


def test_second_run_reuses_the_cache_and_settings_change_invalidates_it(tmp_path):
    files = {"posts/anh/a.jpg": phone_jpeg(), "posts/anh/b.png": transparent_png()}
    body = "![a](anh/a.jpg) ![b](anh/b.png) ![a again](./anh/a.jpg)"
    first, _ = process(tmp_path, files, body)
    assert (first.encoded, first.reused) == (2, 0)
    second, _ = process(tmp_path, files, body)
    assert (second.encoded, second.reused) == (0, 2)
    assert second.posts == first.posts
    third, _ = process(tmp_path, files, body, settings=ImageSettings(max_width=180, thumb_width=60))
    assert (third.encoded, third.reused) == (2, 0)


def test_a_broken_cache_entry_is_rebuilt(tmp_path):
    files = {"posts/anh/a.jpg": phone_jpeg()}
    first, _ = process(tmp_path, files, "![a](anh/a.jpg)")
    (image,) = first.posts["cchc/2026/03/bai-co-anh/index.md"].values()
    image.thumb.path.unlink()
    again, _ = process(tmp_path, files, "![a](anh/a.jpg)")
    assert again.encoded == 1 and image.thumb.path.is_file()


@pytest.mark.parametrize("key, value", [("pixels", "120000"), ("sizes", [["60", "80"], [200]]), ("format", 1)])
def test_a_cache_entry_with_mistyped_meta_is_rebuilt_not_a_crash(tmp_path, key, value):
    files = {"posts/anh/a.jpg": phone_jpeg()}
    first, _ = process(tmp_path, files, "![a](anh/a.jpg)")
    (meta_file,) = (tmp_path / ".cache/images").glob("*/meta.json")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta_file.write_text(json.dumps({**meta, key: value}), encoding="utf-8")
    again, problems = process(tmp_path, files, "![a](anh/a.jpg)")
    assert problems.problems == [] and again.encoded == 1 and again.posts == first.posts


def test_same_photo_in_two_posts_is_encoded_once(tmp_path):
    write_tree(
        tmp_path,
        {
            "posts/a.md": post("Bài A", body="![x](anh/x.jpg)"),
            "posts/b.md": post("Bài B", body="![x](anh/x.jpg)"),
            "posts/anh/x.jpg": phone_jpeg(),
        },
    )
    problems = Collector()
    assets = []
    for name in ("a", "b"):
        found = read_post(tmp_path / f"posts/{name}.md", f"posts/{name}.md", Settings(), problems)
        assets += collect_assets(found, tmp_path, problems)
    images = process_images(assets, SMALL, tmp_path / ".cache/images", problems)
    assert images.encoded == 1 and len(images.posts) == 2
    assert len(images.files()) == 8  # 2 sizes × 2 formats, beside each post


def errors_of(problems: Collector) -> list[str]:
    return [str(p) for p in problems.problems if p.level is Level.ERROR]


def one_error(tmp_path, files, body="", settings=SMALL, **meta) -> str:
    images, problems = process(tmp_path, files, body, settings, **meta)
    (message,) = errors_of(problems)
    assert images.posts == {}
    assert not [p for p in (tmp_path / ".cache/images").glob("*") if p.name != MEMO], (
        "nothing half-written in the cache"
    )
    return message


def test_truncated_image_is_an_error_naming_post_image_and_line(tmp_path):
    data = phone_jpeg((400, 300))
    message = one_error(tmp_path, {"posts/anh/cut.jpg": data[: len(data) // 2]}, "Chữ.\n\n![Hỏng](anh/cut.jpg)")
    assert message.startswith("posts/bai.md, dòng 10: ")
    assert 'Ảnh "anh/cut.jpg"' in message and "bị hỏng" in message


def test_not_an_image_is_an_error(tmp_path):
    message = one_error(tmp_path, {"posts/anh/x.jpg": b"just text"}, image="anh/x.jpg")
    assert "[image]" in message and 'Ảnh "anh/x.jpg"' in message and "không phải ảnh" in message


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("anh/x.gif", plain("GIF"), "định dạng .gif"),
        ("anh/x.heic", b"\x00\x00\x00\x18ftypheic", "định dạng .heic"),
        ("anh/gif-named.jpg", plain("GIF"), "định dạng GIF"),
        ("anh/x.bmp", plain("BMP"), "định dạng .bmp"),
    ],
)
def test_unsupported_formats_are_errors(tmp_path, name, data, words):
    message = one_error(tmp_path, {f"posts/{name}": data}, f"![x]({name})")
    assert f'Ảnh "{name}"' in message and words in message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh/logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("anh/logo.png", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
    ],
)
def test_svg_is_refused(tmp_path, name, data):
    message = one_error(tmp_path, {f"posts/{name}": data}, f"![Logo]({name})")
    assert "SVG" in message and f'Ảnh "{name}"' in message


def test_animated_image_is_refused(tmp_path):
    frames = [Image.new("RGB", (20, 20), c) for c in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "PNG", save_all=True, append_images=frames[1:])
    message = one_error(tmp_path, {"posts/anh/dong.png": out.getvalue()}, "![d](anh/dong.png)")
    assert "ảnh động" in message


def bomb(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("L", size).save(out, "PNG")  # a few kilobytes on disk, megapixels in memory
    return out.getvalue()


@pytest.mark.parametrize("size", [(1100, 1000), (3000, 3000)])  # Pillow's warning zone, then its error zone
def test_decompression_bomb_is_an_error_not_a_warning(tmp_path, size):
    settings = ImageSettings(max_megapixels=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning may escape
        message = one_error(tmp_path, {"posts/anh/bom.png": bomb(size)}, "![b](anh/bom.png)", settings=settings)
    assert "decompression bomb" in message and 'Ảnh "anh/bom.png"' in message
    assert Image.MAX_IMAGE_PIXELS == 1_000_000


def test_a_lower_limit_also_applies_to_cached_images(tmp_path):
    files = {"posts/anh/lon.png": bomb((1500, 1000))}
    images, problems = process(tmp_path, files, "![l](anh/lon.png)")
    assert images.encoded == 1 and problems.problems == []
    images, problems = process(tmp_path, files, "![l](anh/lon.png)", settings=ImageSettings(200, 60, max_megapixels=1))
    assert images.reused == 1 and images.posts == {}
    assert "decompression bomb" in errors_of(problems)[0]


def test_check_header_accepts_a_good_photo(tmp_path):
    (tmp_path / "a.jpg").write_bytes(phone_jpeg())
    assert check_header(tmp_path / "a.jpg", SMALL) is None


def test_several_bad_images_are_all_reported(tmp_path):
    _, problems = process(
        tmp_path,
        {"posts/anh/a.jpg": b"x", "posts/anh/b.svg": b"<svg/>", "posts/anh/ok.jpg": plain()},
        "![a](anh/a.jpg)\n![b](anh/b.svg)\n![c](anh/thieu.jpg)\n![ok](anh/ok.jpg)",
    )
    assert len(errors_of(problems)) == 3


def test_image_settings_are_validated():
    problems = Collector()
    raw = {"cchc": {"images": {"max_width": 1200, "thumb_width": 400, "quality": 75, "max_megapixels": 40}}}
    assert read_settings("X", raw, problems).images == ImageSettings(1200, 400, 75, 40)
    assert problems.problems == []
    for images, words in [
        ({"max_width": "rộng"}, "extra.cchc.images.max_width"),
        ({"quality": 100}, "từ 1 đến 95"),
        ({"max_width": 400, "thumb_width": 600}, "không được lớn hơn"),
        ("1600", "mapping"),
    ]:
        problems = Collector()
        settings = read_settings("X", {"cchc": {"images": images}}, problems)
        assert settings.images == ImageSettings()
        (error,) = problems.errors
        assert words in str(error)
    problems = Collector()
    read_settings("X", {"cchc": {"images": {"width": 1}}}, problems)
    (warning,) = problems.warnings
    assert "width" in str(warning) and "max_width" in str(warning)


def test_unwritable_cache_is_an_error_not_a_crash(tmp_path):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache/images").write_text("a file where the cache folder should be")
    _, problems = process(tmp_path, {"posts/anh/a.jpg": plain()}, "![a](anh/a.jpg)")
    assert "không ghi được" in errors_of(problems)[0]


def test_check_mode_decodes_and_finds_a_truncated_photo_without_encoding(tmp_path):
    from cchc.outputs.images import check_decodes

    data = phone_jpeg((400, 300))
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) // 3])
    (tmp_path / "ok.jpg").write_bytes(data)
    assert "bị hỏng" in check_decodes(tmp_path / "cut.jpg")
    assert check_decodes(tmp_path / "ok.jpg") is None
