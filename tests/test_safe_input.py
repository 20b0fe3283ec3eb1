"""Issue 11, hostile or careless input: alias bombs, limits, a damaged image cache,
16-bit images, attachments' hidden metadata. Cases are named by the issue's items."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageStat

from conftest import REPO, png, post, write_project, write_tree

FRONT = "---\ntitle: {title}\ndate: 2026-03-12 08:30\ncategories: [the-che]\n"
LOLS = "\n".join(
    [f"a0: &a0 [{', '.join(['lol'] * 9)}]"] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
)  # 9⁹ strings once expanded: gigabytes
PLAN = "title: Kế hoạch {n}\nyear: 2026\nissuer: Trung tâm Y tế Mẫu\n"
TASK = "  - stt: {i}\n    title: Nhiệm vụ {i}\n    schedule: {{due: 2026-12-31}}\n"


def run_cchc(cwd: Path, *args: str) -> tuple[subprocess.CompletedProcess, float]:
    """`cchc …` in `cwd`, its memory capped (a bomb fails fast instead of eating the machine); (result, seconds)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks"), "SOURCE_DATE_EPOCH": "1795410000"}

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))

    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "cchc", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=cap,
    )
    return result, time.monotonic() - start


def gradient16() -> bytes:
    """A 16-bit greyscale PNG: black to white, left to right."""
    im = Image.new("I;16", (256, 32))
    im.putdata([x * 257 for _ in range(32) for x in range(256)])
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def pdf_with_metadata() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Bao cao quy I) Tj ET")
    pdf.docinfo["/Author"] = "Nguyen Van A"
    pdf.docinfo["/Creator"] = r"C:\Users\nguyenvana\Desktop\bao-cao.docx"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:creator"] = ["Nguyen Van A"]
        xmp["xmp:CreatorTool"] = r"C:\Users\nguyenvana\Word"
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def locked_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="mo", owner="sua"))
    return out.getvalue()


DOCX_BODY = b'<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body><w:p>Noi dung</w:p></w:body></w:document>'
SETTINGS_RELS = (
    b'<Relationships><Relationship Id="rId1" Type="urn:attachedTemplate" TargetMode="External"'
    b' Target="file:///C:\\Users\\nguyenvana\\Documents\\Custom%20Office%20Templates\\mau.dotx"/>'
    b"</Relationships>"
)
WORKBOOK = (
    b'<workbook xmlns:x15ac="urn:x15ac"><x15ac:absPath url="C:\\Users\\nguyenvana\\Documents\\"/>'
    b"<sheets><sheet name="
    b'"Quy I"/></sheets></workbook>'
)


def office_zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def docx() -> bytes:
    return office_zip(
        {
            "[Content_Types].xml": b'<Types xmlns="urn:ct"/>',
            "_rels/.rels": b'<Relationships xmlns="urn:rels"/>',
            "word/document.xml": DOCX_BODY,
            "word/_rels/settings.xml.rels": SETTINGS_RELS,
            "docProps/core.xml": (
                b'<cp:coreProperties xmlns:cp="urn:cp" xmlns:dc="urn:dc"><dc:creator>Nguyen Van A</dc:creator>'
                b"<cp:lastModifiedBy>Tran Thi B</cp:lastModifiedBy></cp:coreProperties>"
            ),
            "docProps/app.xml": (
                b"<Properties><Company>Trung tam Y te</Company>"
                b"<Template>C:\\Users\\nguyenvana\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm</Template>"
                b"</Properties>"
            ),
            "docProps/custom.xml": b"<Properties><property name='Nguon'>C:\\Users\\nguyenvana\\Desktop</property>"
            b"</Properties>",
        }
    )


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        z.writestr("content.xml", DOCX_BODY)
        z.writestr("meta.xml", b"<office:document-meta><meta:initial-creator>Nguyen Van A</meta:initial-creator>")
    return out.getvalue()


