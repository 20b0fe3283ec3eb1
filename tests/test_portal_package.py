"""`cchc portal YYYY-MM`: the folder and zip an editor attaches to the email to the portal."""

import errno
import hashlib
import os
import re
import subprocess
import sys
import zipfile

import pytest

from cchc.commands.cli import main
from cchc.commands.portal_package import parse_month
from conftest import HOSTILE_BODY, REPO, png, post, write_project, write_tree

FILES = {
    "posts/2026/10/anh/bia.png": png(),
    "posts/2026/10/anh/trong-bai.png": png(20, 20),
    "posts/2026/10/co-anh.md": post(
        "Bài có ảnh",
        "2026-10-05 08:00",
        "Mở đầu.\n\n![ảnh trong bài](./anh/trong-bai.png)\n\nXem [giới thiệu](../../../../gioi-thieu/).",
        authors=["Nguyễn Thị Lan", "Lê Quốc Bảo"],
        department="Phòng Điều dưỡng - TT&GDSK",
        image="anh/bia.png",
        portal=True,
    ),
    "posts/2026/10/doc-hai.md": post("Bài có mã độc", "2026-10-12 09:15", HOSTILE_BODY, portal=True),
    "posts/2026/10/khong-gui.md": post("Bài không gửi Cổng", "2026-10-13 09:15"),
    "posts/2026/11/nhap.md": post("Bản nháp", "2026-11-04 10:00", portal=True, draft=True),
    "posts/2026/12/hen-gio.md": post("Bài hẹn giờ", "2026-12-01 08:00", portal=True),
}


@pytest.fixture
def project(tmp_path, now_epoch, monkeypatch):
    write_tree(tmp_path, FILES)
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_package_holds_each_article_with_its_images_and_a_readme(project, capsys):
    assert main(["portal", "2026-10"]) == 0
    assert "portal-2026-10.zip" in capsys.readouterr().out
    folder = project / "portal-2026-10"
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name[0] != ".")
    assert names == [
        "01-bai-co-anh.html",
        "01-bai-co-anh/anh/bia.png",
        "01-bai-co-anh/anh/trong-bai.png",
        "02-bai-co-ma-doc.html",
        "02-bai-co-ma-doc/anh/bia.png",
        "README.txt",
    ]
    page = (folder / "01-bai-co-anh.html").read_text(encoding="utf-8")
    assert "<title>Bài có ảnh</title>" in page and "Phòng Điều dưỡng - TT&amp;GDSK" in page
    assert '<img src="01-bai-co-anh/anh/bia.png" alt="Bài có ảnh">' in page  # the cover, beside the page
    assert 'src="01-bai-co-anh/anh/trong-bai.png"' in page
    assert 'href="https://ttyt-mau.example.gov.vn/gioi-thieu/"' in page  # links to the site stay live
    assert "https://ttyt-mau.example.gov.vn/cchc/2026/10/bai-co-anh/" in page
    assert (folder / "01-bai-co-anh/anh/bia.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_package_photos_are_the_published_ones_without_location(tmp_path, now_epoch, monkeypatch):
    from PIL import Image

    from photos import phone_jpeg

    original = phone_jpeg()
    write_tree(
        tmp_path,
        {
            "posts/2026/10/anh/anh.jpg": original,
            "posts/2026/10/a.md": post("Bài có ảnh GPS", "2026-10-05 08:00", image="anh/anh.jpg", portal=True),
        },
    )
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["portal", "2026-10"]) == 0
    sent = tmp_path / "portal-2026-10/01-bai-co-anh-gps/anh/anh.jpg"
    assert sent.read_bytes() != original
    with Image.open(sent) as im:
        assert dict(im.getexif()) == {} and "exif" not in im.info
        assert im.height > im.width  # turned upright by its orientation, as on the site


def test_readme_lists_title_date_author_department_and_url(project):
    assert main(["portal", "2026-10"]) == 0
    raw = (project / "portal-2026-10/README.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # Notepad-friendly
    text = raw.decode("utf-8-sig")
    assert "Tháng 10/2026: 2 bài" in text
    first = text[text.index("1. Bài có ảnh") : text.index("2. ")]
    assert "01-bai-co-anh.html" in first
    assert "Thứ Hai, 5/10/2026, 08:00" in first
    assert "Nguyễn Thị Lan, Lê Quốc Bảo" in first
    assert "Phòng Điều dưỡng - TT&GDSK" in first
    assert "https://ttyt-mau.example.gov.vn/cchc/2026/10/bai-co-anh/" in first


def test_hostile_html_is_sanitised_in_the_package(project):
    assert main(["portal", "2026-10"]) == 0
    page = (project / "portal-2026-10/02-bai-co-ma-doc.html").read_text(encoding="utf-8")
    body = page[page.index("<article>") :]
    for bad in ("<script", "<iframe", "onmouseover", "onclick", "onerror", "javascript:", "alert("):
        assert bad not in body.lower(), bad
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)
    assert "Đoạn cuối." in body


