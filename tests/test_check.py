"""`cchc check`: the build's problems, found without building."""

import json
import logging
import os
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from mkdocs.exceptions import Abort

from cchc.commands.check import check_project, format_text, recent_quota
from cchc.config.clock import build_now
from cchc.config.errors import Collector, describe
from cchc.config.project import load_project
from cchc.model.portal import QuotaRules, build_report
from conftest import REPO, post, run_build, write_project, write_tree
from photos import phone_jpeg

BROKEN = {
    "posts/tot.md": post("Bài tốt"),
    "posts/thieu-ngay.md": post("Thiếu ngày", date=""),
    "posts/sai-ngay.md": post("Sai ngày", date="hôm qua"),
    "posts/linh-vuc.md": post("Sai lĩnh vực", categories=["Cải cách vũ trụ"]),
    "posts/khong-dau-bai.md": "Chỉ có nội dung, không có phần đầu bài.\n",
    "posts/yaml.md": "---\ntitle: Hội nghị: tổng kết\ndate: 2026-03-01\ncategories: [the-che]\n---\nx\n",
    "posts/anh.md": post("Thiếu ảnh", image="anh/khong-co.jpg", body="![Ảnh](../ngoai.jpg)"),
    "posts/a/trung.md": post("Trùng tên"),
    "posts/b/trung.md": post("Trùng tên"),
    "posts/nhiem-vu.md": post("Nhiệm vụ không kế hoạch", tasks=["05"]),
    "posts/co.md": post("Cờ sai", portal="có lẽ"),
    "posts/go-sai.md": post("Gõ sai khóa", categoies=["the-che"]),  # a warning
    # Scheduled for the portal after December's 20th: still fixable, so a warning.
    "posts/cong.md": post("Gửi Cổng muộn", "2026-12-21 08:00", portal=True),
    # Published after November's 20th: cannot be mended, so only shown (no warning).
    "posts/cong-tre.md": post("Đã gửi muộn", "2026-11-21 08:00", portal=True),
    # Not published, so the build does not look for its image (only `cchc serve` does).
    "posts/nhap.md": post("Nháp thiếu ảnh", draft=True, image="anh/chua-co.jpg"),
    "plans/hong.yaml": "title: [Kế hoạch\nyear: 2026\n",
    # Cut short: only decoding finds it, and check must find it too.
    "posts/anh/cut.jpg": phone_jpeg((400, 300))[:3000],
    "posts/cut.md": post("Ảnh hỏng", image="anh/cut.jpg"),
}
# A settings mistake in mkdocs.yml is found by both too.
EXTRA = {"extra": {"cchc": {"unit": "Trung tâm Thử", "per_page": 0}}}