ATTACHED = "[Báo cáo](van-ban/bao-cao.pdf), [Kế hoạch](van-ban/ke-hoach.docx), [Số liệu](van-ban/so-lieu.xlsx), "
ATTACHED += "[Biên bản](van-ban/bien-ban.odt)"


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    """A project of hostile files: `cchc build` and `cchc check` run on it once each."""
    root = tmp_path_factory.mktemp("refused")
    many_tasks = "".join(TASK.format(i=i) for i in range(1, 1002))
    write_tree(
        root,
        {
            "posts/tot.md": post("Bài tốt"),
            "posts/bom.md": FRONT.format(title="Bom") + LOLS + "\ntags: *a8\n---\nx\n",
            "posts/de-quy.md": FRONT.format(title="Đệ quy") + "tags: &x [a, *x]\n---\nx\n",
            "plans/bom.yaml": PLAN.format(n=1) + LOLS + "\ntasks: *a8\n",
            "plans/de-quy.yaml": PLAN.format(n=2) + "tasks: &t\n  - stt: 1\n    subtasks: *t\n",
            "plans/nhieu-nhiem-vu.yaml": PLAN.format(n=3) + "tasks:\n" + many_tasks,
            "posts/qua-lon.md": post("Bài quá lớn", body="Nhật ký dán nhầm vào bài.\n" * 1_000_000),
            "posts/nhieu-the.md": post("Nhiều thẻ", tags=[f"thẻ {i}" for i in range(5000)]),
            "posts/dai.md": post(
                "Tiêu đề " * 50, summary="Tóm tắt. " * 300, authors=[f"Tác giả {i}" for i in range(25)]
            ),
            "posts/hong.md": post(
                "Tệp hỏng",
                body="Xem [báo cáo](van-ban/hong.pdf).\n\n[Bảng](van-ban/hong.xlsx), [mật](van-ban/mat-khau.pdf)",
            ),
            "posts/van-ban/hong.pdf": pdf_with_metadata()[:300],
            "posts/van-ban/hong.xlsx": b"PK\x03\x04 not a zip",
            "posts/van-ban/mat-khau.pdf": locked_pdf(),
        },
    )
    write_project(root)
    build, build_seconds = run_cchc(root, "build")
    check, check_seconds = run_cchc(root, "check")
    return root, build, build_seconds, check, check_seconds


def both_say(refused, *needles: str) -> None:
    _, build, _, check, _ = refused
    for result in (build, check):
        output = result.stdout + result.stderr
        for needle in needles:
            assert needle in output, (needle, output[-3000:])


def test_case10_hostile_project_fails_quickly_and_leaves_no_site(refused):
    root, build, build_seconds, check, check_seconds = refused
    assert build.returncode == 1 and check.returncode == 1
    assert "MemoryError" not in build.stderr + check.stderr and "Traceback" not in build.stderr + check.stderr
    assert build_seconds < 60 and check_seconds < 60
    assert not (root / "site").exists()


def test_case10_alias_bomb_in_front_matter_is_refused(refused):
    both_say(refused, "posts/bom.md", "dòng 5: Không dùng neo `&` hay bí danh `*` của YAML")


def test_case10_recursive_alias_in_front_matter_is_refused(refused):
    both_say(refused, "posts/de-quy.md", "dòng 5: Không dùng neo `&`")


def test_case10_alias_bomb_and_recursive_alias_in_plans_are_refused(refused):
    _, build, _, check, _ = refused
    for result in (build, check):
        output = result.stdout + result.stderr
        assert "plans/bom.yaml" in output and "plans/de-quy.yaml" in output
        assert output.count("Không dùng neo `&`") == 4, output[-3000:]
        assert "RecursionError" not in output


def test_case11_a_30_mb_post_is_refused_before_it_is_read(refused):
    assert (refused[0] / "posts/qua-lon.md").stat().st_size > 30 * 1024 * 1024
    both_say(refused, "posts/qua-lon.md", "tệp: Tệp quá lớn (32.4 MB; tối đa 2 MB).")


def test_case11_5000_tags_are_an_error_and_no_tag_page_is_built(refused):
    both_say(refused, "posts/nhieu-the.md", "mục `tags`: Số thẻ (tags): 5000, quá giới hạn 30")
    assert not (refused[0] / "site/cchc/the").exists()


def test_case11_long_title_summary_and_many_authors_are_errors(refused):
    both_say(
        refused,
        "mục `title`: Tiêu đề (title) dài 399 ký tự, quá giới hạn 300 ký tự",
        "mục `summary`: Tóm tắt (summary) dài 2699 ký tự, quá giới hạn 2000 ký tự",
        "mục `authors`: Số tác giả (authors): 25, quá giới hạn 20",
    )


def test_case11_a_plan_with_too_many_tasks_is_an_error(refused):
    both_say(refused, "plans/nhieu-nhiem-vu.yaml", "Số nhiệm vụ và nhiệm vụ con: 1001, quá giới hạn 1000")


