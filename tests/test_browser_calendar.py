"""In a real headless Chromium: open a month page, follow a day's post, fit a 360 px phone.

Uses Debian's `chromium` (installed by .ci/run) through Playwright; skips, saying why,
when /usr/bin/chromium is absent.
"""

import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import NOW_EPOCH, post, run_build, write_tree

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LONG_TITLE = "Trung tâm triển khai thanh toán viện phí không dùng tiền mặt tại tất cả các khoa khám bệnh"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="cần Chromium tại /usr/bin/chromium (apt-get install chromium)"
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    files = {
        "posts/a.md": post(LONG_TITLE, "2026-03-12 08:30"),
        **{
            f"posts/b{i}.md": post(f"Hội nghị chuyên đề số {i} về chuyển đổi số", f"2026-03-20 0{i}:00")
            for i in range(1, 6)
        },
    }
    write_tree(root, files)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
        site_dir = run_build(root)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def test_follow_a_day_to_its_post(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page.goto(server + "cchc/lich/2026/03/")
    assert page.locator("table.cchc-cal--month caption").inner_text() == "Tháng 3 năm 2026"
    day = page.locator("td#ngay-12")
    assert day.locator("a[aria-label='Thứ Năm, 12/3/2026: 1 bài viết']").count() == 1
    day.get_by_role("link", name=LONG_TITLE).click()
    page.wait_for_url("**/cchc/2026/03/**")
    assert page.locator("h1").inner_text() == LONG_TITLE
    page.close()


def test_month_fits_a_360px_phone(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(server + "cchc/lich/2026/03/")
    shot = tmp_path / "lich-2026-03-360.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"horizontal overflow of {overflow}px at 360px; see {shot}"
    # The grid became a list: days with posts are readable, with their weekday and date.
    assert page.locator("td#ngay-12 .cchc-cal__wd").is_visible()
    assert not page.locator("td#ngay-11").is_visible()
    assert page.locator("td#ngay-20 details summary").inner_text() == "Thêm 2 bài"
    page.close()


def test_year_page_fits_a_360px_phone(server, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(server + "cchc/lich/2026/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.close()
