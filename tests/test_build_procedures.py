"""Procedures (/thu-tuc/), contact (/lien-he/), the footer and the `links:` block, as citizens get them.

One build of the demo's procedures and home page; one build of bad procedure files, every problem
reported together (and by `cchc check` alike). The QR code on a procedure page is photographed in
Chromium and decoded with zbar, as a phone at the counter would.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import browser_page, needs_chromium, serve

from conftest import REPO, build_at_now, build_log, check_log, write_tree
from htmlparse import parse

KHAM = "thu-tuc/kham-suc-khoe-nguoi-tu-18-tuoi/"
KHAM_ONLINE = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.012143"
ODD = "https://dichvucong.gov.com.vn/thu-tuc/1.000001"  # a typo'd host: looks right, is not the portal
BAD = {
    "procedures/thieu-ten.yaml": """
        code: "1.000001"
        level: mức 4
        online: javascript:alert(1)
        fees: Không thu phí
        """,
    "procedures/sai-cu-phap.yaml": "name: Khám: sức khỏe\n  code: 1\n",
    "procedures/danh-sach.yaml": "- name: Một thủ tục\n",
    "procedures/ten-la-danh-sach.yaml": "name: [Khám, chữa bệnh]\nbases: {a: b}\n",
    "procedures/ma-1.yaml": 'name: Thủ tục một\ncode: "1.009999"\n',
    "procedures/ma-2.yaml": 'name: Thủ tục hai\ncode: "1.009999"\n',
    "procedures/cong-la.yaml": f"name: Thủ tục có địa chỉ lạ\nlevel: Toàn Trình\nonline: {ODD}\n",
}


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _content(html: str) -> str:
    """The page's own part, between the header and the footer."""
    return html[html.index('<div class="md-content"') : html.index('<footer class="md-footer">')]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("thu-tuc")
    for folder in ("procedures", "documents", "plans"):  # a procedure's legal basis links a document
        shutil.copytree(REPO / folder, root / folder)
    for name in ("index.md", "gioi-thieu.md"):
        (root / "docs").mkdir(exist_ok=True)
        shutil.copy(REPO / "docs" / name, root / "docs" / name)
    return build_at_now(root, strict=True)


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> tuple[set[tuple[str, str]], set[str], Path]:
    root = tmp_path_factory.mktemp("thu-tuc-loi")
    write_tree(root, BAD)
    errors, warnings = build_log(root)
    return errors, warnings, root


def test_procedures_index_groups_by_field(demo):
    html = _content(_page(demo, "thu-tuc/"))
    fields = re.findall(r'<h2 id="linh-vuc-[^"]+">([^<]+)</h2>', html)
    assert fields == ["Khám bệnh, chữa bệnh", "Sức khỏe sinh sản", "Y tế dự phòng"]
    first = html[html.index(">Khám bệnh, chữa bệnh</h2>") : html.index(">Sức khỏe sinh sản</h2>")]
    assert re.findall(r'<a href="([^"]+)">', first) == ["ban-tom-tat-ho-so-benh-an/", "kham-suc-khoe-nguoi-tu-18-tuoi/"]
    assert "Mã thủ tục 1.012143 · Một phần" in first


def test_procedure_page_shows_every_fact_bases_steps_and_the_online_link(demo):
    html = _content(_page(demo, KHAM))
    facts = dict(re.findall(r"<div><dt>([^<]+)</dt><dd>([^<]+)</dd></div>", html))
    assert facts["Mã thủ tục"] == "1.012143"
    assert facts["Mức độ"] == "Dịch vụ công trực tuyến một phần"
    assert facts["Thời hạn giải quyết"].startswith("Trong ngày làm việc")
    assert facts["Phí, lệ phí"].startswith("Theo bảng giá") and facts["Nơi tiếp nhận"].startswith("Bộ phận Một cửa")
    assert "<li>Thông tư 32/2023/TT-BYT ngày 31/12/2023 của Bộ Y tế</li>" in html  # not in the register: text
    # A basis naming a document of the register by its number links its page.
    basis = "Quyết định 35/QĐ-TTYT của Trung tâm Y tế Mẫu về kiện toàn Bộ phận Một cửa"
    assert f'<li><a href="../../van-ban/2026/35-qd-ttyt/">{basis}</a></li>' in html
    assert "<li>Đến Trung tâm đúng giờ hẹn, nộp hồ sơ và đóng phí tại quầy thu.</li>" in html  # steps: Markdown
    links = [a.attrs["href"] for a in parse(html).find("a") if a.attrs.get("href", "").startswith("https://")]
    assert links == [KHAM_ONLINE]
    assert parse(html).find("svg", role="img")  # the QR code, inline


def test_a_procedure_without_online_filing_says_where_to_file(demo):
    html = _content(_page(demo, "thu-tuc/xac-nhan-tiem-chung/"))
    assert "nộp hồ sơ trực tiếp tại nơi tiếp nhận" in html and "cchc-qr" not in html


@needs_chromium
@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools is not installed (bash setup.sh)")
def test_the_qr_code_on_the_page_decodes_to_exactly_the_online_address(demo, tmp_path):
    shot = tmp_path / "qr.png"
    with serve(demo) as base, browser_page() as page:
        page.goto(base + KHAM)
        page.locator("svg.cchc-qr").screenshot(path=str(shot))
    run = subprocess.run(["zbarimg", "--raw", "-q", str(shot)], capture_output=True, text=True, timeout=30)
    assert run.stdout.rstrip("\n") == KHAM_ONLINE


