"""Post photos made safe and light for the public site (Pillow).

Each image a post uses is decoded once, turned upright by its EXIF orientation,
converted to sRGB, scaled down to `max_width` and a thumbnail, and encoded again
in its own format (JPEG/PNG, chosen by the file's extension) and in WebP. Nothing
of the original file's metadata survives: the encoders are given pixels only,
so EXIF (GPS position, camera, time), XMP, IPTC, comments and ICC profiles are
gone. A phone photo can show where staff and patients were; the site must not.

Outputs are cached in `.cache/images/<key>/` where the key hashes the source
bytes, the settings and `PIPELINE`: a rebuild with unchanged images decodes and
encodes nothing. Each entry records the size and SHA-256 of its files, checked on
every reuse: a file truncated or altered on disk is encoded again, not republished.
Everything happens in `on_pre_build`, so a bad image stops the build before MkDocs
touches `site/`.

SVG is refused: it is a document that can carry scripts and links to other
sites, not a photo; a logo or chart is published as PNG instead.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import warnings
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from PIL import Image, ImageCms, UnidentifiedImageError

from ..config.errors import Collector
from ..config.settings import ImageSettings
from ..readers.assets import OUTPUT_FORMATS, Asset, Owner, normalize_ref
from ..readers.posts import Post
from ..text.progressbar import track
from .cachefiles import MEMO, DigestMemo, read_entry, write_entry

PIPELINE = "2"  # bump when the bytes `_encode` writes change, so old cache entries are not reused
# Output format by the reference's extension: the processed file keeps the name the post uses.
# What we decode. MPO is how Pillow names many phones' JPEGs (a photo plus a preview).
READABLE = frozenset({"JPEG", "MPO", "PNG", "WEBP"})
_EXTENSION = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_ORIENTATION = 0x0112  # EXIF tag: how the camera held the picture
# What turns a stored picture upright, per EXIF orientation (1, the default, needs nothing).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SIDEWAYS = (
    Image.Transpose.TRANSPOSE,
    Image.Transpose.ROTATE_270,
    Image.Transpose.TRANSVERSE,
    Image.Transpose.ROTATE_90,
)
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Rendition:
    """One encoded file, published beside the post's page."""

    ref: str  # relative to the post's page, e.g. "anh/hoi-nghi-480w-1a2b3c4d.webp"
    path: Path  # the file in the cache
    width: int
    height: int
    mime: str

    @property
    def url(self) -> str:
        """`ref` percent-encoded: safe in `src` and `srcset` (which splits on spaces)."""
        return quote(self.ref)


@dataclass(frozen=True)
class PostImage:
    """A processed image of a post: what templates need for `<picture>` and `og:image`."""

    ref: str
    fallback: tuple[Rendition, ...]  # the reference's own format, narrowest first; the last is `ref`
    webp: tuple[Rendition, ...]  # the same sizes in WebP; empty when the fallback is WebP

    @property
    def src(self) -> Rendition:
        return self.fallback[-1]

    @property
    def thumb(self) -> Rendition:
        return self.fallback[0]

    @property
    def width(self) -> int:
        return self.src.width

    @property
    def height(self) -> int:
        return self.src.height

    def srcset(self, base: str = "", webp: bool = False) -> str:
        """`srcset` value; `base` is the post's folder as seen from the page ("" on the post)."""
        return ", ".join(f"{base}{r.url} {r.width}w" for r in (self.webp if webp else self.fallback))

    def renditions(self) -> tuple[Rendition, ...]:
        return self.fallback + self.webp


@dataclass(frozen=True)
class ShareImage:
    """`og:image` of a page: a post's cover, or the site's own picture; absolute URL."""

    url: str
    width: int
    height: int
    mime: str
    alt: str


