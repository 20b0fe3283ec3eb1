"""End-to-end: plans render as official plan pages with live progress from posts."""

import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mkdocs.exceptions import Abort

from conftest import build_at_now, post, run_build, write_tree

FIXTURES = Path(__file__).parent / "fixtures" / "plans"

PLAN = """
title: Kế hoạch tuyên truyền cải cách hành chính năm 2026
year: 2026
number: 209/KH-YTNH
issued: 2026-02-10
parent: Sở Y tế tỉnh Khánh Hòa
issuer: Trung tâm Y tế khu vực Ninh Hòa
place: Ninh Hòa
signer: {name: Trịnh Tiến Khoa, title: Giám đốc}
bases:
  - Thực hiện Kế hoạch số 906/KH-SYT ngày 04/02/2026 của Sở Y tế;
sections:
  - heading: I. MỤC TIÊU, YÊU CẦU
    body: |
      1. Mục tiêu

      Nâng cao nhận thức của viên chức.

      2. Yêu cầu
tasks:
  - stt: 01
    title: Xây dựng kế hoạch tuyên truyền CCHC
    outputs: [Kế hoạch tuyên truyền CCHC]
    timeline: Trong tháng 02/2026
    schedule: {due: 2026-02-28}
    lead: Phòng Tổ chức - Hành chính
    support: [Các khoa, phòng]
    budget: Ngân sách đơn vị
  - stt: 04
    title: Tuyên truyền cải cách thủ tục hành chính
    subtasks:
      - {stt: 4.1, title: Thanh toán không dùng tiền mặt, schedule: {ongoing: true}}
  - stt: 05
    title: Viết tin, bài hằng tháng
    timeline: Hằng tháng
    schedule: {every: month}
    expects: {posts: 1, per: month}
reports:
  - {name: Quý I, due: 2026-03-10}
  - {name: Năm, due: 2026-11-25}
"""
PLAN_ID = "2026-tuyen-truyen-cchc"
PAGE = f"cchc/ke-hoach/{PLAN_ID}"


def html(site, url):
    return (site / url / "index.html").read_text(encoding="utf-8")


def row(page: str, anchor: str) -> str:
    start = page.index(f'<tr id="{anchor}"')
    return page[start : page.index("</tr>", start)]


