import unicodedata
from datetime import date
from pathlib import Path

import pytest

from cchc.config.errors import Collector, Level
from cchc.config.settings import Settings
from cchc.model.collection import load_posts
from cchc.readers.posts import excerpt, read_post


def read(tmp_path: Path, text: str):
    path = tmp_path / "posts" / "bai.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = Collector()
    return read_post(path, "posts/bai.md", Settings(), problems), problems


def test_full_front_matter(tmp_path):
    post, problems = read(
        tmp_path,
        """---
title: Trung tâm triển khai thanh toán viện phí không dùng tiền mặt
date: 2026-03-12 08:30
updated: 2026-03-15
author: Nguyễn Thị Lan
department: Phòng Điều dưỡng - TT&GDSK
categories: [Cải cách thủ tục hành chính, CHINH-QUYEN-SO]
tags: [dịch vụ công trực tuyến, VNeID]
image: anh/a.jpg
plan: 2026-tuyen-truyen-cchc
tasks: [05, "07"]
portal: yes
draft: no
---
Đoạn đầu.

Đoạn sau.
""",
    )
    assert problems.problems == []
    assert post.title.startswith("Trung tâm")
    assert post.local.hour == 8 and post.local.minute == 30
    assert post.authors == ("Nguyễn Thị Lan",)
    assert [a.key for a in post.areas] == ["thu-tuc-hanh-chinh", "chinh-quyen-so"]
    assert post.tasks == ("05", "07")
    assert post.portal is True and post.draft is False
    assert post.summary == "Đoạn đầu."
    assert post.url == "cchc/2026/03/trung-tam-trien-khai-thanh-toan-vien-phi-khong-dung-tien-mat/"


def test_nfd_title_becomes_nfc(tmp_path):
    title = unicodedata.normalize("NFD", "Đổi mới công tác một cửa")
    post, _ = read(tmp_path, f"---\ntitle: {title}\ndate: 2026-03-12\ncategories: the-che\n---\nx\n")
    assert post.title == "Đổi mới công tác một cửa"
    assert post.slug == "doi-moi-cong-tac-mot-cua"


def test_category_by_label_without_marks(tmp_path):
    post, problems = read(tmp_path, "---\ntitle: A\ndate: 2026-03-12\ncategories: cai cach the che\n---\nx\n")
    assert problems.problems == []
    assert post.areas[0].key == "the-che"


def test_half_past_midnight_on_the_first_belongs_to_that_month(tmp_path):
    post, _ = read(tmp_path, "---\ntitle: A\ndate: 2026-04-01 00:30\ncategories: the-che\n---\nx\n")
    assert post.local_date == date(2026, 4, 1)
    assert post.url.startswith("cchc/2026/04/")


def test_utc_late_evening_is_next_local_day(tmp_path):
    post, _ = read(tmp_path, "---\ntitle: A\ndate: 2026-05-31T23:30:00+00:00\ncategories: the-che\n---\nx\n")
    assert post.local_date == date(2026, 6, 1)


def test_every_problem_of_a_post_is_reported_with_key_and_line(tmp_path):
    post, problems = read(
        tmp_path,
        "---\ndate: 2026-02-30\ncategoies: [the-che]\ncategories: [Không có]\ntasks: [1]\nportal: có lẽ\n---\nx\n",
    )
    assert post is None
    found = {(p.key, p.line, p.level) for p in problems.problems}
    assert ("title", None, Level.ERROR) in found
    assert ("date", 2, Level.ERROR) in found
    assert ("categoies", 3, Level.WARNING) in found
    assert ("categories", 4, Level.ERROR) in found
    assert ("tasks", 5, Level.ERROR) in found
    assert ("portal", 6, Level.ERROR) in found
    typo = next(p for p in problems.problems if p.key == "categoies")
    assert "categories" in typo.message  # the suggestion
    unknown = next(p for p in problems.problems if p.key == "categories")
    assert "thu-tuc-hanh-chinh" in unknown.message  # lists the valid ones


def test_yaml_syntax_error_names_the_line(tmp_path):
    post, problems = read(tmp_path, "---\ntitle: Hội nghị: tổng kết\ndate: 2026-03-12\n---\nx\n")
    assert post is None
    (problem,) = problems.problems
    assert problem.line == 2
    assert "ngoặc kép" in problem.message


def test_missing_front_matter(tmp_path):
    post, problems = read(tmp_path, "# Chỉ có nội dung\n")
    assert post is None
    assert "---" in problems.problems[0].message


