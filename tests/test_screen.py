"""The reception screen's settings (`extra.cchc.screen`) and `cchc in`, the notice as a PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pikepdf
import pytest

from cchc.commands.notice_pdf import find_printable
from cchc.config.errors import Collector
from cchc.config.settings import ScreenSettings, read_settings
from conftest import REPO, build_at_now, make_post, post, write_project, write_tree

POSTS = {
    "posts/a.md": post("Bài thể chế mới", date="2026-03-12 08:30", categories=["the-che"]),
    "posts/b.md": post("Bài công vụ", date="2026-03-13 08:30", categories=["cong-vu"]),
    "posts/c.md": post("Bài thể chế cũ", date="2026-03-10 08:30", categories=["the-che"]),
    "posts/d.md": post("Bài thể chế cũ hơn", date="2026-03-09 08:30", categories=["the-che"]),
    "posts/nhap.md": post("Bản nháp", date="2026-03-14 08:30", categories=["the-che"], draft=True),
}
NOW = datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
EXTRA = {"cchc": {"unit": "Trạm Y tế <Mẫu>", "screen": {"posts": 2, "areas": "Cải cách thể chế", "seconds": 5}}}


def _settings(screen: object) -> tuple[ScreenSettings, Collector]:
    problems = Collector()
    return read_settings("Đơn vị", {"cchc": {"screen": screen}}, problems).screen, problems


def test_screen_settings_are_read_as_written():
    screen, problems = _settings(
        {"seconds": 8, "led_seconds": 30, "posts": 4, "areas": ["the-che", "Cải cách chế độ công vụ"], "led": "có"}
    )
    assert not problems.errors and not problems.warnings
    assert screen == ScreenSettings(seconds=8, led_seconds=30, posts=4, areas=("the-che", "cong-vu"), led=True)
    assert _settings(None)[0] == ScreenSettings()


def test_every_wrong_screen_setting_is_reported_with_its_key():
    wrong = {"seconds": 1, "posts": "sáu", "areas": ["khong-co"], "led": "hơi", "portal_url": "x", "z": 1}
    _, problems = _settings(wrong)
    text = "\n".join(str(e) for e in problems.errors)
    assert len(problems.errors) == 5
    for key in ("seconds", "posts", "areas", "led", "portal_url"):
        assert f"extra.cchc.screen.{key}" in text, key
    assert "từ 4 đến 120" in text and 'Không có lĩnh vực "khong-co"' in text
    assert [str(w) for w in problems.warnings if "extra.cchc.screen.z" in str(w)]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("man-hinh-nho")
    write_tree(root, POSTS)
    return build_at_now(root, extra=EXTRA)


def test_the_screen_shows_the_chosen_number_of_latest_posts_of_the_chosen_areas(small):
    screen = (small / "man-hinh" / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<h2 class="cchc-slide__title">([^<]*)</h2>', screen)
    assert titles == ["Bài thể chế mới", "Bài thể chế cũ"]  # not the draft, not the other area
    assert 'data-seconds="5"' in screen and 'data-led="false"' in screen
    assert "Trạm Y tế &lt;Mẫu&gt;" in screen and "<Mẫu>" not in screen
    assert 'data-reload-seconds="600"' in screen and "http-equiv" not in screen  # the script reloads, checking first


def test_find_post_by_file_slug_or_address(tmp_path, monkeypatch):
    posts = [replace(make_post("2026-03-12 08:30", slug="hoi-nghi"), path=tmp_path / "posts" / "hoi-nghi.md")]
    monkeypatch.chdir(tmp_path)
    for target in (
        "posts/hoi-nghi.md",
        "hoi-nghi",
        "https://ttyt.example.gov.vn/cchc/2026/03/hoi-nghi/",
        "/cchc/2026/03/hoi-nghi/niem-yet.html",
    ):
        found = find_printable(target, posts, NOW)
        assert found and found.notice == "cchc/2026/03/hoi-nghi/niem-yet.html" and found.published, target
    assert find_printable("khac", posts, NOW) is None


def cchc(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks"), "SOURCE_DATE_EPOCH": "1795410000"}
    return subprocess.run(
        [sys.executable, "-m", "cchc", *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.skipif(
    not all(shutil.which(p) for p in ("chromium", "pdftoppm", "zbarimg")),
    reason="cần chromium, poppler-utils và zbar-tools (bash setup.sh)",
)
def test_cchc_in_writes_a_one_page_a4_pdf_whose_qr_code_opens_the_post(tmp_path):
    write_tree(tmp_path, POSTS)
    write_project(tmp_path)
    done = cchc(tmp_path, "in", "posts/a.md", "-o", "a.pdf")
    assert done.returncode == 0, done.stderr
    assert "bản niêm yết A4, 1 trang" in done.stdout
    pdf_path = tmp_path / "a.pdf"
    with pikepdf.open(pdf_path) as pdf:
        assert len(pdf.pages) == 1
        assert [round(float(v)) for v in pdf.pages[0].mediabox] == [0, 0, 595, 842]
        assert "/Info" not in pdf.trailer  # no creation time, no Chromium user agent
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf_path), str(tmp_path / "a")], check=True)
    read = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "a.png")], capture_output=True, text=True)
    assert read.stdout.strip() == "https://ttyt-mau.example.gov.vn/cchc/2026/03/bai-the-che-moi/"

    first = pdf_path.read_bytes()
    again = cchc(tmp_path, "in", "bai-the-che-moi", "-o", "a.pdf")
    assert again.returncode == 1 and "thêm --force để ghi đè" in again.stderr
    forced = cchc(tmp_path, "in", "bai-the-che-moi", "-o", "a.pdf", "--force")
    assert forced.returncode == 0, forced.stderr
    assert pdf_path.read_bytes() == first  # the same notice, the same bytes
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".a.pdf")] == []  # no temporary file left

    draft = cchc(tmp_path, "in", "posts/nhap.md")
    assert draft.returncode == 1 and "bài chưa đăng" in draft.stderr
    missing = cchc(tmp_path, "in", "khong-co-bai-nay")
    assert missing.returncode == 1 and 'Không tìm thấy bài "khong-co-bai-nay"' in missing.stderr


def test_long_texts_are_cut_at_a_word_with_an_ellipsis():
    from cchc.pages.screen import shorten

    assert shorten("Hội nghị triển khai", 40) == "Hội nghị triển khai"
    assert shorten("Hội nghị triển khai công tác, cải cách hành chính", 32) == "Hội nghị triển khai công tác…"
    assert len(shorten("x" * 500, 90)) == 90
