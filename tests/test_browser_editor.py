"""The web editor under a real `cchc serve`: a post written in Chromium is a post of FORMATS §1 that builds.

One `cchc serve` subprocess for the module (the demo's posts and plan in a temporary
project, on a free loopback port); Decap CMS is driven as an editor would drive it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium

from cchc.config.errors import Collector
from cchc.config.project import load_project
from cchc.readers.posts import read_post
from conftest import NOW_EPOCH, REPO, write_project
from photos import phone_jpeg

pytestmark = needs_chromium

TITLE = "Đoàn thanh niên hưởng ứng Ngày Pháp luật"
SLUG = "doan-thanh-nien-huong-ung-ngay-phap-luat"  # đ -> d, as text/vntext.py makes it
TASK = "4.1. Thanh toán viện phí không dùng tiền mặt"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _wait_for(url: str, wanted: str = "", limit: float = 180) -> str:
    """The page at `url` once it answers (and holds `wanted`): the preview rebuilds in its own time."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status, text = _get(url)
        if status == 200 and wanted in text:
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} không trả lời (hoặc thiếu {wanted!r})")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("editor")
    shutil.copytree(REPO / "posts", root / "posts")
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "documents", root / "documents")  # the demo posts cite them
    write_project(root)
    base = f"http://127.0.0.1:{_free_port()}/"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH)}
    address = urlsplit(base).netloc
    log = (root / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "cchc", "serve", "-a", address], cwd=root, env=env, stdout=log, stderr=log
    )
    try:
        _wait_for(base + "quan-tri/config.yml")
        yield base, root
    finally:
        server.terminate()
        server.wait(30)
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _open_new_post(browser, base: str, requests: list[str]):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "quan-tri/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Bài viết", exact=True).first.wait_for()
    page.goto(base + "quan-tri/#/collections/posts/new")
    page.get_by_label("Tiêu đề bài viết").wait_for()
    return page


def _publish(page) -> str:
    """Save the way the editor does (Công bố → Công bố ngay); the banner's text."""
    page.get_by_role("button", name="Công bố").click()
    page.get_by_role("menuitem", name="Công bố ngay").click()
    banner = page.locator("#cchc-kiem-tra")
    banner.wait_for(timeout=120_000)
    return banner.inner_text()


@pytest.fixture(scope="module")
def created(served, browser, tmp_path_factory):
    """A post made in the editor: title, area, a task of the demo plan, an uploaded cover, body text."""
    base, root = served
    photo = tmp_path_factory.mktemp("photo") / "hoi-nghi.jpg"
    photo.write_bytes(phone_jpeg((800, 600), 1))
    requests: list[str] = []
    page = _open_new_post(browser, base, requests)
    page.get_by_label("Tiêu đề bài viết").fill(TITLE)
    page.locator('input[type="datetime-local"]').fill("2026-11-20T09:00")
    page.get_by_label("Lĩnh vực CCHC").fill("thủ tục")
    page.keyboard.press("Enter")
    page.locator("select").first.select_option("2026-tuyen-truyen-cchc")  # our plan widget
    page.get_by_label(TASK).check()
    page.get_by_role("button", name="Chọn một hình").click()
    page.locator('input[type="file"]').set_input_files(str(photo))
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.get_by_label("Mô tả ảnh").fill("Đoàn viên phát tờ rơi tại sảnh khám bệnh")
    page.locator('[data-slate-editor="true"]').click()
    page.keyboard.type("Sáng nay, Đoàn thanh niên tuyên truyền thanh toán viện phí không dùng tiền mặt.")
    banner = _publish(page)
    preview = page.get_by_role("link", name="Xem bài trên trang xem thử").get_attribute("href")
    page.close()
    return root / "posts" / "2026" / "11" / f"{SLUG}.md", banner, preview, requests


def test_the_post_is_written_in_our_format(created):
    path, _, _, _ = created
    project = load_project(path.parents[3] / "mkdocs.yml", Collector())
    problems = Collector()
    post = read_post(path, "x", project.settings, problems)
    assert post is not None and problems.problems == []
    assert (post.title, post.slug, [a.key for a in post.areas]) == (TITLE, SLUG, ["thu-tuc-hanh-chinh"])
    assert post.local.strftime("%d/%m/%Y %H:%M") == "20/11/2026 09:00"
    assert (post.plan, post.tasks) == ("2026-tuyen-truyen-cchc", ("4.1",))
    assert post.image == "hoi-nghi.jpg" and (path.parent / "hoi-nghi.jpg").read_bytes()[:2] == b"\xff\xd8"
    assert post.image_alt == "Đoàn viên phát tờ rơi tại sảnh khám bệnh"
    assert "tuyên truyền thanh toán viện phí" in post.body
    assert path.read_text(encoding="utf-8").startswith("---\ntitle: ")


def test_cchc_check_passes_and_the_banner_says_so(created):
    path, banner, _, _ = created
    result = subprocess.run(
        [sys.executable, "-m", "cchc", "check"], cwd=path.parents[3], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
    assert f"Đã lưu posts/2026/11/{SLUG}.md. Kiểm tra: không có lỗi." in banner


def test_the_preview_shows_the_post_at_once(created, served):
    base, _ = served
    _, _, preview, _ = created
    assert preview == f"/cchc/2026/11/{SLUG}/"
    page = _wait_for(base.rstrip("/") + preview, TITLE)
    assert "hoi-nghi.jpg" in page


def test_the_editor_asks_nothing_of_other_sites(created, served):
    base, _ = served
    _, _, _, requests = created
    assert requests and all(url.startswith(base) or url.startswith(("data:", "blob:")) for url in requests)


def test_a_bad_value_shows_our_message(served, browser):
    base, root = served
    page = _open_new_post(browser, base, [])
    page.get_by_label("Tiêu đề bài viết").fill("Tiêu đề dài " + "rất " * 80)
    page.locator('input[type="datetime-local"]').fill("2026-11-21T10:00")
    page.get_by_label("Lĩnh vực CCHC").fill("công vụ")
    page.keyboard.press("Enter")
    page.locator("select").first.select_option("2026-tuyen-truyen-cchc")
    page.get_by_label(TASK).check()
    page.locator("select").first.select_option("")  # no plan after all: its ticks go with it
    assert page.get_by_label(TASK).count() == 0
    banner = _publish(page)
    page.close()
    checked = subprocess.run(
        [sys.executable, "-m", "cchc", "check", "--json"], cwd=root, capture_output=True, text=True, check=False
    )
    assert checked.returncode == 1
    messages = [p["message"] for p in json.loads(checked.stdout)["problems"]]
    assert messages and all(message in banner for message in messages)
    assert "Lỗi: dòng 2, mục `title`: Tiêu đề (title)" in banner
    assert "trang không dựng được" in banner
    saved = next((root / "posts" / "2026" / "11").glob("tieu-de-dai-*.md")).read_text(encoding="utf-8")
    assert "tasks" not in saved and "plan" not in saved