def test_zip_is_the_folder_and_reproducible(project):
    assert main(["portal", "2026-10"]) == 0
    archive = project / "portal-2026-10.zip"
    first = hashlib.sha256(archive.read_bytes()).hexdigest()
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names) and all(n.startswith("portal-2026-10/") for n in names)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        readme = zf.read("portal-2026-10/README.txt")
    assert readme == (project / "portal-2026-10/README.txt").read_bytes()
    os.utime(project / "posts/2026/10/co-anh.md", (0, 0))  # file times do not matter
    assert main(["portal", "2026-10"]) == 0
    assert hashlib.sha256(archive.read_bytes()).hexdigest() == first


def test_more_than_three_are_cut_to_the_feed_s_three_with_a_warning(project, capsys):
    write_tree(
        project, {f"posts/2026/09/b{d}.md": post(f"Bài {d}", f"2026-09-0{d} 08:00", portal=True) for d in range(1, 5)}
    )
    assert main(["portal", "2026-09"]) == 0
    assert sorted(p.name for p in (project / "portal-2026-09").glob("*.html")) == [
        "01-bai-1.html",
        "02-bai-2.html",
        "03-bai-3.html",
    ]
    err = capsys.readouterr().err
    assert "Cảnh báo" in err and "posts/2026/09/b4.md" in err


@pytest.mark.parametrize("month", ["2026-11", "2026-12", "2025-01"])  # draft only, scheduled only, nothing
def test_a_month_without_published_portal_posts_is_refused(project, capsys, month):
    assert main(["portal", month]) == 1
    err = capsys.readouterr().err
    assert "không có bài nào đã đăng với `portal: true`" in err
    assert not (project / f"portal-{month}").exists() and not (project / f"portal-{month}.zip").exists()


def test_the_command_line_refuses_with_exit_code_1(project):
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks")}
    result = subprocess.run(
        [sys.executable, "-m", "cchc", "portal", "2026-11"], cwd=project, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Tháng 11/2026 không có bài nào" in result.stderr


def test_month_must_be_year_dash_month(capsys):
    assert parse_month("2026-3") == (2026, 3)
    assert main(["portal", "03/2026"]) == 2
    assert "NĂM-THÁNG" in capsys.readouterr().err


def test_case3_files_the_editor_added_to_the_package_folder_are_kept(project, capsys):
    assert main(["portal", "2026-10"]) == 0
    folder = project / "portal-2026-10"
    write_tree(folder, {"cong-van-gui-kem.pdf": b"%PDF cong van", "ghi-chu/lien-he.txt": "Chị Lan: 0912"})
    (folder / "README.txt").write_text("sửa tay", encoding="utf-8")  # ours: rewritten
    capsys.readouterr()
    assert main(["portal", "2026-10"]) == 0
    assert (folder / "cong-van-gui-kem.pdf").read_bytes() == b"%PDF cong van"
    assert (folder / "ghi-chu/lien-he.txt").read_text(encoding="utf-8") == "Chị Lan: 0912"
    assert (folder / "README.txt").read_text(encoding="utf-8-sig").startswith("Bài gửi Ban Biên tập")
    out = capsys.readouterr().out
    assert "được giữ nguyên nhưng không có trong portal-2026-10.zip: cong-van-gui-kem.pdf, ghi-chu/lien-he.txt" in out
    with zipfile.ZipFile(project / "portal-2026-10.zip") as zf:
        assert not [n for n in zf.namelist() if "cong-van" in n or "ghi-chu" in n]
    assert [p.name for p in project.iterdir() if p.name.startswith(".portal")] == []


def test_case3_a_file_or_link_holding_the_package_name_is_refused(project, tmp_path_factory, capsys):
    elsewhere = tmp_path_factory.mktemp("noi-khac")
    write_tree(elsewhere, {"rieng.txt": "của tôi"})
    (project / "portal-2026-10").symlink_to(elsewhere)
    assert main(["portal", "2026-10"]) == 1
    assert "nhưng đó là một tệp hoặc một liên kết, không phải thư mục" in capsys.readouterr().err
    assert sorted(p.name for p in elsewhere.iterdir()) == ["rieng.txt"]

    (project / "portal-2026-10").unlink()
    (project / "portal-2026-10").write_text("ghi chú", encoding="utf-8")
    assert main(["portal", "2026-10"]) == 1
    assert "Lệnh không ghi đè" in capsys.readouterr().err
    assert (project / "portal-2026-10").read_text(encoding="utf-8") == "ghi chú"

    # A folder made by hand whose file takes a name of the package: refused, the file kept.
    (project / "portal-2026-10").unlink()
    write_tree(project, {"portal-2026-10/01-bai-co-anh.html": "bản tự viết"})
    assert main(["portal", "2026-10"]) == 1
    assert "đã có 01-bai-co-anh.html, không do lệnh tạo" in capsys.readouterr().err
    assert (project / "portal-2026-10/01-bai-co-anh.html").read_text(encoding="utf-8") == "bản tự viết"
    assert not (project / "portal-2026-10.zip").exists()


def test_case15_full_disk_while_packaging_says_so_in_vietnamese(project, monkeypatch, capsys):
    def full_disk(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "portal-2026-10.zip")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
    assert main(["portal", "2026-10"]) == 1
    err = capsys.readouterr().err
    assert "Ổ đĩa đã đầy: không ghi được portal-2026-10.zip. Việc này cần khoảng" in err and "Errno" not in err
    assert sorted(p.name for p in project.iterdir() if "portal" in p.name) == []
