"""Finding a post's images: paths kept inside the post's folder, alt text, lines."""

import os
from pathlib import Path

import pytest

from cchc.config.errors import Collector
from cchc.config.settings import Settings
from cchc.readers.assets import Page, collect_assets, collect_attachments, image_uses, missing_link_targets
from cchc.readers.posts import read_post
from conftest import post, write_tree
from photos import plain


def collect(tmp_path: Path, body: str, files: dict | None = None, **meta):
    write_tree(tmp_path, {"posts/2026/bai.md": post("Bài", body=body, **meta), **(files or {})})
    problems = Collector()
    found = read_post(tmp_path / "posts/2026/bai.md", "posts/2026/bai.md", Settings(), problems)
    return found, collect_assets(found, tmp_path, problems), problems


def test_uses_in_reading_order_with_alt_and_line(tmp_path):
    body = 'Đầu.\n\n![Một](anh/1.jpg "tiêu đề")\n\n<img src="anh/2.png" alt="Hai">\n\n![Ba](<anh/ba ba.jpg>)'
    found, _, _ = collect(tmp_path, body, image="anh/bia.jpg", image_alt="Bìa")
    uses = image_uses(found)
    assert [(u.ref, u.alt, u.cover) for u in uses] == [
        ("anh/bia.jpg", "Bìa", True),
        ("anh/1.jpg", "Một", False),
        ("anh/2.png", "Hai", False),
        ("anh/ba ba.jpg", "Ba", False),
    ]
    assert [u.line for u in uses] == [6, 12, 14, 16]


def test_local_images_resolved_once_each(tmp_path):
    files = {"posts/2026/anh/a.jpg": plain(), "posts/2026/anh/con/b.jpg": plain()}
    _, assets, problems = collect(tmp_path, "![a](anh/a.jpg) ![a](./anh/a.jpg) ![b](anh/con/../con/b.jpg)", files)
    assert problems.problems == []
    assert [a.ref for a in assets] == ["anh/a.jpg", "anh/con/b.jpg"]
    assert assets[0].src_uri == "cchc/2026/03/bai/anh/a.jpg"


@pytest.mark.parametrize(
    "ref", ["../../etc/passwd", "/etc/passwd", "anh/../../bai-khac/x.jpg", "file:///etc/passwd", "C:/anh.jpg"]
)
def test_paths_leaving_the_post_folder_are_errors(tmp_path, ref):
    _, assets, problems = collect(tmp_path, f"![x]({ref})", {"posts/bai-khac/x.jpg": plain()})
    (error,) = problems.errors
    assert assets == []
    assert str(error).startswith("posts/2026/bai.md, dòng 8:") and f'Ảnh "{ref}"' in str(error)


def test_cover_outside_is_an_error_on_the_image_key(tmp_path):
    _, _, problems = collect(tmp_path, "x", image="../../../etc/passwd")
    (error,) = problems.errors
    assert error.key == "image" and error.line == 6 and "ngoài thư mục" in error.message


def test_symlink_out_of_the_folder_is_an_error(tmp_path):
    (tmp_path / "secret.jpg").write_bytes(plain())
    (tmp_path / "posts/2026/anh").mkdir(parents=True)
    os.symlink(tmp_path / "secret.jpg", tmp_path / "posts/2026/anh/link.jpg")
    _, assets, problems = collect(tmp_path, "![x](anh/link.jpg)")
    assert assets == [] and "ngoài thư mục" in str(problems.errors[0])


def test_missing_file_is_an_error(tmp_path):
    _, _, problems = collect(tmp_path, "![x](anh/khong-co.jpg)")
    assert 'Ảnh "anh/khong-co.jpg": không tìm thấy tệp' in str(problems.errors[0])


def test_missing_alt_is_a_warning_and_web_images_warn(tmp_path):
    files = {"posts/2026/anh/a.jpg": plain()}
    _, assets, problems = collect(tmp_path, "![](anh/a.jpg)\n\n![Ảnh ngoài](https://example.com/x.jpg)", files)
    assert len(assets) == 1 and problems.errors == []
    alt, web = problems.warnings
    assert alt.line == 8 and "thiếu lời mô tả (alt)" in alt.message
    assert web.line == 10 and "trang ngoài" in web.message


