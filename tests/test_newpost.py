"""`cchc new`: a post with every key written out, that builds as created."""

import pytest

from cchc.commands import cli
from cchc.readers.posts import KNOWN_KEYS
from conftest import NOW_EPOCH, REPO, post, run_build, write_project, write_tree

# FORMATS.md §1; `author` is an accepted spelling of `authors`, the others are MkDocs' own keys.
FORMAT_KEYS = KNOWN_KEYS - {"author", "description", "hide", "comments"}


@pytest.fixture
def project(tmp_path, now_epoch, monkeypatch):
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(*args):
    return cli.main(["new", *args])


def front_keys(text):
    """Keys of the front matter, commented out or not."""
    front = text.split("---\n")[1]
    return {line.lstrip("# ").split(":")[0] for line in front.splitlines() if ": " in line or line.endswith(":")}


def test_new_post_has_every_key_and_builds_as_created(project, capsys):
    assert new("Hội nghị: tổng kết công tác CCHC năm 2026", "--area", "Cải cách chế độ công vụ") == 0
    path = project / "posts/2026/11/hoi-nghi-tong-ket-cong-tac-cchc-nam-2026.md"
    assert capsys.readouterr().out.strip() == f"Đã tạo {path.relative_to(project).as_posix()}"
    text = path.read_text(encoding="utf-8")
    assert front_keys(text) >= FORMAT_KEYS
    assert 'title: "Hội nghị: tổng kết công tác CCHC năm 2026"' in text
    assert "date: 2026-11-23 12:00" in text  # now_epoch, in the unit's time zone
    assert "categories: [cong-vu]" in text
    assert "#   chinh-quyen-so      Xây dựng chính quyền điện tử, chính quyền số" in text
    assert "# portal: true" in text
    site = run_build(project, strict=True)
    page = (site / "cchc/2026/11/hoi-nghi-tong-ket-cong-tac-cchc-nam-2026/index.html").read_text(encoding="utf-8")
    assert "Hội nghị: tổng kết công tác CCHC năm 2026" in page
    assert "Cải cách chế độ công vụ" in page


def test_portal_flag_and_default_area(project, capsys, monkeypatch):
    # The 10th: a portal post written after the 20th is late for the month (a warning).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH - 13 * 86400))
    assert new("Bài gửi cổng", "--portal") == 0
    text = (project / "posts/2026/11/bai-gui-cong.md").read_text(encoding="utf-8")
    assert "\nportal: true\n" in text
    assert "categories: [chi-dao-dieu-hanh]" in text
    assert "sửa dòng categories" in capsys.readouterr().out
    site = run_build(project, strict=True)
    assert (site / "cchc/2026/11/bai-gui-cong/index.html").is_file()


def test_date_is_the_local_day(tmp_path, monkeypatch):
    # 2026-11-30 18:00 UTC is already 1 December in Việt Nam.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796061600")
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert new("Đầu tháng mười hai") == 0
    text = (tmp_path / "posts/2026/12/dau-thang-muoi-hai.md").read_text(encoding="utf-8")
    assert "date: 2026-12-01 01:00" in text


def test_refuses_to_overwrite(project, capsys):
    assert new("Bài một") == 0
    path = project / "posts/2026/11/bai-mot.md"
    path.write_text("Nội dung đã viết", encoding="utf-8")
    assert new("Bài một") == 1
    assert "lệnh không ghi đè" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "Nội dung đã viết"


def test_refuses_a_slug_another_post_uses(project, capsys):
    write_tree(project, {"posts/2025/bai-cu.md": post("Họp giao ban", "2025-01-02")})
    assert new("Họp giao ban") == 1
    assert "posts/2025/bai-cu.md" in capsys.readouterr().err
    assert new("Họp giao ban", "--slug", "hop-giao-ban-thang-11") == 0
    text = (project / "posts/2026/11/hop-giao-ban-thang-11.md").read_text(encoding="utf-8")
    assert "\nslug: hop-giao-ban-thang-11\n" in text
    run_build(project)  # no error: both keys name what the plan has


def test_unknown_area_lists_the_choices(project, capsys):
    assert new("Bài", "--area", "vũ trụ") == 1
    err = capsys.readouterr().err
    assert 'Lĩnh vực "vũ trụ"' in err and "the-che (Cải cách thể chế)" in err
    assert not (project / "posts").exists()


PLAN = """
title: Kế hoạch
year: 2026
issuer: Trung tâm Y tế Mẫu
tasks:
  - {stt: 1, title: Xây dựng kế hoạch}
  - stt: 3
    title: Tuyên truyền
    subtasks:
      - {stt: 3.1, title: Thủ tục hành chính}
      - {stt: 3.2, title: Chuyển đổi số}
"""