def test_procedures_are_in_the_nav_and_found_by_search(demo):
    home = _page(demo, "")
    assert re.search(r'<a href="thu-tuc/" class="md-tabs__link">\s*Thủ tục hành chính\s*</a>', home)
    assert re.search(r'<a href="lien-he/" class="md-tabs__link">\s*Liên hệ\s*</a>', home)
    docs = json.loads((demo / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = {doc["location"]: doc["title"] for doc in docs}
    assert titles[KHAM] == "Khám sức khỏe cho người từ đủ 18 tuổi trở lên"
    steps = next(doc["text"] for doc in docs if doc["location"].startswith(KHAM + "#"))
    assert "Đăng ký lịch khám" in steps
    assert "thu-tuc/" not in titles  # the index repeats the names: left out


def test_contact_page_has_the_hotline_as_a_tel_link_and_the_feedback_channels(demo):
    html = _content(_page(demo, "lien-he/"))
    doc = parse(html)
    hrefs = [a.attrs.get("href") for a in doc.find("a")]
    assert "tel:0900000000" in hrefs and "tel:02583000000" in hrefs
    assert "mailto:gopy@example.gov.vn" in hrefs and "mailto:ttytmau@example.gov.vn" in hrefs
    assert "Góp ý, phản ánh, kiến nghị" in doc.text and "Trực tiếp tại: 01 Đường Mẫu, phường Mẫu, tỉnh Mẫu" in doc.text
    assert "Người chịu trách nhiệm nội dung" in doc.text and "Nguyễn Văn Minh, Giám đốc" in doc.text


def test_the_footer_of_any_page_names_who_answers_for_the_site(demo):
    pages = sorted(p for p in demo.rglob("index.html"))
    chosen = random.Random(15).choice(pages)
    html = chosen.read_text(encoding="utf-8")
    footer = parse(html[html.index('<footer class="md-footer">') :])
    for text in ("Sở Y tế tỉnh Mẫu", "Trung tâm Y tế Mẫu", "01 Đường Mẫu, phường Mẫu", "ttytmau@example.gov.vn"):
        assert text in footer.text, (chosen, text)
    assert "Người chịu trách nhiệm nội dung: Nguyễn Văn Minh" in footer.text
    hrefs = [a.attrs.get("href", "") for a in footer.find("a")]
    assert "tel:02583000000" in hrefs and any(h.endswith("lien-he/") for h in hrefs)


def test_the_home_page_shows_the_links_block(demo):
    html = _page(demo, "")
    block = html[html.index('<section class="cchc-links"') :]
    block = block[: block.index("</section>")]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)
    assert links == [
        ("https://dichvucong.gov.vn/", "Cổng Dịch vụ công quốc gia"),
        ("https://dichvucong.mau.gov.vn/", "Cổng Dịch vụ công tỉnh Mẫu"),
        ("https://cchc.mau.gov.vn/", "Cổng thông tin điện tử cải cách hành chính tỉnh Mẫu"),
        ("thu-tuc/", "Thủ tục hành chính của đơn vị"),
    ]
    assert 'class="cchc-links"' in _page(demo, "cchc/")  # and on the section's landing page


def test_bad_procedures_are_all_reported_in_one_build(bad):
    errors, _, root = bad
    assert not (root / "site").exists()
    by_file: dict[str, list[str]] = {}
    for file, message in errors:
        by_file.setdefault(file, []).append(message)
    assert sorted(by_file["procedures/thieu-ten.yaml"]) == [
        'dòng 2, mục `level`: Mức độ "mức 4" không hợp lệ; hãy ghi một trong: toàn trình, một phần, trực tiếp '
        "(mức độ 4 trước đây nay là toàn trình, mức độ 3 là một phần).",
        'dòng 3, mục `online`: "javascript:alert(1)" không phải địa chỉ web; hãy chép địa chỉ bắt đầu bằng https://',
        "tệp, mục `name`: Thiếu tên thủ tục (name).",
    ]
    assert any("YAML sai cú pháp" in m and m.startswith("dòng 1") for m in by_file["procedures/sai-cu-phap.yaml"])
    assert by_file["procedures/danh-sach.yaml"] == [
        "dòng 1: Tệp thủ tục phải là các dòng `khóa: giá trị` (name, code, level, online…)."
    ]
    assert sorted(by_file["procedures/ten-la-danh-sach.yaml"]) == [
        "dòng 1, mục `name`: Cần một đoạn văn bản, không phải danh sách hay nhóm khóa.",
        "dòng 2, mục `bases`: Mỗi mục phải là một dòng văn bản.",
    ]
    assert by_file["procedures/ma-2.yaml"] == [
        'tệp, mục `code`: Mã thủ tục "1.009999" trùng với thủ tục procedures/ma-1.yaml; kiểm tra lại mã.'
    ]
    assert "procedures/ma-1.yaml" not in by_file and "procedures/cong-la.yaml" not in by_file


def test_an_online_address_outside_the_portals_is_a_warning(bad):
    _, warnings, _ = bad
    assert any(
        w.startswith("procedures/cong-la.yaml, dòng 3 [online]:") and ODD in w and "kiểm tra lỗi gõ" in w
        for w in warnings
    ), warnings
    assert any("procedures/thieu-ten.yaml, dòng 4 [fees]: Khóa `fees` không được hỗ trợ" in w for w in warnings)


def test_cchc_check_reports_every_procedure_problem_the_build_does(bad):
    errors, warnings, root = bad
    checked_errors, checked_warnings = check_log(root)
    assert checked_errors == errors
    ours = {w for w in warnings if w.startswith("procedures/")}
    assert ours and ours <= checked_warnings