def test_case16_unreadable_attachments_are_errors_naming_post_and_line(refused):
    both_say(
        refused,
        "posts/hong.md",
        'dòng 8: Tệp đính kèm "van-ban/hong.pdf": tệp PDF bị hỏng',
        'dòng 10: Tệp đính kèm "van-ban/hong.xlsx": tệp bị hỏng hoặc có mật khẩu',
        'dòng 10: Tệp đính kèm "van-ban/mat-khau.pdf": tệp PDF có mật khẩu',
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A post with a 16-bit image, a photo and attachments; built, its cache damaged, built again."""
    root = tmp_path_factory.mktemp("built")
    write_tree(
        root,
        {
            "posts/bai.md": post("Bài có tệp", body=f"![Dải xám](anh/xam.png)\n\n![Ảnh](anh/anh.png)\n\n{ATTACHED}\n"),
            "posts/anh/xam.png": gradient16(),
            "posts/anh/anh.png": png(900, 600),
            "posts/van-ban/bao-cao.pdf": pdf_with_metadata(),
            "posts/van-ban/ke-hoach.docx": docx(),
            "posts/van-ban/so-lieu.xlsx": office_zip({"xl/workbook.xml": WORKBOOK, "docProps/app.xml": b"<a>X</a>"}),
            "posts/van-ban/bien-ban.odt": odt(),
        },
    )
    write_project(root)
    first, _ = run_cchc(root, "build")
    assert first.returncode == 0, first.stderr
    out = root / "site/cchc/2026/03/bai-co-tep"
    fresh = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    documents = {p: p.stat().st_mtime_ns for p in (root / ".cache/documents").rglob("*")}
    # Damage the cache as a disk or a hand might: one file cut short, one altered at the same size.
    entries = sorted(p for p in (root / ".cache/images").iterdir() if (p / "900.png").is_file())
    (entries[0] / "900.png").write_bytes((entries[0] / "900.png").read_bytes()[:100])
    webp = entries[0] / "900.webp"
    data = bytearray(webp.read_bytes())
    data[-10] ^= 0xFF
    webp.write_bytes(bytes(data))
    again, _ = run_cchc(root, "build")
    assert again.returncode == 0, again.stderr
    return root, out, fresh, again, documents


def test_case5_a_damaged_image_cache_entry_is_encoded_again(built):
    _, out, fresh, again, _ = built
    assert [name for name in fresh if name.startswith("anh/anh")]  # the photo, its WebP and thumbnails
    for name in fresh:
        assert (out / name).read_bytes() == fresh[name], name
    assert "ảnh posts/anh/anh.png: bản trong bộ nhớ đệm bị hỏng hoặc bị sửa, đã xử lý lại" in again.stderr
    assert "cchc: ảnh: 1 xử lý mới, 1 lấy lại từ bộ nhớ đệm" in again.stderr


def test_case13_a_16_bit_greyscale_png_keeps_its_tones(built):
    _, out, _, _, _ = built
    with Image.open(out / "anh/xam.png") as im:
        grey = im.convert("L")
    low, high = grey.getextrema()
    assert low <= 5 and high >= 250
    assert abs(ImageStat.Stat(grey).mean[0] - 127.5) < 3  # the source's mean, scaled to 8 bits


def test_case16_pdf_loses_author_and_xmp_and_keeps_its_page(built):
    _, out, _, _, _ = built
    data = (out / "van-ban/bao-cao.pdf").read_bytes()
    assert b"Nguyen" not in data and b"Users" not in data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert dict(pdf.docinfo) == {} and "/Metadata" not in pdf.Root
        assert len(pdf.pages) == 1
        assert pdf.pages[0].Contents.read_bytes() == b"BT /F1 12 Tf 72 720 Td (Bao cao quy I) Tj ET"


def test_case16_office_files_lose_their_properties_and_keep_their_content(built):
    _, out, _, _, _ = built
    with zipfile.ZipFile(out / "van-ban/ke-hoach.docx") as z:
        assert z.testzip() is None
        assert z.read("word/document.xml") == DOCX_BODY
        rels = z.read("word/_rels/settings.xml.rels")
        assert b"Users" not in rels and b' Target="mau.dotx"/>' in rels
        for name in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"):
            text = z.read(name)
            assert b"Nguyen" not in text and b"Tran" not in text and b"Users" not in text and b"Company" not in text
    with zipfile.ZipFile(out / "van-ban/so-lieu.xlsx") as z:
        workbook = z.read("xl/workbook.xml")
        assert b"Users" not in workbook and b'<sheet name="Quy I"/>' in workbook
    with zipfile.ZipFile(out / "van-ban/bien-ban.odt") as z:
        assert z.namelist()[0] == "mimetype" and z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert b"Nguyen" not in z.read("meta.xml") and z.read("content.xml") == DOCX_BODY


def test_case16_warm_build_reuses_cleaned_attachments(built):
    root, _, fresh, _, documents = built
    assert documents and {p: p.stat().st_mtime_ns for p in (root / ".cache/documents").rglob("*")} == documents
    assert fresh["van-ban/ke-hoach.docx"] != docx()  # published cleaned, not copied


def test_case16_cleaned_files_are_deterministic():
    from cchc.outputs.documents import clean_office, clean_pdf

    assert clean_office(docx()) == clean_office(docx())
    source = pdf_with_metadata()
    assert clean_pdf(source) == clean_pdf(source)
