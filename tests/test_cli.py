import errno
import os
import subprocess
import sys
from pathlib import Path

from cchc.commands.cli import main
from conftest import REPO, engine_loggers, post, write_project, write_tree


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


KILL_HOOK = """
import os, signal


def on_post_build(config):
    # Every page is written, the feeds are not yet: the machine dies here.
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_case4_killed_build_leaves_the_previous_complete_site(tmp_path):
    make_project(tmp_path, {"posts/a.md": post("Bài một")})
    write_project(tmp_path, site_dir="site")  # relative: to mkdocs.yml's folder, as MkDocs reads it
    assert run_cchc(tmp_path / "posts", "build", "-f", "../mkdocs.yml").returncode == 0
    site = tmp_path / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert (site / "cchc/rss.xml").is_file() and (site / "search/search_index.json").is_file()

    write_tree(tmp_path, {"posts/b.md": post("Bài hai", date="2026-04-01"), "chet.py": KILL_HOOK})
    hooks = [str(tmp_path / "chet.py"), str(REPO / "hooks" / "cchc_hooks.py")]  # dies before our feeds
    write_project(tmp_path, hooks=hooks, site_dir="site")
    assert run_cchc(tmp_path, "build").returncode == -9
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before  # the previous complete site, untouched

    write_project(tmp_path)
    assert run_cchc(tmp_path / "posts", "build", "-f", "../mkdocs.yml", "--site-dir", "site").returncode == 0
    assert (site / "cchc/2026/04/bai-hai/index.html").is_file() and (site / "cchc/rss.xml").is_file()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]  # the killed build's folder is gone


def test_case15_full_disk_during_build_says_how_much_room_it_needs(tmp_path, monkeypatch, capsys):
    import mkdocs.utils

    make_project(tmp_path, {"posts/a.md": post("Bài một")})
    write_tree(tmp_path, {"site/cu.bin": b"x" * 3 * 1024 * 1024})  # the previous build: 3 MB

    def full_disk(content, output_path):
        raise OSError(errno.ENOSPC, "No space left on device", output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full_disk)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795410000")
    for log in engine_loggers():  # MkDocs' command line reconfigures them: restored after the test
        for attribute in ("propagate", "level", "parent"):
            monkeypatch.setattr(log, attribute, getattr(log, attribute))
        monkeypatch.setattr(log, "handlers", list(log.handlers))
    assert main(["build", "-q", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert f"Ổ đĩa đã đầy: không ghi được {tmp_path / 'site'}/" in err
    assert "cần khoảng 3,0 MB trống (cỡ của bản dựng trước)" in err and "Errno" not in err
    assert (tmp_path / "site/cu.bin").stat().st_size == 3 * 1024 * 1024
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_case15_read_only_disk_for_a_new_post_says_so_in_vietnamese(tmp_path, monkeypatch, capsys):
    make_project(tmp_path, {"posts/a.md": post("Bài một")})
    opened = Path.open

    def read_only(self, mode="r", *args, **kwargs):
        if "x" in mode:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return opened(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    assert main(["new", "Bài mới", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert "chỉ cho đọc, không ghi được" in err and "bai-moi.md" in err and "Errno" not in err


def test_case15_each_system_error_is_said_in_vietnamese_with_its_path():
    from cchc.commands.disk import explain

    said = {
        code: explain(OSError(code, os.strerror(code), "/var/www/cchc.versions/.khoa"))
        for code in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.EMFILE)
    }
    assert said[errno.ENOSPC].startswith("Ổ đĩa đã đầy: không ghi được /var/www/cchc.versions/.khoa.")
    assert "chỉ cho đọc" in said[errno.EROFS]
    assert said[errno.EACCES] == said[errno.EPERM] and "Không có quyền ghi hoặc đọc" in said[errno.EACCES]
    assert "ổ đĩa có thể bị hỏng" in said[errno.EIO] and "Lỗi hệ thống (EMFILE)" in said[errno.EMFILE]
    assert all("/var/www/cchc.versions/.khoa" in text and "Errno" not in text for text in said.values())
    no_path = explain(OSError(errno.ENOSPC, "No space left on device"), Path("/var/www/cchc.versions"), 5 << 20)
    assert no_path.startswith(
        "Ổ đĩa đã đầy: không ghi được vào thư mục /var/www/cchc.versions. Việc này cần khoảng 5,0 MB"
    )


def test_portal_packages_stay_out_of_git():
    for name in ("portal-2026-03.zip", "portal-2026-03/README.txt"):
        found = subprocess.run(["git", "check-ignore", "-q", "--no-index", name], cwd=REPO)
        assert found.returncode == 0, f"{name} is not ignored by .gitignore"