def epoch(day: str) -> str:
    return str(int(datetime.fromisoformat(day).replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")).timestamp()))


NEXT_YEAR = (
    "title: Kế hoạch tuyên truyền CCHC năm 2027\nyear: 2027\nissuer: Trung tâm Y tế Mẫu\n"
    "reports:\n  - {name: Quý I, due: 2027-03-10}\n"
    "tasks:\n  - {stt: 1, title: Đưa tin hằng quý, schedule: {every: quarter}, expects: {posts: 1, per: quarter}}\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One plan with posts linked to its tasks, shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("plan")
    write_tree(
        root,
        {
            f"plans/{PLAN_ID}.yaml": PLAN,
            "posts/a.md": post("Hội nghị triển khai kế hoạch", "2026-02-10 08:30", plan=PLAN_ID, tasks=["01", "5"]),
            "posts/b.md": post("Thanh toán viện phí bằng QR", "2026-03-12", plan=PLAN_ID, tasks=["4.1"], portal=True),
            "posts/c.md": post("Bài không thuộc kế hoạch", "2026-03-13", department="Khoa Khám bệnh"),
        },
    )
    return build_at_now(root)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """The real plans of three units (tests/fixtures/plans) and a plan for next year, in one build."""
    root = tmp_path_factory.mktemp("seeds")
    (root / "plans").mkdir()
    for name in ("ttpy-khanh-hoa-2026", "ttyt-ninh-hoa-2026", "tthnnk-2026"):
        shutil.copy(FIXTURES / f"{name}.yaml", root / "plans")
    write_tree(root, {"posts/a.md": post("Bài một"), "plans/2027-cchc.yaml": NEXT_YEAR})
    return build_at_now(root)


def test_plan_page_is_laid_out_like_the_document(built):
    page = html(built, PAGE)
    head = page[page.index('class="cchc-doc__head"') : page.index("cchc-doc__title")]
    assert "SỞ Y TẾ TỈNH KHÁNH HÒA" in head and "TRUNG TÂM Y TẾ KHU VỰC NINH HÒA" in head
    assert "Số: 209/KH-YTNH" in head
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head and "Độc lập - Tự do - Hạnh phúc" in head
    assert "Ninh Hòa, ngày 10 tháng 02 năm 2026" in head
    assert "<span>KẾ HOẠCH</span> <span>Tuyên truyền cải cách hành chính năm 2026</span>" in page
    assert "Thực hiện Kế hoạch số 906/KH-SYT" in page
    assert 'id="i-muc-tieu-yeu-cau"' in page  # the body is the page's Markdown
    assert '<ol start="2">' in page  # "2. Yêu cầu" keeps its number
    assert "Nâng cao nhận thức của viên chức." in page
    assert "GIÁM ĐỐC" in page and "Trịnh Tiến Khoa" in page
    assert "(Kèm theo Kế hoạch số 209/KH-YTNH ngày 10 tháng 02 năm 2026 của Trung tâm Y tế khu vực Ninh Hòa)" in page
    appendix = page[page.index('<table class="cchc-tasks">') :]
    headers = re.findall(r'<th scope="col">([^<]+)</th>', appendix[: appendix.index("</thead>")])
    assert headers == [
        "STT",
        "Nhiệm vụ/hoạt động",
        "Kết quả/sản phẩm",
        "Thời gian thực hiện",
        "Phân công thực hiện",
        "Kinh phí",
        "Tiến độ",
    ]  # no task has `forms`: that column is left out
    first = row(page, "nv-1")
    assert "Chủ trì:</span> Phòng Tổ chức - Hành chính" in first and "Các khoa, phòng" in first
    assert "Ngân sách đơn vị" in first


def test_linked_posts_appear_on_their_task_rows(built):
    page = html(built, PAGE)
    assert "Hội nghị triển khai kế hoạch" in row(page, "nv-1")
    assert "Hội nghị triển khai kế hoạch" in row(page, "nv-5")
    assert "Thanh toán viện phí bằng QR" in row(page, "nv-4-1")
    assert "Thanh toán viện phí bằng QR" not in row(page, "nv-4")  # the parent row lists its own posts
    assert 'class="cchc-task cchc-task--ongoing cchc-task--sub"' in page
    assert 'href="../../2026/02/hoi-nghi-trien-khai-ke-hoach/"' in row(page, "nv-1")
    assert "Bài không thuộc kế hoạch" not in page.split('id="bao-cao"')[0]


def test_progress_summary_reports_and_period_figures(built):
    page = html(built, PAGE)
    summary = page[page.index('class="cchc-plan-summary"') : page.index('class="cchc-doc"')]
    assert "1/3 nhiệm vụ hoàn thành" in summary and "2 bài viết báo cáo kết quả" in summary
    assert 'Báo cáo kỳ tới:\n      <a href="#bao-cao">Báo cáo năm</a>, hạn nộp 25/11/2026.' in summary
    assert "1/9 tháng" in row(page, "nv-5")  # issued in February: Feb met, Mar-Oct missed
    reports = page[page.index('id="bao-cao"') :]
    q1 = reports[: reports.index("</article>")]
    assert "Đã qua" in q1 and "Số liệu Quý I: từ 1/1/2026 đến 10/3/2026" in q1
    year = reports[reports.index("<h3>Báo cáo năm <span") :]
    assert "<details open>" in year and "đến 23/11/2026" in year
    assert "Tổng số tin, bài đăng trong kỳ: <strong>3</strong>" in year
    assert "Khoa Khám bệnh" in year and "(Không ghi đơn vị)" in year
    assert "Bài gửi Cổng TTĐT CCHC tỉnh: 1" in year


def test_statuses_change_with_source_date_epoch(tmp_path, monkeypatch):
    write_tree(tmp_path, {f"plans/{PLAN_ID}.yaml": PLAN})

    def status_of(day: str, anchor: str = "nv-1") -> str:
        return statuses(day, anchor)[0]

    def statuses(day: str, *anchors: str) -> list[str]:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(day))
        page = html(run_build(tmp_path), PAGE)
        return [re.search(r'class="cchc-status cchc-status--\w+">([^<]+)<', row(page, a)).group(1) for a in anchors]

    assert status_of("2026-02-01T12:00") == "Đang thực hiện"
    assert status_of("2026-02-20T12:00") == "Sắp đến hạn"
    assert statuses("2026-03-01T12:00", "nv-1", "nv-4-1") == ["Quá hạn", "Thường xuyên"]
    write_tree(tmp_path, {"posts/bao-cao.md": post("Ban hành kế hoạch", "2026-03-02", plan=PLAN_ID, tasks=["1"])})
    assert status_of("2026-03-01T12:00") == "Quá hạn"  # the post is scheduled: not published yet
    assert status_of("2026-03-03T12:00") == "Hoàn thành"


def test_bad_plans_fail_the_build_with_every_error(tmp_path, now_epoch, caplog):
    write_tree(tmp_path, {f"plans/{PLAN_ID}.yaml": PLAN, "posts/a.md": post("Bài tốt")})
    site_dir = run_build(tmp_path)
    old = (site_dir / PAGE / "index.html").read_bytes()
    write_tree(
        tmp_path,
        {
            f"plans/{PLAN_ID}.yaml": PLAN.replace("year: 2026", "year: 20x6").replace("2026-02-28", "2026-02-30"),
            "plans/2025-cu.yaml": "title: Kế hoạch cũ\nyear: 2025\ntasks:\n  - {stt: 1}\n",
        },
    )
    with pytest.raises(Abort):
        run_build(tmp_path)
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert "4 lỗi trong 2 tệp" in message
    assert f"plans/{PLAN_ID}.yaml" in message and "plans/2025-cu.yaml" in message
    assert "dòng 2, mục `year`" in message
    assert "mục `tasks[0].schedule.due`" in message and "không có trong lịch" in message
    assert "mục `issuer`: Thiếu cơ quan ban hành" in message
    assert "dòng 4, mục `tasks[0].title`: Nhiệm vụ 1: thiếu tên nhiệm vụ" in message
    assert (site_dir / PAGE / "index.html").read_bytes() == old


def test_bad_post_references_fail_the_build(site, caplog):
    files = {
        f"plans/{PLAN_ID}.yaml": PLAN,
        "posts/khong-co-ke-hoach.md": post("Một", plan="2027-khong-co", tasks=["1"]),
        "posts/sai-nhiem-vu.md": post("Hai", plan=PLAN_ID, tasks=["05", "4.2"]),
        "posts/thieu-plan.md": post("Ba", tasks=["1"]),
    }
    with pytest.raises(Abort):
        site(files)
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert "3 lỗi trong 3 tệp" in message
    assert f'Kế hoạch "2027-khong-co" không có trong plans/. Các mã kế hoạch: {PLAN_ID}.' in message
    assert f"Kế hoạch {PLAN_ID} không có nhiệm vụ số 4.2. Các số thứ tự: 01, 04, 4.1, 05." in message
    assert "Có `tasks` nhưng thiếu `plan`" in message


@pytest.mark.parametrize(
    ("name", "tasks", "absent_column"),
    [
        ("ttpy-khanh-hoa-2026", 21, "Kinh phí"),
        ("ttyt-ninh-hoa-2026", 22, "Kinh phí"),
        ("tthnnk-2026", 7, "Hình thức tuyên truyền"),
    ],
)
def test_seed_plans_render_every_task(seeds, name, tasks, absent_column):
    page = html(seeds, f"cchc/ke-hoach/{name}")
    table = page[page.index('<table class="cchc-tasks">') : page.index("</table>")]
    assert table.count('<tr id="nv-') == tasks
    assert table.count('data-label="Nhiệm vụ/hoạt động">') == tasks
    assert f'<th scope="col">{absent_column}</th>' not in table
    assert "Không" not in re.findall(r'<td class="cchc-task__stt"[^>]*>([^<]*)<', table)
    for part in ("I. MỤC TIÊU, YÊU CẦU", "VI. TỔ CHỨC THỰC HIỆN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert part in page


def test_seed_plan_details_as_written(seeds):
    ttpy = html(seeds, "cchc/ke-hoach/ttpy-khanh-hoa-2026")
    assert "Số: /KH-TTPY" in ttpy
    assert "Khánh Hòa, ngày\u2003\u2003tháng 02 năm 2026" in ttpy
    assert "<strong>KT. GIÁM ĐỐC</strong></p><p><strong>PHÓ GIÁM ĐỐC</strong>" in ttpy
    assert "- Quý I: 05/3/2026<br>- 06 tháng: 05/6/2026" in row(ttpy, "nv-2")
    tthnnk = html(seeds, "cchc/ke-hoach/tthnnk-2026")
    assert "NHIỆM VỤ TUYÊN TRUYỀN CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN" in tthnnk
    assert "Ngày 15 tháng 02 năm 2026" in tthnnk  # no place in the document
    titles = re.findall(r'<td class="cchc-task__stt"[^>]*>([^<]*)</td>', tthnnk)
    assert titles == ["1", "2", "3", "4", "5", "5", "6"]


def test_plans_index_and_landing_page_link(built):
    index = html(built, "cchc/ke-hoach")
    assert "Năm 2026" in index
    assert f'href="{PLAN_ID}/"' in index and "1/3 nhiệm vụ hoàn thành" in index
    landing = html(built, "cchc")
    assert f'href="ke-hoach/{PLAN_ID}/"' in landing and "Kế hoạch tuyên truyền cải cách hành chính năm 2026" in landing
    assert 'href="ke-hoach/"' in landing


def test_no_plans_no_plan_pages(site):
    built = site({"posts/a.md": post("Bài")})
    assert not (built / "cchc/ke-hoach").exists()
    assert "ke-hoach/" not in html(built, "cchc")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium")
def test_plan_page_fits_a_360px_phone(seeds):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        try:
            for width in (360, 1280):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.goto((seeds / "cchc/ke-hoach/ttyt-ninh-hoa-2026/index.html").as_uri())
                widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                assert widths[0] <= widths[1], f"{width}px: page overflows ({widths})"
                display = page.evaluate("getComputedStyle(document.querySelector('.cchc-tasks tbody tr')).display")
                assert display == ("block" if width == 360 else "table-row")
        finally:
            browser.close()


def test_plan_pages_are_reproducible(built, tmp_path):
    assert html(build_at_now(built.parent, site_dir=str(tmp_path / "site")), PAGE) == html(built, PAGE)


def test_a_plan_for_next_year_shows_no_figures_yet(seeds):
    page = (seeds / "cchc/ke-hoach/2027-cchc/index.html").read_text(encoding="utf-8")
    assert "Kỳ báo cáo bắt đầu từ 1/1/2027: chưa có số liệu." in page
    assert "Số liệu Quý I" not in page and "0/0" not in page
