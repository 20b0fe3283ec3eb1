"""Bad documents (documents/**/*.md): every problem named in one build's errors, and by `cchc check`."""

import re
from datetime import UTC, datetime

import pytest
from mkdocs.exceptions import Abort

from cchc.commands.check import check_project
from cchc.config.errors import Collector
from cchc.config.project import open_project
from conftest import NOW_EPOCH, post, run_build, write_project, write_tree


def document(**keys):
    lines = "".join(f"{key}: {value}\n" for key, value in keys.items())
    return f"---\n{lines}---\n"


GOOD = {"type": "Kế hoạch", "title": "Trích yếu", "issued": "2026-02-05", "issuer": "Trung tâm Y tế Mẫu"}
BAD = {
    "documents/thieu.md": document(title="Thiếu số và loại", issued="31/02/2026", issuer="A", file="a.pdf"),
    "documents/a.pdf": b"%PDF-1.4 not really\n",
    "documents/2026/mot.md": document(number="45/KH-TTYT", file="x.pdf", **GOOD),
    "documents/2026/hai.md": document(number="45/kh-ttyt", file="x.pdf", **GOOD),
    "documents/2026/x.pdf": b"%PDF-1.4 not really\n",
    "documents/khong-co-tep.md": document(number="1/QĐ", file="thieu.pdf", **GOOD),
    "documents/sai-loai.md": document(number="2/QĐ", file="tep.exe", **GOOD),
    "documents/tep.exe": b"MZ",
    "documents/ngoai.md": document(number="3/QĐ", file="../mkdocs.yml.pdf", **GOOD),
    "documents/khong-tep-khong-url.md": document(number="4/QĐ", **GOOD),
    "documents/sai-url.md": document(number="5/QĐ", url="ftp://vbpl.vn/x", expires="2026-01-01", **GOOD),
    "documents/ke-hoach.md": document(number="8/KH", url="https://vbpl.vn/z", plan="khong-co", **GOOD),
    "documents/nhiem-vu.md": document(number="6/QĐ", url="https://vbpl.vn/x", tasks='["01"]', **GOOD),
    "documents/cung-so-1.md": document(number="7/KH", url="https://vbpl.vn/x", **GOOD),
    "documents/cung-so-2.md": document(number="7/KH", url="https://vbpl.vn/y", **{**GOOD, "issuer": "Sở Y tế"}),
    "posts/bai.md": post("Bài nhắc văn bản", documents=["45/KH-TTYT", "99/XX"]),
    "mkdocs.yml.pdf": b"%PDF outside\n",
}
EXPECTED = [
    ("documents/thieu.md", None, "number", "Thiếu số, ký hiệu (number)."),
    ("documents/thieu.md", None, "type", "Thiếu loại văn bản (type)."),
    ("documents/thieu.md", 3, "issued", "31/02/2026"),
    (
        "documents/2026/mot.md",
        2,
        "number",
        'Văn bản số "45/KH-TTYT" của Trung tâm Y tế Mẫu đã có ở documents/2026/hai.md',
    ),
    ("documents/khong-co-tep.md", 3, "file", 'Tệp văn bản "thieu.pdf": không tìm thấy tệp'),
    ("documents/sai-loai.md", 3, "file", 'Tệp văn bản "tep.exe": chỉ đăng được tệp PDF, DOC, DOCX, XLS, XLSX, ODT.'),
    ("documents/ngoai.md", 3, "file", "nằm ngoài thư mục"),
    ("documents/khong-tep-khong-url.md", None, "file", "Thiếu tệp văn bản (file) hoặc địa chỉ văn bản gốc (url)"),
    ("documents/sai-url.md", 3, "url", 'Địa chỉ "ftp://vbpl.vn/x" phải là một địa chỉ web đầy đủ'),
    ("documents/sai-url.md", 4, "expires", "Ngày hết hiệu lực (expires) trước ngày ban hành (issued)."),
    ("documents/ke-hoach.md", 4, "plan", 'Kế hoạch "khong-co" không có trong plans/.'),
    ("documents/nhiem-vu.md", 4, "tasks", "Có `tasks` nhưng thiếu `plan`"),
    ("documents/cung-so-2.md", 2, "slug", "Đường dẫn /van-ban/2026/7-kh/ trùng với văn bản documents/cung-so-1.md"),
    ("posts/bai.md", 6, "documents", 'Văn bản số "99/XX" không có trong sổ văn bản (documents/).'),
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-documents")
    write_tree(root, BAD)
    return root


def test_every_document_problem_is_reported_by_one_build(broken, caplog, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
    with pytest.raises(Abort):
        run_build(broken)
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    for source, line, key, words in EXPECTED:
        block = re.split(r"\n  (?! )", message.split(f"  {source}\n", 1)[1], maxsplit=1)[0]
        where = f"dòng {line}" if line else "tệp"
        assert f"{where}, mục `{key}`: " in block and words in block, (source, block)
    assert 'Tệp văn bản "x.pdf": tệp PDF bị hỏng' in message  # the file is cleaned as attachments are
    assert not (broken / "site").exists()


def test_cchc_check_reports_the_same_document_problems(broken):
    problems = Collector()
    project = open_project(write_project(broken), problems)
    result = check_project(project, problems, datetime.fromtimestamp(NOW_EPOCH, UTC))
    found = {(p.file, p.line, p.key) for p in result.errors}
    assert {(source, line, key) for source, line, key, _ in EXPECTED} <= found