@dataclass
class ImageSet:
    """Every processed image of a build, by post."""

    posts: dict[str, dict[str, PostImage]] = field(default_factory=dict)  # post.src_uri -> ref -> image
    encoded: int = 0  # source files decoded and encoded in this build
    reused: int = 0  # source files taken from the cache
    repaired: list[str] = field(default_factory=list)  # damaged cache entries encoded again, by source file

    def for_post(self, post: Owner) -> dict[str, PostImage]:
        return self.posts.get(post.src_uri, {})

    def get(self, post: Owner, ref: str) -> PostImage | None:  # a post's image, or one of a folder of `docs/`
        return self.for_post(post).get(normalize_ref(ref))

    def cover(self, post: Post) -> PostImage | None:
        return self.get(post, post.image) if post.image else None

    def share_image(self, post: Post, site_url: str | None) -> ShareImage | None:
        cover = self.cover(post)
        if cover is None or not site_url:
            return None
        # Full size (JPEG/PNG, at most `max_width`): Facebook and Zalo show a picture under 600 px wide small.
        full = cover.src
        url = f"{site_url.rstrip('/')}/{post.url}{full.url}"
        return ShareImage(url, full.width, full.height, full.mime, post.image_alt or post.title)

    def files(self) -> list[tuple[str, Path]]:
        """(site path, cached file) of every output, once each."""
        found: dict[str, Path] = {}
        for src_uri, images in self.posts.items():
            folder = posixpath.dirname(src_uri)
            for image in images.values():
                for rendition in image.renditions():
                    found.setdefault(f"{folder}/{rendition.ref}", rendition.path)
        return sorted(found.items())


@dataclass(frozen=True)
class _Source:
    path: Path
    fmt: str  # output format


@dataclass(frozen=True)
class _Entry:
    """A photo's cache entry, as its meta describes it."""

    fmt: str  # the full-size file's format, a key of _EXTENSION
    pixels: int  # the source photo's, checked against the limit set when it is reused
    sizes: tuple[tuple[int, int], ...]  # (width, height) of each file, the full size last


def process_images(
    assets: Iterable[Asset],
    settings: ImageSettings,
    cache_dir: Path,
    problems: Collector,
    workers: int | None = None,
    encode: bool = True,
) -> ImageSet:
    """Check, process (or take from the cache) every image; problems name post and image.

    With `encode=False` (`cchc check`) images missing from the cache are only
    verified, not encoded, and the result lists no published images.
    """
    result = ImageSet()
    memo = DigestMemo(cache_dir / MEMO)  # sources and cached files hashed once, not at every build
    keyed, sources = _keyed_sources(assets, settings, problems, memo)
    outcomes = _outcomes(sources, settings, cache_dir, result, workers or _cores(), encode, memo)
    _publish(keyed, outcomes, cache_dir, result, problems)
    memo.save()
    return result


def _keyed_sources(
    assets: Iterable[Asset], settings: ImageSettings, problems: Collector, memo: DigestMemo
) -> tuple[list[tuple[Asset, str]], dict[str, _Source]]:
    """Each usable image with its cache key, and one source file per key (a photo used twice is done once)."""
    keyed: list[tuple[Asset, str]] = []
    sources: dict[str, _Source] = {}
    for asset in assets:
        suffix = asset.path.suffix.lower()
        fmt = OUTPUT_FORMATS.get(suffix)
        try:
            with asset.path.open("rb") as f:
                head = f.read(512)
            digest = memo.digest(asset.path)
        except OSError as exc:
            _report(problems, asset, f"không đọc được tệp ({exc.strerror}).")
            continue
        if suffix in (".svg", ".svgz") or _looks_like_svg(head):
            _report(
                problems,
                asset,
                "ảnh SVG không được dùng trong bài vì có thể chứa mã chạy và liên kết ra ngoài; "
                "hãy xuất ảnh ra PNG hoặc JPG.",
            )
            continue
        if fmt is None:
            _report(
                problems,
                asset,
                f"định dạng {suffix or '(không có đuôi)'} không được hỗ trợ; hãy lưu ảnh thành JPG, PNG hoặc WebP.",
            )
            continue
        key = _cache_key(digest, fmt, settings)
        keyed.append((asset, key))
        sources.setdefault(key, _Source(asset.path, fmt))
    return keyed, sources


