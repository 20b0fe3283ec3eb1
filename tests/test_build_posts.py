"""End-to-end: build a site from posts and read what a reader would get."""

import hashlib
import io
import json
import re
import unicodedata

import pikepdf
import pytest
from mkdocs.exceptions import Abort

from conftest import build_at_now, post, run_build, write_tree

POSTS = {
    "posts/2026/03/thanh-toan.md": post(
        unicodedata.normalize("NFD", "Thanh toán viện phí không dùng tiền mặt"),
        "2026-03-12 08:30",
        "Người bệnh quét mã QR.\n\n## Đăng ký định danh điện tử\n\nNội dung.",
        author="Nguyễn Thị Lan",
        department="Phòng Điều dưỡng - TT&GDSK",
        categories=["Cải cách thủ tục hành chính"],
        tags=["dịch vụ công trực tuyến", "VNeID"],
    ),
    "posts/2026/04/dau-thang.md": post("Đón đoàn kiểm tra CCHC", "2026-04-01 00:30", categories=["cong-vu"]),
    "posts/2026/05/utc.md": post(
        "Bài đăng theo giờ UTC", "2026-05-31T23:30:00+00:00", categories=["chinh-quyen-so"], tags=["VNeID"]
    ),
    "posts/nhap.md": post("Bài nháp chưa đăng", "2026-03-01", draft=True),
    "posts/tuong-lai.md": post("Bài hẹn giờ tháng sau", "2026-12-05 08:00"),
}


def html(site, url):
    return (site / url / "index.html").read_text(encoding="utf-8")


def pdf() -> bytes:
    document = pikepdf.new()
    document.add_blank_page()
    out = io.BytesIO()
    document.save(out, deterministic_id=True)
    return out.getvalue()


