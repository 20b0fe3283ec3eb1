"""The demo site as citizens get it: valid HTML (Nu Html Checker), no serious accessibility
violation (axe-core in Chromium at 360 and 1280 px), nothing loaded from another site.

The validators come from npm (package.json: vnu-jar, axe-core; `.ci/run` runs `npm ci`); the
checker runs on Java. Without Java or Node on the machine those tests skip, saying so.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, needs_chromium, serve

from conftest import REPO, build_at_now

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# One page of each kind the section makes, and the home page.
PAGES = {
    "trang chủ": "",
    "chuyên mục": "cchc/",
    "bài có bảng": "cchc/2026/04/ket-qua-giai-quyet-tthc-quy-i-2026/",
    "danh sách trang 2": "cchc/trang/2/",
    "lĩnh vực": "cchc/linh-vuc/the-che/",
    "thẻ": "cchc/the/hoi-nghi/",
    "lịch tháng": "cchc/lich/2026/11/",
    "lịch năm": "cchc/lich/2026/",
    "lịch": "cchc/lich/",
    "các kế hoạch": "cchc/ke-hoach/",
    "kế hoạch": "cchc/ke-hoach/2026-tuyen-truyen-cchc/",
    # Sharing, video (issue 15): share links, a video with captions, a YouTube video loaded on a click.
    "bài có video": "cchc/2026/02/hoi-nghi-trien-khai-ke-hoach-cai-cach-hanh-chinh-nam-2026/",
    # Documents register: the table, a filter page, a document.
    "sổ văn bản": "van-ban/",
    "văn bản theo loại": "van-ban/loai/quyet-dinh/",
    "văn bản": "van-ban/2026/45-kh-ttyt/",
    # Procedures and contact (shared/FORMATS.md §4, §5).
    "thủ tục": "thu-tuc/",
    "một thủ tục": "thu-tuc/kham-suc-khoe-nguoi-tu-18-tuoi/",
    "liên hệ": "lien-he/",
}
# Reception screen and printed notices (issue 17): whole pages of their own, without the theme's tabs.
DISPLAYS = {
    "màn hình tiếp đón": "man-hinh/",
    "bản niêm yết": "cchc/2026/03/trung-tam-trien-khai-thanh-toan-vien-phi-khong-dung-tien-mat/niem-yet.html",
}
WIDTHS = (360, 1280)


def _tool(path: Path, program: str) -> Path:
    """`path` from node_modules; skip only when the machine cannot run the validator at all."""
    if shutil.which(program) is None:
        pytest.skip(f"{program} không có trên máy này (.ci/run cài nó): bỏ qua kiểm tra bằng {path.name}")
    if not path.exists():
        pytest.fail(f"Thiếu {path.relative_to(REPO)}: chạy `npm ci --ignore-scripts` ở thư mục dự án (như .ci/run)")
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("valid")
    for name in ("posts", "plans", "docs", "documents", "procedures"):
        shutil.copytree(REPO / name, root / name)
    return build_at_now(root)


def test_every_page_passes_the_nu_html_checker(demo):
    _tool(VNU, "node")  # vnu-jar comes from npm
    jar = _tool(VNU, "java")
    pages = sorted(str(p) for p in demo.rglob("*.html"))
    assert len(pages) > 80
    # One Java start for every page: the checker is slow to start, fast to run.
    run = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--skip-non-html", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr)["messages"]
    errors = [
        f"{m['url'].rsplit(str(demo), 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []


@pytest.fixture(scope="module")
def visits(demo):
    """Each page of PAGES at each width, in one Chromium: axe's serious findings, every request."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium không có trên máy này (apt-get install chromium); .ci/run cài nó")
    axe = _tool(AXE, "node").read_text(encoding="utf-8")
    from playwright.sync_api import sync_playwright

    found: dict[tuple[str, int], dict] = {}
    with serve(demo) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                requests: list[str] = []
                failed: list[str] = []
                console: list[str] = []
                page.on("request", lambda r, requests=requests: requests.append(r.url))
                page.on("response", lambda r, failed=failed: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
                page.on(
                    "console",
                    lambda m, console=console: m.type in ("error", "warning") and console.append(f"{m.type}: {m.text}"),
                )
                for name, path in {**PAGES, **DISPLAYS}.items():
                    requests.clear()
                    failed.clear()
                    console.clear()
                    page.goto(base + path)
                    page.add_script_tag(content=axe)
                    result = page.evaluate("axe.run(document)")
                    found[name, width] = {
                        "violations": [
                            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                            for v in result["violations"]
                            if v["impact"] in ("serious", "critical")
                        ],
                        "requests": list(requests),
                        "failed": list(failed),
                        "console": list(console),
                        "origin": base,
                    }
                page.close()
        finally:
            browser.close()
    return found


@needs_chromium
def test_no_serious_accessibility_violation_at_phone_and_desktop_width(visits):
    problems = {f"{name} @ {width}px": v["violations"] for (name, width), v in visits.items() if v["violations"]}
    assert problems == {}


@needs_chromium
def test_no_page_requests_anything_from_another_site(visits):
    def elsewhere(url: str, origin: str) -> bool:
        return not url.startswith("data:") and urlsplit(url).netloc != urlsplit(origin).netloc

    outside = {
        f"{name} @ {width}px": sorted({u for u in v["requests"] if elsewhere(u, v["origin"])})
        for (name, width), v in visits.items()
    }
    assert {k: v for k, v in outside.items() if v} == {}


@needs_chromium
def test_no_page_asks_for_a_missing_file(visits):
    # The theme used to read the feeds' <link rel="alternate"> as other languages of the page
    # and fetch /cchc/sitemap.xml (404) twice on every page.
    missing = {f"{name} @ {width}px": v["failed"] for (name, width), v in visits.items() if v["failed"]}
    assert missing == {}


@needs_chromium
def test_no_page_logs_an_error_or_warning_in_the_browser_console(visits):
    # e.g. search's "Function is not registered with pipeline" (lunr.vi's stop-word filter).
    logged = {f"{name} @ {width}px": v["console"] for (name, width), v in visits.items() if v["console"]}
    assert logged == {}


def _page(demo: Path, path: str) -> str:
    return (demo / path / "index.html").read_text(encoding="utf-8")


def test_section_tab_is_active_on_every_page_of_the_section(demo):
    active = re.compile(r'<li class="md-tabs__item md-tabs__item--active">\s*<a[^>]*>\s*([^<]+?)\s*</a>')
    for path in [p for p in PAGES.values() if p.startswith("cchc/")]:
        assert active.findall(_page(demo, path)) == ["Cải cách hành chính"], path
    assert active.findall(_page(demo, "")) == ["Trang chủ"]
    assert active.findall(_page(demo, "gioi-thieu")) == ["Giới thiệu"]


def test_footer_names_the_unit_and_who_answers_for_the_content(demo):
    page = _page(demo, "cchc/lich/")
    footer = page[page.index('<footer class="md-footer">') :]
    assert "Made with" not in page and "Material for MkDocs" not in footer
    for text in ("Trung tâm Y tế Mẫu", "Sở Y tế tỉnh Mẫu", "Người chịu trách nhiệm nội dung", "Nguyễn Văn Minh"):
        assert text in footer, text
    assert 'href="tel:02583000000"' in footer and 'href="mailto:ttytmau@example.gov.vn"' in footer


def test_no_english_left_in_the_theme(demo):
    page = _page(demo, "cchc/")
    for english in ("Initializing search", 'aria-label="Tabs"', "Made with"):
        assert english not in page
    assert "Đang chuẩn bị tìm kiếm" in page and "Chuyển đến nội dung chính" in _page(demo, PAGES["bài có bảng"])


def test_tables_in_posts_scroll_in_a_named_keyboard_reachable_region(demo):
    page = _page(demo, PAGES["bài có bảng"])
    body = page[page.index('<div class="cchc-post__body">') :]
    tables = body.count("<table>")
    assert tables >= 1
    regions = re.findall(r'<div class="cchc-table[^"]*" role="region" tabindex="0" aria-label="([^"]+)"><table>', body)
    assert len(regions) == tables and all(label.startswith("Bảng") for label in regions)


def test_calendar_subscription_names_the_period_of_each_task_deadline(demo):
    ics = (demo / "cchc" / "lich.ics").read_text(encoding="utf-8")
    summaries = re.findall(r"^SUMMARY:(.*)$", ics.replace("\r\n ", ""), flags=re.M)
    monthly = [s for s in summaries if s.startswith("Hạn nhiệm vụ 03")]
    assert len(monthly) > 3 and len(set(monthly)) == len(monthly)
    assert "Hạn nhiệm vụ 03 (tháng 11/2026): " in "\n".join(monthly)
    assert "Hạn báo cáo năm" in summaries