def _outcomes(
    sources: dict[str, _Source],
    settings: ImageSettings,
    cache_dir: Path,
    result: ImageSet,
    workers: int,
    encode: bool,
    memo: DigestMemo,
) -> dict[str, _Entry | str]:
    """Key -> cache entry (reused or encoded now), or the reason it failed; verified-only keys are absent."""
    outcomes: dict[str, _Entry | str] = {}
    jobs = []
    for key, source in sources.items():
        meta = _cached(cache_dir / key, memo)
        if meta is None and (cache_dir / key).exists() and encode:
            result.repaired.append(str(source.path))
        if meta is not None:
            # Processed under a higher limit once: the limit set now still applies.
            outcomes[key] = meta if meta.pixels <= settings.max_pixels else _too_big(settings)
            result.reused += 1
            continue
        # Headers are read here, one at a time: turning Pillow's bomb warning into an
        # error changes the process-wide warning filters, which threads must not race on.
        problem = check_header(source.path, settings)
        if problem:
            outcomes[key] = problem
        elif encode:
            jobs.append((key, source))
        else:
            # Not encoded, but decoded (cheaply, at a reduced scale): a truncated photo
            # must fail `cchc check` as it would fail the build.
            problem = check_decodes(source.path)
            if problem:
                outcomes[key] = problem
    if jobs:
        with ThreadPoolExecutor(max_workers=min(len(jobs), workers)) as pool:
            done = pool.map(lambda job: _encode_to_cache(job[1], settings, cache_dir, job[0], memo), jobs)
            # The slow step of a first build: a progress bar when someone watches a terminal.
            for (key, _), outcome in zip(jobs, track(done, "Xử lý ảnh", len(jobs)), strict=True):
                outcomes[key] = outcome
                result.encoded += isinstance(outcome, _Entry)
    return outcomes


def _publish(
    keyed: list[tuple[Asset, str]],
    outcomes: dict[str, _Entry | str],
    cache_dir: Path,
    result: ImageSet,
    problems: Collector,
) -> None:
    """Each post's processed images into `result`, under names that do not clash."""
    published: dict[str, Path] = {}
    for asset, key in keyed:
        if key not in outcomes:
            continue  # verified only
        outcome = outcomes[key]
        if isinstance(outcome, str):
            _report(problems, asset, outcome)
            continue
        image = _post_image(asset.ref, outcome, cache_dir / key, key)
        clash = _first_clash(asset, image, published)
        if clash:
            _report(problems, asset, f'tên tệp sau xử lý "{clash}" trùng với một ảnh khác của bài; hãy đổi tên ảnh.')
            continue
        result.posts.setdefault(asset.post.src_uri, {})[asset.ref] = image


def _report(problems: Collector, asset: Asset, message: str) -> None:
    problems.error(asset.post.source, f'Ảnh "{asset.ref}": {message}', asset.key, asset.line)


def _too_big(settings: ImageSettings) -> str:
    return (
        f"ảnh quá lớn (trên {settings.max_megapixels} triệu điểm ảnh), có thể là tệp độc hại "
        "(decompression bomb); hãy thu nhỏ ảnh trước khi đăng."
    )


def check_header(path: Path, settings: ImageSettings) -> str | None:
    """Why the file cannot be used (format, size, animation), from its header; `None` if fine."""
    Image.MAX_IMAGE_PIXELS = settings.max_pixels  # Pillow warns above this and refuses above twice it
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as im:
                fmt, (width, height) = im.format, im.size
                frames = getattr(im, "n_frames", 1)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            return _too_big(settings)
        except UnidentifiedImageError:
            return "tệp không phải ảnh hoặc có định dạng không được hỗ trợ; hãy lưu ảnh thành JPG hoặc PNG."
        except Exception as exc:  # Pillow's parsers raise many types for a broken header
            return f"tệp ảnh bị hỏng, không đọc được ({exc})."
    if fmt not in READABLE:
        return f"định dạng {fmt} không được hỗ trợ; hãy lưu ảnh thành JPG hoặc PNG."
    if width * height > settings.max_pixels:
        return _too_big(settings)
    if frames > 1 and fmt != "MPO":
        return "ảnh động (nhiều khung hình) không được hỗ trợ; hãy dùng một ảnh tĩnh JPG hoặc PNG."
    return None