def test_cover_without_alt_is_fine_and_image_alt_without_image_warns(tmp_path):
    _, _, problems = collect(tmp_path, "x", {"posts/2026/anh/a.jpg": plain()}, image="anh/a.jpg")
    assert problems.problems == []
    _, _, problems = collect(tmp_path, "x", image_alt="Mô tả")
    (warning,) = problems.warnings
    assert warning.key == "image_alt"


def test_a_file_name_stored_decomposed_is_found(tmp_path):
    import unicodedata

    stored = unicodedata.normalize("NFD", "hội-nghị.jpg")
    files = {f"posts/2026/anh/{stored}": plain()}
    _, assets, problems = collect(tmp_path, "![Hội nghị](anh/hội-nghị.jpg)", files)
    assert problems.problems == []
    assert [a.ref for a in assets] == ["anh/hội-nghị.jpg"] and assets[0].path.name == stored


def test_case14_code_is_never_an_image_or_an_attachment(tmp_path):
    """Issue 11.14: HTML or Markdown shown as code is text, as Markdown renders it."""
    body = (
        "Viết `<img src=x>` hoặc ``![a](b.png)`` trong dòng.\n\n"
        '```html\n<img src="y.png">\n![z](z.png)\n[Tệp](khong-co.pdf)\n```\n\n'
        '    <img src="thut-le.png">\n\n'
        "<!-- ![cũ](anh/cu.jpg) -->\n\n"
        "- Mục danh sách\n\n    ![Thật](anh/that.jpg)\n"
    )
    found, assets, problems = collect(tmp_path, body, {"posts/2026/anh/that.jpg": plain()})
    assert [(u.ref, u.line) for u in image_uses(found)] == [("anh/that.jpg", 22)]
    assert [a.ref for a in assets] == ["anh/that.jpg"]
    assert collect_attachments(found, tmp_path, problems) == []
    assert problems.problems == []


@pytest.mark.parametrize("written", ["anh/Pano CCHC khu kham benh.jpg", "anh/Pano%20CCHC%20khu%20kham%20benh.jpg"])
def test_image_paths_with_spaces_are_read_as_editors_write_them(tmp_path, written):
    """Issue 12.1: phones and Windows put spaces in file names."""
    files = {"posts/2026/anh/Pano CCHC khu kham benh.jpg": plain()}
    _, assets, problems = collect(tmp_path, f"Ảnh:\n\n![Pano]({written})", files)
    assert problems.problems == []
    assert [a.ref for a in assets] == ["anh/Pano CCHC khu kham benh.jpg"]


@pytest.mark.parametrize(
    "written",
    [
        r"C:\Users\Hoa\Pictures\x.jpg",
        r"C:\Users\Hoa\My Pictures\anh hoi nghi.jpg",
        r"\\may-chu\anh\x.jpg",
        "/home/hoa/x.jpg",
        "file:///home/hoa/x.jpg",
    ],
)
def test_paths_on_the_editors_computer_are_refused_with_the_line(tmp_path, written):
    """Issue 12.1: a path on the writer's computer is an error naming the line, in Vietnamese."""
    found, assets, problems = collect(tmp_path, f"Mở đầu.\n\n![Ảnh]({written})\n\n[Tệp]({written}.pdf)")
    assert collect_attachments(found, tmp_path, problems) == []
    image, link = problems.errors
    assert assets == []
    assert (image.line, link.line) == (10, 12)
    assert image.message.startswith(f'Ảnh "{written}": là đường dẫn trên máy tính của người viết')
    assert link.message.startswith(f'Liên kết "{written}.pdf": là đường dẫn trên máy tính')


def test_links_to_files_the_site_lacks_are_warnings_with_the_line(tmp_path):
    """Issue 12.1: what MkDocs would warn about in English, found up front."""
    body = "[Bài khác](../10/bai-khac.md), [ảnh](anh/lon.jpg), [trang](../../../../gioi-thieu.md), [lịch](/cchc/lich/)"
    found, _, _ = collect(tmp_path, body, {"posts/2026/anh/lon.jpg": plain()})  # beside the post, only linked
    problems = Collector()
    published = {"gioi-thieu.md"}
    assert missing_link_targets(Page.of_post(found), published, problems) == {"../10/bai-khac.md", "anh/lon.jpg"}
    missing, beside = problems.warnings
    assert (missing.line, beside.line) == (8, 8)
    assert missing.message.startswith('Liên kết "../10/bai-khac.md" dẫn tới tệp không có trên trang.')
    assert beside.message.startswith('Liên kết "anh/lon.jpg" dẫn tới một tệp có cạnh bài nhưng không được đăng')