def test_plans_on_disk_are_suggested_with_their_own_tasks(project):
    write_tree(project, {"plans/2026-tuyen-truyen.yaml": PLAN})
    assert new("Bài có kế hoạch") == 0
    path = project / "posts/2026/11/bai-co-ke-hoach.md"
    text = path.read_text(encoding="utf-8")
    assert "Các kế hoạch hiện có: 2026-tuyen-truyen." in text
    assert "# plan: 2026-tuyen-truyen\n" in text
    assert '# tasks: ["1", "3.1"]' in text  # tasks the plan has: uncommented, they build
    path.write_text(text.replace("# plan:", "plan:").replace("# tasks:", "tasks:"), encoding="utf-8")
    run_build(project)  # no error: both keys name what the plan has


def test_the_portal_hint_follows_the_sites_rule():
    """Issue 12.3: the rule lives in `extra.cchc.portal`; `cchc new` does not repeat a fixed one."""
    from datetime import datetime

    from cchc.commands.newpost import post_template
    from cchc.config.settings import DEFAULT_AREAS, PortalQuota, Settings

    def hint(settings):
        text = post_template("Tin", datetime(2026, 11, 23, 9, 0), DEFAULT_AREAS[0], settings)
        return next(line for line in text.splitlines() if line.startswith("# Gửi bài sang Cổng"))

    assert "(2–4 bài mỗi tháng, trước ngày 15;" in hint(Settings(portal=PortalQuota(2, 4, 15)))
    assert "đơn vị không gửi" in hint(Settings(portal=None))


# `cchc new --van-ban`: a document of the register, every key of FORMATS.md §3 written out.
def test_new_document_has_every_key_and_builds_once_its_file_is_beside_it(project, capsys):
    from cchc.readers.officialdocs import DOCUMENT

    assert new("Tuyên truyền: cải cách hành chính tháng 12", "--van-ban", "--so", "60/KH-TTYT") == 0
    out = capsys.readouterr().out
    assert "Đã tạo documents/2026/60-kh-ttyt.md" in out and "tên 60-kh-ttyt.pdf" in out
    text = (project / "documents/2026/60-kh-ttyt.md").read_text(encoding="utf-8")
    assert front_keys(text) >= set(DOCUMENT.names)
    assert 'number: "60/KH-TTYT"' in text and "type: Kế hoạch" in text and "issued: 2026-11-23" in text
    write_tree(project, {"documents/2026/60-kh-ttyt.pdf": (REPO / "documents/2026/120-kh-syt.pdf").read_bytes()})
    site = run_build(project, strict=True)
    page = (site / "van-ban/2026/60-kh-ttyt/index.html").read_text(encoding="utf-8")
    assert "Kế hoạch 60/KH-TTYT: Tuyên truyền: cải cách hành chính tháng 12" in page
    assert new("Khác", "--van-ban", "--so", "60/KH-TTYT") == 1
    assert "đã có ở documents/2026/60-kh-ttyt.md" in capsys.readouterr().err
    assert new("Không rõ loại", "--van-ban", "--so", "7/ABC") == 1
    assert "--loai" in capsys.readouterr().err


# `cchc new --thu-tuc`: a procedure file (FORMATS.md §4).
def test_new_procedure_has_every_key_and_builds_as_created(project, capsys):
    from cchc.readers.procedures import PROCEDURE

    assert new("--thu-tuc", "Khám sức khỏe: người lái xe") == 0
    path = project / "procedures/kham-suc-khoe-nguoi-lai-xe.yaml"
    assert capsys.readouterr().out.startswith("Đã tạo procedures/kham-suc-khoe-nguoi-lai-xe.yaml")
    text = path.read_text(encoding="utf-8")
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(("#", " "))]
    assert keys == list(PROCEDURE.names)  # every key, in the order of FORMATS.md §4
    assert 'name: "Khám sức khỏe: người lái xe"' in text
    assert "# Mức độ dịch vụ công trực tuyến. Một trong: toàn trình, một phần, trực tiếp" in text
    site = run_build(project, strict=True)
    page = (site / "thu-tuc/kham-suc-khoe-nguoi-lai-xe/index.html").read_text(encoding="utf-8")
    assert "<h1>Khám sức khỏe: người lái xe</h1>" in page and "<li>Bước thứ nhất.</li>" in page


def test_new_procedure_never_overwrites(project, capsys):
    write_tree(project, {"procedures/kham-suc-khoe.yaml": "name: Của biên tập viên\n"})
    assert new("--thu-tuc", "Khám sức khỏe") == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert (project / "procedures/kham-suc-khoe.yaml").read_text(encoding="utf-8") == "name: Của biên tập viên\n"
