"""Word in, Word out: `cchc plan import` of the units' signed plans, `cchc report`, the plan's own .docx."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import docx
import pytest
from wordplans import SEED_PLANS, fixture_plan, write_plan_docx

from cchc.commands.cli import main as cchc
from conftest import NOW_EPOCH, REPO, build_at_now, write_project

IMPORTED = {name: f"word-{name}" for name in SEED_PLANS}


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cchc(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The three seeds as Word files, imported next to their YAML transcriptions, in one build."""
    root = tmp_path_factory.mktemp("word")
    config = write_project(root)
    (root / "plans").mkdir()
    outputs = {}
    for name, plan_id in IMPORTED.items():
        shutil.copy(Path(__file__).parent / "fixtures" / "plans" / f"{name}.yaml", root / "plans")
        document = write_plan_docx(name, root / f"{name}.docx")
        outputs[name] = run("plan", "import", str(document), "--id", plan_id, "-f", str(config))
    return root, build_at_now(root), outputs


def appendix_rows(site: Path, plan_id: str) -> list[tuple[str, str, str]]:
    """(STT, title, assignment) of every row of a plan page's Phụ lục, as a reader sees them."""
    page = (site / "cchc" / "ke-hoach" / plan_id / "index.html").read_text(encoding="utf-8")
    rows = []
    for row in re.findall(r'<tr id="nv-[^"]*".*?</tr>', page, re.S):
        cells = {k: _text(v) for k, v in re.findall(r'class="cchc-task__(\w+)"[^>]*>(.*?)</t[dh]>', row, re.S)}
        rows.append((cells["stt"], cells["title"], _assignment(cells.get("lead", ""))))
    return rows


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _assignment(text: str) -> str:
    """Who leads and who supports, whether written "X chủ trì, phối hợp với Y" or as two labelled lines."""
    text = re.sub(r"Chủ trì:|Phối hợp:|chủ trì,?|phối hợp với", " ", text)
    return " ".join(re.sub(r"[,;.]", " ", text).split())


@pytest.mark.parametrize("name", list(SEED_PLANS))
def test_imported_plan_pages_have_the_fixtures_tasks(imported, name):
    root, site, outputs = imported
    code, out, err = outputs[name]
    assert code == 0, out + err
    assert appendix_rows(site, IMPORTED[name]) == appendix_rows(site, name)
    assert len(appendix_rows(site, name)) == len(fixture_plan(name).tasks)


@pytest.mark.parametrize("name", list(SEED_PLANS))
def test_import_reads_heading_timelines_schedules_and_reports(imported, name):
    from cchc.config.errors import Collector
    from cchc.readers.plans import read_plan

    root, _, _ = imported
    plan = read_plan(root / "plans" / f"{IMPORTED[name]}.yaml", "x.yaml", Collector())
    expected = fixture_plan(name)
    assert plan is not None
    heading = ("title", "year", "number", "issued", "issued_month", "issuer", "place", "signer", "bases", "recipients")
    assert [getattr(plan, k) for k in heading] == [getattr(expected, k) for k in heading]
    assert [(t.stt, t.title, t.timeline, t.schedule) for t in plan.tasks] == [
        (t.stt, t.title, t.timeline, t.schedule) for t in expected.tasks
    ]
    assert plan.reports == expected.reports
    # Word keeps paragraphs, not Markdown's blank lines between them.
    assert [(s.heading, _lines(s.body)) for s in plan.sections] == [
        (s.heading, _lines(s.body)) for s in expected.sections
    ]


def _lines(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.strip()]