# Beside POSTS, in the same build: a title with HTML in it, a post with a document beside it.
EXTRA = {
    "posts/b.md": post("Chỉ số <PAR INDEX> & <SIPAS>", "2026-03-10"),
    "posts/2026/03/van-ban/ke-hoach.pdf": pdf(),
    "posts/2026/03/a.md": post("Ban hành kế hoạch", "2026-03-11", body="Xem [Kế hoạch số 12](van-ban/ke-hoach.pdf)."),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One strict build (no warning) of POSTS and EXTRA, shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("posts")
    write_tree(root, {**POSTS, **EXTRA})
    return build_at_now(root, strict=True)


def test_post_page_shows_title_date_author_department_links(built):
    page = html(built, "cchc/2026/03/thanh-toan-vien-phi-khong-dung-tien-mat")
    assert '<html lang="vi"' in page
    assert "<h1>Thanh toán viện phí không dùng tiền mặt</h1>" in page  # NFC
    assert "Thứ Năm, 12/3/2026" in page
    assert "Nguyễn Thị Lan" in page
    assert "Phòng Điều dưỡng - TT&amp;GDSK" in page
    assert 'href="../../../linh-vuc/thu-tuc-hanh-chinh/"' in page
    assert 'href="../../../the/dich-vu-cong-truc-tuyen/"' in page
    assert 'id="dang-ky-dinh-danh-dien-tu"' in page  # đ kept as d
    assert 'rel="next" href="../../04/don-doan-kiem-tra-cchc/"' in page


def test_dates_go_to_their_local_day(built):
    assert (built / "cchc/2026/04/don-doan-kiem-tra-cchc/index.html").is_file()
    assert (built / "cchc/2026/06/bai-dang-theo-gio-utc/index.html").is_file()
    assert "Thứ Hai, 1/6/2026" in html(built, "cchc/2026/06/bai-dang-theo-gio-utc")


def test_drafts_and_scheduled_posts_are_not_published(built):
    everything = "".join(p.read_text(encoding="utf-8") for p in built.rglob("*.html"))
    assert "Bài nháp chưa đăng" not in everything
    assert "Bài hẹn giờ tháng sau" not in everything
    assert "Bài hẹn giờ" not in (built / "search/search_index.json").read_text(encoding="utf-8")


def test_serve_previews_drafts_and_scheduled_posts(site):
    built = site(POSTS, command="serve")
    assert "Bản nháp" in html(built, "cchc/2026/03/bai-nhap-chua-dang")
    assert "Hẹn giờ" in html(built, "cchc/2026/12/bai-hen-gio-thang-sau")


def test_listing_pages(built):
    landing = html(built, "cchc")
    assert landing.index("Bài đăng theo giờ UTC") < landing.index("Thanh toán viện phí")
    assert "Người bệnh quét mã QR." in landing  # summary
    for key in (
        "chi-dao-dieu-hanh",
        "the-che",
        "thu-tuc-hanh-chinh",
        "to-chuc-bo-may",
        "cong-vu",
        "tai-chinh-cong",
        "chinh-quyen-so",
    ):
        assert (built / f"cchc/linh-vuc/{key}/index.html").is_file()
    assert "Bài đăng theo giờ UTC" in html(built, "cchc/the/vneid")
    assert "Thanh toán viện phí" in html(built, "cchc/the/vneid")
    assert "Đón đoàn kiểm tra" in html(built, "cchc/2026")
    assert "Đón đoàn kiểm tra" in html(built, "cchc/2026/04")
    assert "Đón đoàn kiểm tra" not in html(built, "cchc/2026/03")
    page1 = html(built, "cchc/trang/1")
    assert page1.index("Bài đăng theo giờ UTC") < page1.index("Đón đoàn") < page1.index("Thanh toán")


def test_pagination_newest_first(site):
    posts = {f"posts/p{i:02d}.md": post(f"Tin số {i:02d}", f"2026-01-{i:02d}") for i in range(1, 24)}
    built = site(posts)
    assert (built / "cchc/trang/3/index.html").is_file()
    assert not (built / "cchc/trang/4").exists()
    first = html(built, "cchc/trang/1")
    assert "Tin số 23" in first and "Tin số 13" not in first
    assert "Trang 1/3" in first and 'rel="next" href="../2/"' in first
    assert "Tin số 03" in html(built, "cchc/trang/3")


def test_section_in_nav_but_posts_are_not(built):
    page = html(built, "gioi-thieu")
    nav = page[page.index("md-nav--primary") :]
    nav = nav[: nav.index("</nav>")]
    assert "Cải cách hành chính" in nav
    assert "Thanh toán viện phí" not in nav


def test_search_is_vietnamese_and_folds_marks(built):
    index = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["vi"]
    script = (built / "assets/javascripts/lunr/min/lunr.vi.min.js").read_text(encoding="utf-8")
    assert "fold-vi" in script  # our override of the theme's Vietnamese search


def test_broken_posts_fail_together_and_keep_the_old_site(tmp_path, now_epoch, caplog):
    write_tree(tmp_path, {"posts/tot.md": post("Bài tốt")})
    site_dir = run_build(tmp_path)
    old = (site_dir / "cchc/index.html").read_bytes()
    write_tree(
        tmp_path,
        {
            "posts/hong-1.md": "---\ntitle: Thiếu ngày\ncategories: the-che\n---\nx\n",
            "posts/hong-2.md": post("Sai lĩnh vực", categories=["nông nghiệp"]),
            "posts/hong-3.md": post("Bài tốt"),
        },
    )
    with pytest.raises(Abort):
        run_build(tmp_path)
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    for name in ("posts/hong-1.md", "posts/hong-2.md", "posts/tot.md", "trùng với bài posts/hong-3.md"):
        assert name in message
    assert "Thiếu ngày đăng" in message
    assert "3 lỗi trong 3 tệp" in message
    assert (site_dir / "cchc/index.html").read_bytes() == old


def test_unknown_key_is_a_warning_fatal_under_strict(site, caplog):
    files = {"posts/a.md": post("Bài có lỗi gõ", categoies=["the-che"])}
    site(files)
    assert any("categoies" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)
    with pytest.raises(Abort):
        site(files, strict=True)


def test_same_content_and_epoch_give_identical_bytes(built, tmp_path):
    def digest(site_dir):
        return {
            p.relative_to(site_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site_dir.rglob("*"))
            if p.is_file()
        }

    again = build_at_now(built.parent, strict=True, site_dir=str(tmp_path / "site"))
    assert digest(again) == digest(built)


def test_html_in_titles_is_escaped(built):
    page = html(built, "cchc/2026/03/chi-so-par-index-sipas")
    assert "Chỉ số &lt;PAR INDEX&gt; &amp; &lt;SIPAS&gt;" in page
    assert re.search(r"<PAR INDEX>", page) is None


def test_pages_announce_both_feeds_and_name_heading_links(built):
    page = html(built, "cchc/2026/03/thanh-toan-vien-phi-khong-dung-tien-mat")
    assert 'rel="alternate feed" type="application/rss+xml"' in page and 'href="../../../rss.xml"' in page
    assert 'href="../../../portal.xml"' in page
    assert 'title="Liên kết đến mục này"' in page and "Permanent link" not in page


def test_documents_beside_a_post_are_published_with_it(built):  # built under --strict: no warning about it
    page = html(built, "cchc/2026/03/ban-hanh-ke-hoach")
    assert 'href="van-ban/ke-hoach.pdf"' in page
    with pikepdf.open(built / "cchc/2026/03/ban-hanh-ke-hoach/van-ban/ke-hoach.pdf") as published:
        assert len(published.pages) == 1  # the same document, its metadata removed (tests/test_safe_input.py)


def test_a_missing_document_is_an_error_naming_post_and_line(tmp_path, now_epoch, caplog):
    write_tree(tmp_path, {"posts/a.md": post("Bài", body="Đầu.\n\n[Tải về](thieu.docx)")})
    with pytest.raises(Abort):
        run_build(tmp_path)
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert 'dòng 10: Tệp đính kèm "thieu.docx": không tìm thấy tệp' in message
