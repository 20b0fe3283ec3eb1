import os
import subprocess
import sys

from conftest import REPO, post, write_project, write_tree


def run_cchc(cwd, *args):
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks"), "SOURCE_DATE_EPOCH": "1795410000"}
    env.pop("NO_MKDOCS_2_WARNING", None)
    return subprocess.run(
        [sys.executable, "-m", "cchc", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def make_project(root, files):
    write_tree(root, files)
    write_project(root)


def test_build_prints_only_our_messages(tmp_path):
    make_project(tmp_path, {"posts/a.md": post("Bài một")})
    result = run_cchc(tmp_path, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "MkDocs 2.0" not in result.stderr and "Zensical" not in result.stderr
    assert (tmp_path / "site/cchc/2026/03/bai-mot/index.html").is_file()


def test_build_with_bad_posts_exits_non_zero_with_one_report(tmp_path):
    make_project(
        tmp_path, {"posts/a.md": post("Bài một", date="hôm qua"), "posts/b.md": post("Bài hai", categories=[])}
    )
    result = run_cchc(tmp_path, "build")
    assert result.returncode == 1
    assert "2 lỗi trong 2 tệp" in result.stderr
    assert "posts/a.md" in result.stderr and "posts/b.md" in result.stderr
    assert not (tmp_path / "site").exists()


def test_strict_build_stops_on_a_warning_before_touching_the_site(tmp_path):
    make_project(tmp_path, {"posts/a.md": post("Bài một")})
    assert run_cchc(tmp_path, "build").returncode == 0
    page = tmp_path / "site/cchc/2026/03/bai-mot/index.html"
    before = page.read_bytes()
    write_tree(tmp_path, {"posts/b.md": post("Bài hai", tag=["gõ nhầm khóa"])})
    result = run_cchc(tmp_path, "build", "--strict")
    assert result.returncode == 1
    assert "`tag`" in result.stderr and "Dừng vì --strict" in result.stderr
    assert page.read_bytes() == before and not (tmp_path / "site/cchc/2026/03/bai-hai").exists()
