"""The reception screen (/man-hinh/) and the printed notices, as a hall's TV and a notice board get them.

One build of the demo plus a post with the longest title and summary allowed and a cover photo;
Debian's Chromium at 1920×1080, 1366×768 and, in LED mode, 960×540. The readability rule: no
text below 3.5 % of the screen's height (38 px at 1080p, 27 px at 768p), 5.5 % in LED mode.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf
import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, browser_page, needs_chromium, serve

from conftest import REPO, build_at_now, png, post, write_tree

SITE_URL = "https://ttyt-mau.example.gov.vn/"
LONG = "Tiêu đề rất dài về cải cách hành chính " * 8  # 312 characters: over the 300 allowed, cut below
LONG_POST = post(
    LONG[:300].strip(),
    date="2026-11-20 08:00",
    body="Nội dung bài dài.",
    summary=("Tóm tắt rất dài, " * 120)[:2000],
    image="anh/bia.png",
    image_alt="Ảnh bìa",
    categories=["cong-vu"],
)
LONG_URL = "cchc/2026/11/" + "tieu-de-rat-dai-ve-cai-cach-hanh-chinh"  # the slug's start
PROCEDURE_NOTICE = "thu-tuc/kham-suc-khoe-nguoi-tu-18-tuoi/niem-yet.html"
PROCEDURE_ONLINE = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.012143"
DEMO_NOTICE = "cchc/2026/03/trung-tam-trien-khai-thanh-toan-vien-phi-khong-dung-tien-mat/niem-yet.html"
SIZES = {"1920x1080": (1920, 1080, "", 0.035), "1366x768": (1366, 768, "", 0.035), "960x540": (960, 540, "led", 0.055)}

needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools chưa cài (bash setup.sh)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("man-hinh")
    for name in ("posts", "plans", "docs", "documents", "procedures"):  # every content folder of the demo
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    write_tree(root, {"posts/2026/11/dai.md": LONG_POST, "posts/2026/11/anh/bia.png": png(1200, 900)})
    return build_at_now(root)


def _decode(image: bytes, tmp: Path) -> str:
    path = tmp / "qr.png"
    path.write_bytes(image)
    run = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, timeout=30)
    return run.stdout.rstrip("\n")


# Each visible slide's measures, taken in the page: the slide shown, text boxes leaving the
# slide, text smaller than the rule, the counter.
MEASURE = """(minShare) => {
  const slides = [...document.querySelectorAll('.cchc-slide')];
  const shown = slides.filter((s) => !s.hidden);
  const slide = shown[0];
  const box = slide.getBoundingClientRect();
  const texts = [...slide.querySelectorAll('*'), ...document.querySelectorAll('.cchc-screen__bar *')].filter(
    (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && el.getClientRects().length);
  const min = window.innerHeight * minShare - 0.01;
  return {
    index: slides.indexOf(slide),
    shown: shown.length,
    count: slides.length,
    counter: document.querySelector('.cchc-screen__count').textContent,
    clipped: slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1,
    outside: [...texts, ...[...slide.querySelectorAll('svg, img')].filter((el) => el.getClientRects().length)]
      .filter((el) => slide.contains(el)).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1;
    }).map((el) => el.textContent.slice(0, 40)),
    small: texts.filter((el) => parseFloat(getComputedStyle(el).fontSize) < min)
      .map((el) => `${getComputedStyle(el).fontSize}: ${el.textContent.slice(0, 40)}`),
    smallest: Math.min(...texts.map((el) => parseFloat(getComputedStyle(el).fontSize))),
  };
}"""


@pytest.fixture(scope="module")
def shows(demo, tmp_path_factory):
    """Every slide at each size, advanced by the page's own timer (Playwright's clock): measures,
    screenshots, every request; the QR codes of the codes slide and of a notice, as PNG."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium không có trên máy này (apt-get install chromium); .ci/run cài nó")
    from playwright.sync_api import sync_playwright

    shots = tmp_path_factory.mktemp("anh")
    found: dict[str, object] = {"requests": [], "shots": shots}
    with serve(demo) as base, sync_playwright() as p:
        found["base"] = base
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, (width, height, mode, share) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.on("request", lambda r: found["requests"].append(r.url))
                page.clock.install()
                page.goto(base + "man-hinh/" + (f"?che-do={mode}" if mode else ""))
                seconds = int(
                    page.evaluate(
                        "document.documentElement.dataset.ledSeconds"
                        if mode
                        else "document.documentElement.dataset.seconds"
                    )
                )
                measures = []
                for i in range(page.locator(".cchc-slide").count()):
                    if i:
                        page.clock.run_for(seconds * 1000)
                    page.wait_for_timeout(50)
                    measures.append(page.evaluate(MEASURE, share))
                    page.screenshot(path=shots / f"{name}-{i}.png")
                    if name == "1920x1080" and page.locator(".cchc-slide--codes:not([hidden])").count():
                        codes = page.locator(".cchc-slide--codes .cchc-qr")
                        found["codes"] = [codes.nth(j).screenshot() for j in range(codes.count())]
                found[name] = measures
                page.close()
            page = browser.new_page(viewport={"width": 794, "height": 1123})
            page.on("request", lambda r: found["requests"].append(r.url))
            page.goto(base + DEMO_NOTICE)
            page.emulate_media(media="print")
            found["notice_code"] = page.locator(".cchc-notice__code .cchc-qr").screenshot()
            found["notice_pdf"] = page.pdf(prefer_css_page_size=True)
            page.goto(base + PROCEDURE_NOTICE)
            page.emulate_media(media="print")
            found["procedure_code"] = page.locator(".cchc-notice__code .cchc-qr").screenshot()
            found["procedure_pdf"] = page.pdf(prefer_css_page_size=True)
            page.close()
        finally:
            browser.close()
    return found


