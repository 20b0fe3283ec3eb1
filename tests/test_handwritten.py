"""Issue 11 case 8 and issue 13 item 4: what of `docs/` the public site publishes."""

import io
import json

import pikepdf
import pytest
from mkdocs.exceptions import Abort
from PIL import Image

from conftest import build_at_now, post, run_build, write_tree
from photos import phone_jpeg


def pdf_by(author: str) -> bytes:
    document = pikepdf.new()
    document.add_blank_page()
    document.docinfo["/Author"] = author
    out = io.BytesIO()
    document.save(out, deterministic_id=True)
    return out.getvalue()


DOCS = {
    "docs/nhap.md": "---\ndraft: true\n---\n\n# Trang nháp\n",
    "docs/gioi-thieu.md.bak": "# Bản cũ\n",
    "docs/ghi-chu.txt": "mật khẩu wifi: 123456\n",
    "docs/trang.html": "<script>alert(1)</script>\n",
    "docs/anh/toa-nha.jpg": phone_jpeg((400, 300)),
    "docs/van-ban/quy-che.pdf": pdf_by("Nguyen Van A"),
    "docs/lien-he.md": "# Liên hệ\n\n![Tòa nhà](anh/toa-nha.jpg)\n\n[Quy chế](van-ban/quy-che.pdf)\n",
    "docs/huong-dan/index.md": "# Hướng dẫn biên tập\n\nXem thử: cchc serve\n",
    "posts/a.md": post("Bài viết", "2026-10-05 08:00"),
}


def build(root, files, **kwargs):
    write_tree(root, files)
    return build_at_now(root, **kwargs)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("docs"), DOCS)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    return build(tmp_path_factory.mktemp("docs-serve"), DOCS, command="serve")


@pytest.fixture(scope="module")
def guide_published(tmp_path_factory):
    return build(tmp_path_factory.mktemp("docs-guide"), DOCS, extra={"cchc": {"publish_guide": True}})


def search_locations(site):
    return [doc["location"] for doc in json.loads((site / "search" / "search_index.json").read_text())["docs"]]


def test_case8_drafts_and_stray_files_of_docs_are_not_published(built):
    assert (built / "lien-he" / "index.html").is_file()
    assert (built / "van-ban" / "quy-che.pdf").is_file()
    for left_out in ("nhap/index.html", "gioi-thieu.md.bak", "ghi-chu.txt", "trang.html"):
        assert not (built / left_out).exists(), left_out
    assert not any(loc.startswith("nhap/") for loc in search_locations(built))


def test_case8_photos_of_docs_lose_their_metadata(built):
    with Image.open(built / "anh" / "toa-nha.jpg") as im:
        assert dict(im.getexif()) == {}  # no GPS, camera, orientation
        assert im.info.get("icc_profile") is None and "comment" not in im.info
        assert im.size == (300, 400)  # turned upright


def test_case8_documents_of_docs_lose_their_author(built):
    with pikepdf.open(built / "van-ban" / "quy-che.pdf") as published:
        assert "/Author" not in published.docinfo and len(published.pages) == 1


def test_case8_serve_previews_drafts(preview):
    assert (preview / "nhap" / "index.html").is_file()
    assert not (preview / "ghi-chu.txt").exists()


def test_case8_stray_files_are_named_in_a_warning(tmp_path, now_epoch, caplog):
    write_tree(tmp_path, {"docs/ghi-chu.txt": "ghi chú\n", "posts/a.md": post("Bài", "2026-10-05 08:00")})
    run_build(tmp_path)
    assert "docs/ghi-chu.txt" in caplog.text and "Không được đăng" in caplog.text


def test_case8_links_out_of_the_project_and_svg_are_errors(tmp_path, tmp_path_factory, now_epoch, caplog):
    outside = tmp_path_factory.mktemp("ngoai")
    (outside / "bi-mat.md").write_text("# Bí mật\n", encoding="utf-8")
    write_tree(tmp_path, {"docs/logo.svg": '<svg onload="alert(1)"/>', "posts/a.md": post("Bài", "2026-10-05")})
    (tmp_path / "docs" / "lien-ket.md").symlink_to(outside / "bi-mat.md")
    (tmp_path / "docs" / "thu-muc").symlink_to(outside)
    with pytest.raises(Abort):
        run_build(tmp_path)
    for named in ("docs/lien-ket.md", "docs/thu-muc", "docs/logo.svg"):
        assert named in caplog.text
    assert "symlink" in caplog.text and "SVG" in caplog.text
    assert not (tmp_path / "site").exists()


def test_issue13_guide_is_not_on_the_public_site_nor_in_its_search(built):
    assert not (built / "huong-dan").exists()
    assert not any(loc.startswith("huong-dan/") for loc in search_locations(built))


def test_issue13_guide_is_published_on_request_and_in_serve_but_never_searched(guide_published, preview):
    assert (guide_published / "huong-dan" / "index.html").is_file()
    assert not any(loc.startswith("huong-dan/") for loc in search_locations(guide_published))
    assert (preview / "huong-dan" / "index.html").is_file()