def test_import_splits_lead_and_support_and_prints_its_review(imported):
    root, _, outputs = imported
    _, out, _ = outputs["ttpy-khanh-hoa-2026"]
    text = (root / "plans" / "word-ttpy-khanh-hoa-2026.yaml").read_text(encoding="utf-8")
    assert "    lead: Phòng Tổ chức hành chính - Kế hoạch tài chính\n    support: Khoa Giám định" in text
    # What it could not derive is printed and kept in the YAML, with table, row and column.
    review = "Bảng 1, dòng 6, cột Thời gian (nhiệm vụ 04): Không suy ra được hạn từ “Sau khi các Chỉ số năm 2025"
    assert review in out
    assert "  # Rà soát (Bảng 1, dòng 6, cột Thời gian): Không suy ra được hạn" in text
    assert "Kỳ báo cáo đề xuất từ thời gian của nhiệm vụ 02: Quý I (05/03/2026)" in out
    assert "Tệp hợp lệ: `cchc check` đọc được plans/word-ttpy-khanh-hoa-2026.yaml" in out


def test_import_never_overwrites_without_force(imported, tmp_path):
    root, _, _ = imported
    config = str(root / "mkdocs.yml")
    target = root / "plans" / "word-tthnnk-2026.yaml"
    document = write_plan_docx("tthnnk-2026", tmp_path / "kh.docx")
    target.write_text("# sửa tay\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run("plan", "import", str(document), "--id", "word-tthnnk-2026", "-f", config)
    assert code == 1 and "Đã có tệp plans/word-tthnnk-2026.yaml; lệnh không ghi đè" in err
    assert target.read_text(encoding="utf-8").startswith("# sửa tay")
    assert run("plan", "import", str(document), "--id", "word-tthnnk-2026", "--force", "-f", config)[0] == 0
    assert not target.read_text(encoding="utf-8").startswith("# sửa tay")
    assert not [p.name for p in target.parent.iterdir() if p.name.startswith(".")]  # no temp file left


def test_import_refuses_what_is_not_a_word_file(imported, tmp_path):
    root, _, _ = imported
    fake = tmp_path / "ke-hoach.docx"
    fake.write_bytes(b"{\\rtf1 not a zip}")
    code, _, err = run("plan", "import", str(fake), "-f", str(root / "mkdocs.yml"))
    assert code == 1 and "ke-hoach.docx: không phải tệp Word .docx đọc được" in err
    assert not (root / "plans" / "ke-hoach.yaml").exists()


def test_merged_cells_and_subtasks_from_their_stt(tmp_path):
    """4.1–4.3 share one merged assignment cell: the parent holds it, the subtasks inherit it."""
    from cchc.readers.docxplan import read_docx

    doc = docx.Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Tuyên truyền cải cách hành chính năm 2026")
    table = doc.add_table(rows=6, cols=4)
    for r, values in enumerate(
        [
            ("TT", "Nội dung", "Thời hạn", "Đơn vị chủ trì"),
            ("4", "Tuyên truyền cải cách thủ tục hành chính", "", ""),
            ("4.1", "Thanh toán không dùng tiền mặt", "Định kỳ hằng quý", "Phòng Tài chính - Kế toán"),
            ("4.2", "Đặt lịch khám trực tuyến", "Quý II/2026", ""),
            ("4.3", "Công khai thủ tục", "Trong tháng 9/2026", ""),
            ("-", "Khảo sát sự hài lòng", "", "Phòng Điều dưỡng"),
        ]
    ):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(2, 3).merge(table.cell(4, 3))
    doc.save(str(tmp_path / "kh.docx"))
    imported = read_docx(tmp_path / "kh.docx", "kh")
    plan = imported.plan
    assert "STT “-” ghi thành 4.4 (nhiệm vụ con của 4)." in [r.message for r in imported.remarks]
    (parent,) = plan.tasks
    assert [t.stt for t in parent.subtasks] == ["4.1", "4.2", "4.3", "4.4"]  # the dash row named 4.4 in the review
    assert parent.lead == "Phòng Tài chính - Kế toán"
    assert [t.inherited for t in parent.subtasks] == [frozenset({"lead"})] * 3 + [frozenset()]
    assert parent.subtasks[3].lead == "Phòng Điều dưỡng"
    assert [(t.schedule.every, t.schedule.due) for t in parent.subtasks if t.schedule] == [
        ("quarter", None),
        (None, __import__("datetime").date(2026, 6, 30)),
        (None, __import__("datetime").date(2026, 9, 30)),
    ]


# --- cchc report, and the plan page's .docx -----------------------------------------------

PLAN_ID = "2026-tuyen-truyen-cchc"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo site built at the tests' "now", and `cchc report` of its plan's next report."""
    root = tmp_path_factory.mktemp("demo")
    for name in ("posts", "plans", "docs", "documents", "mkdocs.yml"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    site = build_at_now(root)
    out = root / "bao-cao.docx"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
        result = run("report", PLAN_ID, "-o", str(out), "-f", str(root / "mkdocs.yml"))
    return root, site, out, result


def _figures(report_html: str, caption: str) -> list[tuple[str, int]]:
    table = re.search(rf"<caption[^>]*>[^<]*: {caption}</caption>(.*?)</table>", report_html, re.S)
    return (
        [(_text(th), int(n)) for th, n in re.findall(r"<th[^>]*>(.*?)</th><td>(\d+)</td>", table[1])] if table else []
    )


def _tables(document: docx.document.Document) -> dict[str, list[list[str]]]:
    """Each table by its first header cell, as rows of cell texts."""
    return {t.rows[0].cells[0].text: [[c.text for c in r.cells] for r in t.rows[1:]] for t in document.tables}


def test_report_figures_are_the_plan_pages(demo):
    root, site, out, (code, stdout, err) = demo
    assert code == 0, err
    page = (site / "cchc" / "ke-hoach" / PLAN_ID / "index.html").read_text(encoding="utf-8")
    section = page[page.index('class="cchc-report cchc-report--next"') :]
    section = section[: section.index("</article>")]
    total = int(re.search(r"Tổng số tin, bài đăng trong kỳ: <strong>(\d+)</strong>", section)[1])
    portal = int(re.search(r"Bài gửi Cổng TTĐT CCHC tỉnh: (\d+)", section)[1])
    document = docx.Document(str(out))
    body = "\n".join(p.text for p in document.paragraphs)
    assert f"đăng {total} tin, bài; {portal} bài gửi Cổng TTĐT CCHC tỉnh" in body
    tables = _tables(document)
    by_task = [(f"{stt}. {title}", int(n)) for stt, title, _, n, _ in tables["STT"] if n != "0"]
    assert by_task == _figures(section, "Bài viết theo nhiệm vụ")
    assert [(a, int(n)) for a, n in tables["Lĩnh vực"]] == _figures(section, "Theo lĩnh vực")
    assert [(a, int(n)) for a, n in tables["Đơn vị"]] == _figures(section, "Theo đơn vị viết bài")
    assert len(re.findall(r"^- \d+/\d+/2026: ", body, re.M)) == portal
    # Each task's status as the page shows it, and its posts' titles and addresses.
    first = tables["STT"][0]
    row = page[page.index('<tr id="nv-1"') :]
    assert first[2] in _text(row[: row.index("</tr>")])
    assert "https://" in first[4] and "/cchc/2026/" in first[4]
    assert f"Đã ghi {out}: báo cáo năm 2026" in stdout
    # The plan's documents issued in the period: the page's list, in the report's part 5.
    documents = int(re.search(r"Văn bản triển khai đã ban hành: (\d+)", section)[1])
    headings = [_text(a) for a in re.findall(r'<a href="[^"]*van-ban/[^"]*">(.*?)</a>', section)]
    assert documents == len(headings) == 3  # 45/KH-TTYT, 156/BC-TTYT, 08/HD-TTYT
    listed = body[body.index("5. Văn bản triển khai đã ban hành") :]
    assert [h in listed for h in headings] == [True] * 3
    assert "/van-ban/2026/45-kh-ttyt/" in listed


def test_report_layout_is_decree_30(demo):
    _, _, out, _ = demo
    document = docx.Document(str(out))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    issuer, motto = (c.text.splitlines() for c in document.tables[0].rows[0].cells)
    assert issuer == ["SỞ Y TẾ TỈNH MẪU", "TRUNG TÂM Y TẾ MẪU", "Số: \u2003\u2003\u2003/BC-TTYT"]
    assert motto[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert motto[2].endswith("ngày … tháng … năm …")
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("BÁO CÁO") + 1 : texts.index("BÁO CÁO") + 3] == [
        "Kết quả công tác tuyên truyền cải cách hành chính",
        "năm 2026",
    ]
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"):
        assert heading in texts
    closing = document.tables[-1].rows[0].cells
    assert closing[0].text.startswith("Nơi nhận:") and closing[1].text.splitlines()[-1] == "Nguyễn Văn Minh"


def test_report_opens_in_libreoffice_when_installed(demo, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        pytest.skip("LibreOffice không có trên máy: bỏ qua bước chuyển sang PDF")
    _, _, out, _ = demo
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)], check=True)
    pdf = (tmp_path / out.with_suffix(".pdf").name).read_bytes()
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") > 0


def test_report_by_name_never_overwrites(demo, tmp_path):
    root, _, out, _ = demo
    config = str(root / "mkdocs.yml")
    code, _, err = run("report", PLAN_ID, "quy i", "-o", str(out), "-f", config)
    assert code == 1 and "lệnh không ghi đè" in err
    code, stdout, _ = run("report", PLAN_ID, "Quý I", "-o", str(tmp_path / "q1.docx"), "-f", config)
    assert code == 0 and "báo cáo quý I năm 2026, số liệu từ 1/1/2026 đến 10/3/2026" in stdout
    code, _, err = run("report", PLAN_ID, "Quý V", "-f", config)
    assert code == 1 and "không có kỳ báo cáo “Quý V”. Các kỳ: “Quý I”" in err


def test_plan_page_offers_its_plan_as_docx(demo):
    from cchc.config.errors import Collector
    from cchc.outputs.docxreport import plan_document
    from cchc.readers.docxplan import read_docx
    from cchc.readers.plans import read_plan

    root, site, _, _ = demo
    page = (site / "cchc" / "ke-hoach" / PLAN_ID / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{PLAN_ID}.docx" download>Tải kế hoạch (tệp Word .docx)</a>' in page
    built = site / "cchc" / "ke-hoach" / PLAN_ID / f"{PLAN_ID}.docx"
    plan = read_plan(root / "plans" / f"{PLAN_ID}.yaml", f"plans/{PLAN_ID}.yaml", Collector())
    assert plan is not None
    assert plan_document(plan) == built.read_bytes()  # the same bytes for the same content
    # Laid out as the signed plan: read back by the import, it is the same plan.
    again = read_docx(built, PLAN_ID).plan
    assert (again.title, again.number, again.issuer, again.place) == (plan.title, plan.number, plan.issuer, plan.place)
    assert [(t.stt, t.title, t.lead, t.support) for t in again.all_tasks()] == [
        (t.stt, t.title, t.lead, t.support) for t in plan.all_tasks()
    ]
    assert [(s.heading, _lines(s.body)) for s in again.sections] == [(s.heading, _lines(s.body)) for s in plan.sections]
    assert "**1. Mục tiêu**" in again.sections[1].body  # bold as bold
    assert "python-docx" not in built.read_bytes().decode("latin-1")  # no generator or author in its properties
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(built).namelist()  # python-docx's template's picture


def test_report_is_the_same_bytes_for_the_same_content(demo, tmp_path):
    root, _, out, _ = demo
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
        code, _, _ = run("report", PLAN_ID, "-o", str(tmp_path / "again.docx"), "-f", str(root / "mkdocs.yml"))
    assert code == 0 and (tmp_path / "again.docx").read_bytes() == out.read_bytes()


def test_report_refuses_while_the_site_has_errors(tmp_path):
    config = write_project(tmp_path)
    (tmp_path / "plans").mkdir()
    shutil.copy(REPO / "plans" / f"{PLAN_ID}.yaml", tmp_path / "plans")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "bai.md").write_text("---\ntitle: Bài\n---\nThiếu ngày.\n", encoding="utf-8")
    code, _, err = run("report", PLAN_ID, "-f", str(config))
    assert code == 1 and "Trang còn lỗi, số liệu báo cáo chưa đúng" in err and "posts/bai.md" in err
    assert not list(Path.cwd().glob("bao-cao-*.docx"))