@needs_chromium
@pytest.mark.parametrize("size", SIZES)
def test_slides_advance_on_their_own_one_at_a_time(shows, size):
    measures = shows[size]
    count = measures[0]["count"]
    assert count == 8  # 6 latest posts, contact, codes
    assert [m["index"] for m in measures] == list(range(count))
    assert all(m["shown"] == 1 for m in measures)
    assert [m["counter"] for m in measures] == [f"{i + 1}/{count}" for i in range(count)]
    assert (shows["shots"] / f"{size}-0.png").stat().st_size > 5000


@needs_chromium
@pytest.mark.parametrize("size", SIZES)
def test_no_text_leaves_its_slide(shows, size):
    # The first slide is the post with the longest title and summary an editor can write.
    bad = {m["index"]: m["outside"] for m in shows[size] if m["outside"] or m["clipped"]}
    assert bad == {}


@needs_chromium
@pytest.mark.parametrize("size", SIZES)
def test_every_text_is_readable_from_the_back_of_the_hall(shows, size):
    width, height, mode, share = SIZES[size]
    small = {m["index"]: m["small"] for m in shows[size] if m["small"]}
    assert small == {}
    assert min(m["smallest"] for m in shows[size]) >= height * share - 0.01
    if size == "1920x1080":
        assert min(m["smallest"] for m in shows[size]) >= 37.8  # px


@needs_chromium
def test_the_screen_asks_nothing_of_another_site(shows):
    origin = urlsplit(shows["base"]).netloc
    assert shows["requests"]
    assert sorted({u for u in shows["requests"] if not u.startswith("data:") and urlsplit(u).netloc != origin}) == []


@needs_chromium
@needs_zbar
def test_every_qr_code_on_the_screen_opens_its_address(demo, shows, tmp_path):
    (latest,) = demo.glob(LONG_URL + "*/index.html")  # the newest post
    decoded = [_decode(image, tmp_path) for image in shows["codes"]]
    latest_url = SITE_URL + latest.parent.relative_to(demo).as_posix() + "/"
    assert decoded == ["https://dichvucong.gov.vn/", SITE_URL + "thu-tuc/", latest_url]


@needs_chromium
@needs_zbar
def test_a_procedure_notice_qr_code_opens_its_online_service_on_one_a4_page(demo, shows, tmp_path):
    assert _decode(shows["procedure_code"], tmp_path) == PROCEDURE_ONLINE
    with pikepdf.open(io.BytesIO(shows["procedure_pdf"])) as pdf:
        assert len(pdf.pages) == 1
    page = (demo / PROCEDURE_NOTICE.removesuffix("niem-yet.html") / "index.html").read_text(encoding="utf-8")
    assert 'href="niem-yet.html">Bản in niêm yết (A4)</a>' in page


