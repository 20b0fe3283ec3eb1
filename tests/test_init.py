"""`cchc init`: a fresh copy of the repository becomes a unit's own site that builds and publishes strictly."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cchc.commands.newsite import demo_files, read_unit, rewrite_config, starter_page
from conftest import NOW_EPOCH, REPO, post

CCHC = Path(sys.executable).with_name("cchc")
UNIT = [
    "--unit", "Trung tâm Y tế khu vực Ninh Hòa",
    "--url", "https://ttytninhhoa.example.gov.vn",
    "--parent", "Sở Y tế tỉnh Khánh Hòa",
    "--address", "Số 1 đường Trần Quý Cáp, phường Ninh Hòa",
    "--province", "tỉnh Khánh Hòa",
    "--phone", "0258 3845 123",
    "--email", "ttyt@example.gov.vn",
]  # fmt: skip
MINE = "posts/2026/11/bai-cua-toi.md"
CHANGED = "posts/2026/03/thanh-toan-khong-tien-mat.md"


def tracked() -> list[str]:
    listing = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    return [line for line in listing.splitlines() if (REPO / line).is_file()]


def cchc(cwd, *args):
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH)}
    return subprocess.run(
        [CCHC, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
    )


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A copy of the repository as a unit clones it, with one post of its own and one demo post it edited."""
    root = tmp_path_factory.mktemp("clone") / "trang-cchc"
    for name in tracked():
        if not name.startswith(("tests/", "bench/")):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, root / name)
    (root / MINE).write_text(post("Bài của tôi", "2026-11-20 08:00"), encoding="utf-8")
    with (root / CHANGED).open("a", encoding="utf-8") as out:
        out.write("\nĐoạn biên tập viên viết thêm.\n")
    original = (root / "mkdocs.yml").read_text(encoding="utf-8")
    result = cchc(root, "init", *UNIT)
    return root, original, result


def test_init_names_the_unit_and_keeps_the_rest_of_mkdocs_yml(clone):
    root, original, result = clone
    assert result.returncode == 0, result.stderr
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text.replace("!!python/name:", ""))
    assert config["site_name"] == "Trung tâm Y tế khu vực Ninh Hòa"
    assert config["site_url"] == "https://ttytninhhoa.example.gov.vn/"
    assert config["extra"]["cchc"]["unit"] == "Trung tâm Y tế khu vực Ninh Hòa"
    assert "Mẫu" not in config["site_description"] + config["copyright"]
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert all(line in text.splitlines() for line in comments)  # edited by lines, comments kept
    assert len(text.splitlines()) == len(original.splitlines())


def test_init_removes_only_the_demo_files_we_shipped(clone):
    root, _, result = clone
    assert not (root / "plans").exists()
    assert not (root / "documents").exists()  # the demo's documents and their PDFs, like its posts
    assert not (root / "procedures").exists()
    left = sorted(p.relative_to(root).as_posix() for p in (root / "posts").rglob("*") if p.is_file())
    assert left == [CHANGED, MINE]  # the editor's own post and the demo post she changed stay
    assert f"Giữ lại {CHANGED}" in result.stdout
    index = (root / "docs/index.md").read_text(encoding="utf-8")
    about = (root / "docs/gioi-thieu.md").read_text(encoding="utf-8")
    assert "Mẫu" not in index + about and "minh họa" not in index + about
    shipped = (REPO / "docs/index.md").read_text(encoding="utf-8")
    assert shipped.startswith("---\n") == index.startswith("---\n")  # the home page keeps its template
    assert "Trung tâm Y tế khu vực Ninh Hòa" in index and "Sở Y tế tỉnh Khánh Hòa" in about
    assert "Số 1 đường Trần Quý Cáp, phường Ninh Hòa, tỉnh Khánh Hòa" in about


def test_the_new_site_checks_builds_and_publishes_strictly(clone, tmp_path):
    root, _, _ = clone
    for name in (MINE, CHANGED):
        (root / name).unlink()
    shutil.rmtree(root / "posts")  # zero posts and zero plans: no folder at all
    check = cchc(root, "check", "--strict")
    assert check.returncode == 0, check.stdout + check.stderr
    build = cchc(root, "build", "--strict")
    assert build.returncode == 0, build.stderr
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert "Trung tâm Y tế khu vực Ninh Hòa" in home and "Mẫu" not in home
    assert cchc(root, "new", "Hội nghị triển khai công tác cải cách hành chính").returncode == 0
    publish = cchc(root, "publish", "--strict", str(tmp_path / "www"))
    assert publish.returncode == 0, publish.stderr
    page = tmp_path / "www/cchc/2026/11/hoi-nghi-trien-khai-cong-tac-cai-cach-hanh-chinh/index.html"
    assert "Trung tâm Y tế khu vực Ninh Hòa" in page.read_text(encoding="utf-8")


def test_a_second_init_is_refused_without_force(clone):
    root, _, _ = clone
    again = cchc(root, "init", "--unit", "Đơn vị khác", "--url", "https://khac.example.gov.vn/")
    assert again.returncode == 1 and "--force" in again.stderr
    assert "Trung tâm Y tế khu vực Ninh Hòa" in (root / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_list_of_demo_files_matches_the_repository():
    # A demo post or page changed without updating hooks/cchc/demo.sha256 would survive `cchc init`.
    # Regenerate (from the repository's root):
    #   sha256sum $(git ls-files posts plans documents procedures docs/index.md docs/gioi-thieu.md) \
    #     > hooks/cchc/demo.sha256
    pages = ("docs/index.md", "docs/gioi-thieu.md")
    shipped = {n for n in tracked() if n.startswith(("posts/", "plans/", "documents/", "procedures/")) or n in pages}
    listed = demo_files()
    assert set(listed) == shipped
    assert all(hashlib.sha256((REPO / n).read_bytes()).hexdigest() == listed[n] for n in shipped)


def test_hostile_values_stay_values():
    unit = read_unit({"name": 'Trung tâm "A": <script>alert(1)</script> # *b*', "url": "https://a.example"}, None)
    text = rewrite_config((REPO / "mkdocs.yml").read_text(encoding="utf-8"), unit)
    assert yaml.safe_load(text.replace("!!python/name:", ""))["site_name"] == unit.name
    page = starter_page("docs/index.md", unit)
    assert "<script>" not in page and "&lt;script&gt;" in page and r"\*b\*" in page


def test_missing_values_are_asked_on_a_terminal_and_named_otherwise():
    answers = iter(["Trạm Y tế xã A", "", "Thôn 1", "Khánh Hòa", "https://a.example.gov.vn/", "", ""])
    unit = read_unit({}, lambda question: next(answers))
    assert (unit.name, unit.address, unit.province, unit.url) == ("Trạm Y tế xã A", "Thôn 1", "Khánh Hòa", unit.url)
    with pytest.raises(Exception) as err:
        read_unit({"name": "Trạm Y tế xã A"}, None)
    assert "--url" in str(err.value)