def test_excerpt_rules():
    assert excerpt("Mở đầu.\n<!-- more -->\nCòn lại.") == "Mở đầu."
    assert excerpt("## Tiêu đề\n\n![ảnh](a.jpg)\n\nĐoạn văn đầu tiên.\n\nĐoạn hai.") == "Đoạn văn đầu tiên."


def test_duplicate_slugs_name_both_files(tmp_path):
    for name in ("a.md", "b.md"):
        path = tmp_path / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntitle: Cùng tiêu đề\ndate: 2026-03-12\ncategories: the-che\n---\nx\n", encoding="utf-8")
    problems = Collector()
    load_posts(tmp_path, Settings(), problems)
    (problem,) = problems.errors
    assert problem.file == "posts/b.md"
    assert "posts/a.md" in problem.message


@pytest.mark.parametrize("value", ["true", "yes", "có", "True"])
def test_forgiving_booleans(tmp_path, value):
    post, _ = read(tmp_path, f"---\ntitle: A\ndate: 2026-03-12\ncategories: the-che\nportal: {value}\n---\nx\n")
    assert post.portal is True


def test_label_with_a_comma_split_by_yaml_is_rejoined(tmp_path):
    post, problems = read(
        tmp_path, "---\ntitle: A\ndate: 2026-03-12\ncategories: [Công tác chỉ đạo, điều hành, the-che]\n---\nx\n"
    )
    assert problems.problems == []
    assert [a.key for a in post.areas] == ["chi-dao-dieu-hanh", "the-che"]


def test_forgiving_shapes_editors_type(tmp_path):
    post, problems = read(
        tmp_path,
        "\n\n---\ntitle:\u00a0Hội nghị\ndate: 2026-03-12\ncategories: the-che\n"
        "tags: VNeID, chuyển đổi số\nauthors: Nguyễn Thị Lan, Lê Quốc Bảo\n---\nx\n",
    )
    assert problems.problems == []
    assert post.title == "Hội nghị"
    assert post.tags == ("VNeID", "chuyển đổi số") and post.authors == ("Nguyễn Thị Lan", "Lê Quốc Bảo")
    assert post.lines["date"] == 5  # blank lines before `---` are counted


def test_a_key_written_twice_is_an_error_not_a_silent_loss(tmp_path):
    post, problems = read(tmp_path, "---\ntitle: Một\ndate: 2026-03-12\ntitle: Hai\ncategories: the-che\n---\nx\n")
    assert post is None
    (problem,) = problems.problems
    assert problem.line == 4 and "dòng 2 và dòng 4" in problem.message


def test_files_that_are_not_read_are_reported(tmp_path):
    base = tmp_path / "posts"
    (base / "thu-muc.md").mkdir(parents=True)
    (base / "hong.md").symlink_to(tmp_path / "khong-co.md")
    (base / "bai.md.txt").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    (base / "HOA.MD").write_text(
        "---\ntitle: Chữ hoa\ndate: 2026-03-12\ncategories: the-che\n---\nx\n", encoding="utf-8"
    )
    problems = Collector()
    posts = load_posts(tmp_path, Settings(), problems)
    assert [p.title for p in posts] == ["Chữ hoa"]
    by_file = {p.file: p for p in problems.problems}
    assert "Không đọc được tệp" in by_file["posts/thu-muc.md"].message
    assert "Không đọc được tệp" in by_file["posts/hong.md"].message
    assert by_file["posts/bai.md.txt"].level is Level.WARNING and ".txt" in by_file["posts/bai.md.txt"].message


def test_a_missing_closing_line_names_the_opening_one_and_what_is_missing(tmp_path):
    post, problems = read(tmp_path, "\n---\ntitle: Bài\ndate: 2026-03-12\ncategories: [the-che]\n\nNội dung.\n")
    assert post is None
    (error,) = problems.errors
    assert error.line == 2  # the `---` that opens, after a pasted blank line
    assert "thiếu dòng `---` đóng lại" in error.message


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("thu tuc hanh chinh", "thu-tuc-hanh-chinh"), ("Cải cách thủ tục", "thu-tuc-hanh-chinh"), ("the che", "the-che")],
)
def test_an_area_typed_nearly_right_suggests_the_closest(tmp_path, typed, meant):
    _, problems = read(tmp_path, f"---\ntitle: Bài\ndate: 2026-03-12\ncategories: [{typed}]\n---\nx\n")
    (error,) = problems.errors
    assert f"Có phải ý bạn là `{meant}`" in error.message