@needs_chromium
@needs_zbar
def test_the_printed_notice_qr_code_opens_the_post_and_fits_one_a4_page(shows, tmp_path):
    page_url = SITE_URL + DEMO_NOTICE.removesuffix("niem-yet.html")
    assert _decode(shows["notice_code"], tmp_path) == page_url
    with pikepdf.open(io.BytesIO(shows["notice_pdf"])) as pdf:
        assert len(pdf.pages) == 1
        assert [round(float(v)) for v in pdf.pages[0].mediabox] == [0, 0, 595, 842]  # A4 in points


def test_the_screen_and_notices_are_in_neither_nav_nor_search_nor_sitemap(demo):
    screen = (demo / "man-hinh" / "index.html").read_text(encoding="utf-8")
    notice = (demo / DEMO_NOTICE).read_text(encoding="utf-8")
    for page in (screen, notice):
        assert '<meta name="robots" content="noindex' in page
    index = json.loads((demo / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and not [loc for loc in locations if "man-hinh" in loc or "niem-yet" in loc]
    sitemap = (demo / "sitemap.xml").read_text(encoding="utf-8")
    assert "/cchc/" in sitemap and "man-hinh" not in sitemap and "niem-yet" not in sitemap
    home = (demo / "index.html").read_text(encoding="utf-8")
    assert "man-hinh" not in home


def test_each_post_links_its_notice_and_the_notice_carries_the_post(demo):
    post_page = (demo / DEMO_NOTICE).parent / "index.html"
    assert 'href="niem-yet.html">Bản in niêm yết (A4)</a>' in post_page.read_text(encoding="utf-8")
    notice = (demo / DEMO_NOTICE).read_text(encoding="utf-8")
    for text in ("Sở Y tế tỉnh Mẫu", "Trung tâm Y tế Mẫu", "Trung tâm triển khai thanh toán viện phí", "12/3/2026"):
        assert text in notice, text
    assert "Các hình thức thanh toán" in notice  # the body, not only the summary
    assert len(list(demo.glob("cchc/*/*/*/niem-yet.html"))) == len(list(demo.glob("cchc/20*/*/*/index.html"))) == 18


@needs_chromium
def test_offline_the_screen_keeps_its_slides_and_reloads_once_the_site_answers(demo):
    with serve(demo) as base, browser_page(1920, 1080) as page:
        page.clock.install()
        page.goto(base + "man-hinh/")
        reload = int(page.evaluate("document.documentElement.dataset.reloadSeconds"))
        assert reload == 600  # extra.cchc.screen.reload_minutes: 10
        loads: list[str] = []
        page.on("load", lambda p: loads.append(p.url))
        page.context.set_offline(True)
        page.clock.run_for((reload + 1) * 1000)
        page.wait_for_timeout(500)  # the failed HEAD request settles
        assert loads == [] and page.locator(".cchc-slide:not([hidden])").count() == 1
        assert page.locator(".cchc-slide__title").first.text_content()  # still what it had
        page.context.set_offline(False)
        with page.expect_navigation():
            page.clock.run_for(reload * 1000)
        assert page.locator(".cchc-slide").count() == 8


@needs_chromium
def test_reduced_motion_stops_the_fade_and_the_moving_bar(demo):
    names = """() => ['.cchc-slide:not([hidden])', '.cchc-screen__progress']
        .map((css) => getComputedStyle(document.querySelector(css)).animationName)"""
    with serve(demo) as base, browser_page(1366, 768) as page:
        page.clock.install()
        page.goto(base + "man-hinh/")
        assert page.evaluate(names) == ["none", "cchc-progress"]  # the first slide is there at once
        page.clock.run_for(12_000)
        assert page.evaluate(names) == ["cchc-slide-in", "cchc-progress"]  # the next fades in
        page.emulate_media(reduced_motion="reduce")
        assert page.evaluate(names) == ["none", "none"]