def check_decodes(path: Path) -> str | None:
    """Why the image's data cannot be decoded (truncated, corrupt); `None` if it decodes."""
    try:
        with Image.open(path) as im:
            im.draft("RGB", (max(1, im.width // 8), max(1, im.height // 8)))  # JPEG: decode at 1/8 scale
            im.load()
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError… for broken data
        return _broken(exc)
    return None


def _broken(exc: Exception) -> str:
    return f"tệp ảnh bị hỏng hoặc không đầy đủ, không giải mã được ({exc}); hãy xuất lại ảnh."


@dataclass(frozen=True)
class Encoded:
    source_pixels: int  # of the original, checked again against the limit on a cache hit
    sizes: list[tuple[int, int, dict[str, bytes]]]  # (width, height, {format: bytes}), narrowest first


def encode(path: Path, fmt: str, settings: ImageSettings) -> Encoded:
    """Decode, orient, clean and scale one image into every size and format it is published in."""
    with Image.open(path) as im:
        source_pixels = im.width * im.height
        turn = _TURNS.get(im.getexif().get(_ORIENTATION, 1))
        target = _stored_target(im.size, turn, settings.max_width)
        if im.format in ("JPEG", "MPO"):
            # libjpeg can decode at 1/2, 1/4 or 1/8 scale when that still covers the target:
            # a 4000 px photo for a 1600 px page decodes at 2000 px, in a quarter of the time and memory.
            im.draft(im.mode, target)
        im.load()
        icc = im.info.get("icc_profile")
        picture = _working_mode(im, fmt)
    # Scaled while still stored on its side, then turned: turning 12 megapixels costs more than resizing.
    picture = _resize(picture, target)
    if turn is not None:
        picture = picture.transpose(turn)
    full = _to_srgb(picture, icc)
    sizes = [full]
    if full.width > settings.thumb_width:
        sizes.insert(0, _resize(full, _fit(full.size, settings.thumb_width)))
    formats = [fmt] if fmt == "WEBP" else [fmt, "WEBP"]
    return Encoded(source_pixels, [(s.width, s.height, {f: _save(s, f, settings) for f in formats}) for s in sizes])


def _encode_to_cache(
    source: _Source, settings: ImageSettings, cache_dir: Path, key: str, memo: DigestMemo
) -> _Entry | str:
    try:
        encoded = encode(source.path, source.fmt, settings)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return _too_big(settings)
    except Exception as exc:  # truncated or corrupt data surfaces only while decoding
        return _broken(exc)
    outputs = {f"{w}.{_EXTENSION[fmt]}": data for w, _, files in encoded.sizes for fmt, data in files.items()}
    entry = _Entry(source.fmt, encoded.source_pixels, tuple((w, h) for w, h, _ in encoded.sizes))
    meta: dict[str, object] = {"format": entry.fmt, "pixels": entry.pixels, "sizes": [list(s) for s in entry.sizes]}
    try:
        write_entry(cache_dir, key, outputs, meta, memo)
        return entry
    except OSError as exc:
        cached = _cached(cache_dir / key)  # another build may have written the same entry meanwhile: same bytes
        return cached or f"không ghi được thư mục tạm của ảnh {cache_dir} ({exc.strerror})."


def _cached(folder: Path, memo: DigestMemo | None = None) -> _Entry | None:
    """An intact entry, holding every file `_post_image` names."""
    meta = read_entry(folder, memo)
    if meta is None:
        return None
    fmt, pixels, sizes, files = meta.get("format"), meta.get("pixels"), meta.get("sizes"), meta.get("files")
    if not (isinstance(fmt, str) and fmt in _EXTENSION and isinstance(pixels, int) and isinstance(sizes, list)):
        return None
    try:
        entry = _Entry(fmt, pixels, tuple((int(w), int(h)) for w, h in sizes))
    except (ValueError, TypeError):
        return None
    names = {f"{w}.{_EXTENSION[f]}" for w, _ in entry.sizes for f in {fmt, "WEBP"}}
    return entry if isinstance(files, dict) and names <= set(files) else None


def _post_image(ref: str, cached: _Entry, entry: Path, key: str) -> PostImage:
    fmt = cached.fmt
    stem = posixpath.splitext(ref)[0]
    sizes = cached.sizes

    def rendition(width: int, height: int, out: str) -> Rendition:
        is_full = width == sizes[-1][0] and out == fmt
        # The full-size file keeps the post's own name, so every relative link to it still works;
        # the other sizes carry part of the key, so a replaced photo never hits a stale browser cache.
        name = ref if is_full else f"{stem}-{width}w-{key[:8]}.{_EXTENSION[out]}"
        return Rendition(name, entry / f"{width}.{_EXTENSION[out]}", width, height, _MIME[out])

    fallback = tuple(rendition(w, h, fmt) for w, h in sizes)
    webp = () if fmt == "WEBP" else tuple(rendition(w, h, "WEBP") for w, h in sizes)
    return PostImage(ref, fallback, webp)


def _first_clash(asset: Asset, image: PostImage, published: dict[str, Path]) -> str | None:
    """An output name another image of the same folder already uses, with other bytes."""
    for rendition in image.renditions():
        uri = asset.post.url + rendition.ref
        if published.setdefault(uri, rendition.path) != rendition.path:
            return rendition.ref
    return None


def _cache_key(digest: str, fmt: str, settings: ImageSettings) -> str:
    recipe = f"{PIPELINE}|{fmt}|{settings.max_width}|{settings.thumb_width}|{settings.quality}|{digest}"
    return hashlib.sha256(recipe.encode()).hexdigest()


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<svg", b"<?xml")) or b"<svg" in text


def _fit(size: tuple[int, int], width: int) -> tuple[int, int]:
    """`size` scaled to at most `width` wide, aspect kept, never enlarged."""
    if size[0] <= width:
        return size
    return width, max(1, round(size[1] * width / size[0]))


def _stored_target(size: tuple[int, int], turn: Image.Transpose | None, max_width: int) -> tuple[int, int]:
    """The stored (unturned) size that becomes at most `max_width` wide once upright."""
    if turn in _SIDEWAYS:
        height, width = _fit((size[1], size[0]), max_width)
        return width, height
    return _fit(size, max_width)


def _working_mode(im: Image.Image, fmt: str) -> Image.Image:
    """A mode we can resize and encode: RGB(A), L(A) or CMYK (converted with its profile later)."""
    alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and im.has_transparency_data)
    if alpha and fmt == "JPEG":
        # JPEG has no transparency: put it on white, as a reader's page background is.
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if alpha:
        return im if im.mode in ("RGBA", "LA") else im.convert("RGBA")
    if im.mode in ("RGB", "L", "CMYK"):
        return im
    if im.mode.startswith("I"):
        # 16-bit greyscale (PNG): scaled to 8 bits; convert("L") would clip it to almost white.
        return im.convert("I").point(lambda v: v / 257).convert("L")
    return im.convert("RGB")


def _resize(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    if im.size == size:
        return im
    if im.mode in ("RGBA", "LA"):
        # Resample with premultiplied alpha, or transparent pixels' colour bleeds into edges.
        premultiplied = "RGBa" if im.mode == "RGBA" else "La"
        return im.convert(premultiplied).resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0).convert(im.mode)
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """Colours converted from the photo's profile (e.g. Display P3) to sRGB, what browsers assume."""
    if icc and im.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            out_mode = "RGBA" if im.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(im, source, _SRGB, outputMode=out_mode)
            assert converted is not None, "a new image, not converted in place"
            return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: keep the pixels as they are, as a browser would show them
    return im.convert("RGB") if im.mode == "CMYK" else im


def _save(im: Image.Image, fmt: str, settings: ImageSettings) -> bytes:
    if fmt == "WEBP" and im.mode in ("L", "LA"):
        im = im.convert("RGBA" if im.mode == "LA" else "RGB")
    # Encoders copy some of `info` (comment, ICC profile) into the file: give them none.
    im.info = {}
    out = io.BytesIO()
    if fmt == "JPEG":
        im.save(out, "JPEG", quality=settings.quality, optimize=True, progressive=True)
    elif fmt == "PNG":
        im.save(out, "PNG", optimize=True)
    else:
        im.save(out, "WEBP", quality=settings.quality, method=4)
    return out.getvalue()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