def build_problems(root, caplog):
    """(errors, warnings) of a real build, as the lines an editor reads."""
    caplog.set_level(logging.WARNING)
    with pytest.raises(Abort):
        run_build(root, **EXTRA)
    (report,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    errors, current = set(), None
    for line in report.splitlines()[1:-1]:
        if line.startswith("    - "):
            errors.add((current, line[6:]))
        else:
            current = line.strip()
    warnings = {r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.cchc" and r.levelname == "WARNING"}
    return errors, warnings


def check(root):
    problems = Collector()
    project = load_project(root / "mkdocs.yml", problems)
    return check_project(project, problems, build_now())


def test_check_finds_exactly_what_the_build_finds(tmp_path, now_epoch, caplog):
    write_tree(tmp_path, BROKEN)
    build_errors, build_warnings = build_problems(tmp_path, caplog)
    result = check(tmp_path)
    assert {(p.file, describe(p)) for p in result.errors} == build_errors
    assert {str(p) for p in result.warnings} == build_warnings
    # The fixture exercises every kind of file problem (a guard against a vacuous comparison).
    assert {f for f, _ in build_errors} >= {
        "mkdocs.yml",
        "posts/thieu-ngay.md",
        "posts/sai-ngay.md",
        "posts/linh-vuc.md",
        "posts/khong-dau-bai.md",
        "posts/yaml.md",
        "posts/anh.md",
        "posts/b/trung.md",
        "posts/nhiem-vu.md",
        "posts/co.md",
    }
    assert build_warnings and not result.ok


def test_report_groups_problems_by_file_in_vietnamese(tmp_path, now_epoch):
    write_tree(tmp_path, BROKEN)
    write_project(tmp_path, **EXTRA)
    text = format_text(check(tmp_path))
    assert text.splitlines()[0] == "Đã kiểm tra 16 bài viết, 0 kế hoạch: 13 lỗi, 2 cảnh báo."
    lines = text.splitlines()
    start = lines.index("  posts/anh.md") + 1
    block = "\n".join(lines[start : start + 2])
    assert not lines[start + 2].startswith("    ")
    assert "Lỗi: dòng 6, mục `image`: " in block and '"anh/khong-co.jpg"' in block
    assert '"../ngoai.jpg"' in block and "nằm ngoài thư mục của bài viết" in block
    assert "Cảnh báo: dòng 6, mục `categoies`" in text
    assert text.rstrip().endswith("Sửa các lỗi trên rồi chạy lại `cchc check`.")


def run_check(root, *args):
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks"), "SOURCE_DATE_EPOCH": "1795410000"}
    return subprocess.run(
        [sys.executable, "-m", "cchc", "check", *args], cwd=root, env=env, capture_output=True, text=True, timeout=60
    )


def test_check_json_parses_and_exit_code_follows_errors(tmp_path):
    write_tree(tmp_path, BROKEN)
    write_project(tmp_path, **EXTRA)
    result = run_check(tmp_path, "--json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["errors"] == len([p for p in data["problems"] if p["level"] == "error"]) >= 10
    assert {"file": "posts/sai-ngay.md", "line": 3, "key": "date", "level": "error"}.items() <= next(
        p for p in data["problems"] if p["file"] == "posts/sai-ngay.md"
    ).items()
    assert [m["month"] for m in data["portal"]] == ["2026-10", "2026-11"]


def test_clean_project_passes_and_warnings_fail_only_under_strict(tmp_path):
    write_tree(tmp_path, {"posts/a.md": post("Bài một"), "posts/b.md": post("Bài hai", categoies=["the-che"])})
    write_project(tmp_path)
    assert run_check(tmp_path).returncode == 0
    strict = run_check(tmp_path, "--strict")
    assert strict.returncode == 1
    assert "0 lỗi, 1 cảnh báo" in strict.stdout
    (tmp_path / "posts/b.md").unlink()
    clean = run_check(tmp_path, "--strict")
    assert clean.returncode == 0
    assert "Mọi tệp đều hợp lệ" in clean.stdout


def test_check_outside_a_project_says_so(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert "Không tìm thấy" in result.stderr and "mkdocs.yml" in result.stderr


def test_portal_counts_of_the_previous_and_current_month(tmp_path, now_epoch):
    write_tree(
        tmp_path,
        {
            "posts/1.md": post("Tháng trước", "2026-10-05", portal=True),
            "posts/2.md": post("Tháng này", "2026-11-10 09:00", portal=True),
            "posts/3.md": post("Đầu tháng theo giờ địa phương", "2026-10-31T18:00:00+00:00", portal=True),
            "posts/4.md": post("Bản nháp", "2026-11-12", portal=True, draft=True),
            "posts/5.md": post("Hẹn giờ", "2026-11-30", portal=True),
            "posts/6.md": post("Tháng chín", "2026-09-10", portal=True),
            "posts/7.md": post("Không gửi cổng", "2026-11-11"),
        },
    )
    write_project(tmp_path)
    previous, current = check(tmp_path).portal
    assert (previous.label, [p.title for p in previous.posts]) == ("10/2026", ["Tháng trước"])
    assert (current.label, [p.title for p in current.posts]) == (
        "11/2026",
        ["Đầu tháng theo giờ địa phương", "Tháng này"],
    )
    assert (previous.status, current.status) == ("ok", "ok")
    text = format_text(check(tmp_path))
    assert "Tháng 10/2026: 1 bài (Theo quy định của Cổng TTĐT CCHC tỉnh: cần 1–3 bài, trước ngày 20): đạt" in text


def test_check_lists_scheduled_posts_and_drafts(tmp_path, now_epoch):
    """Issue 12.4: a post dated later today is not on the site; check says so, and when."""
    write_tree(
        tmp_path,
        {
            "posts/1.md": post("Đã đăng", "2026-11-20 08:00"),
            "posts/2.md": post("Chiều nay", "2026-11-23 15:30"),
            "posts/3.md": post("Tháng sau", "2026-12-02 09:00", portal=True),
            "posts/4.md": post("Còn viết dở", "2026-11-01", draft=True),
            "posts/5.md": post("Cổng sau hạn", "2026-12-21 09:00", portal=True),
        },
    )
    write_project(tmp_path)
    result = check(tmp_path)
    lines = format_text(result).splitlines()
    start = lines.index("Bài chưa đăng (không có trên trang):")
    assert lines[start + 1 : start + 5] == [
        "  - Hẹn giờ đăng 23/11/2026 15:30: Chiều nay (posts/2.md)",
        "  - Hẹn giờ đăng 02/12/2026 09:00: Tháng sau (posts/3.md)",
        "  - Hẹn giờ đăng 21/12/2026 09:00: Cổng sau hạn (posts/5.md)",
        "  - Bản nháp: Còn viết dở (posts/4.md)",
    ]
    (warning,) = result.warnings  # only the portal post after December's deadline
    assert (warning.file, warning.line, warning.key) == ("posts/5.md", 3, "date")


def test_january_counts_december_of_the_year_before():
    now = datetime(2027, 1, 5, tzinfo=UTC)
    months = recent_quota(build_report([], QuotaRules(), now, UTC), date(2027, 1, 5))
    assert [m.label for m in months] == ["12/2026", "1/2027"]
    assert [m.status for m in months] == ["na", "na"]  # no portal post yet: the rule is "Chưa áp dụng"
