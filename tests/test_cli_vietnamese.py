"""Every line the real `cchc` command prints to an editor is Vietnamese: help, usage errors, MkDocs' lines."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import NOW_EPOCH, post, write_project, write_tree

CCHC = Path(sys.executable).with_name("cchc")  # the installed command, as editors run it
# Words of argparse's, click's and MkDocs' English lines (option names and paths are removed first).
ENGLISH = re.compile(
    r"\b(usage|error|invalid|choose|required|arguments?|positional|options?|show|message|exit|aborted|"
    r"server|appear|stuck|config|does|exist|building|documentation|built|seconds|cleaning|serving|"
    r"detected|changes|info|warning|traceback|exception|ignored|such|the|with)\b",
    re.I,
)


def english_lines(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        words = [w for w in line.split() if not w.lstrip("[(").startswith("-") and "/" not in w and "'" not in w]
        if ENGLISH.search(" ".join(words)):
            found.append(line)
    return found


def cchc(cwd, *args, **kwargs):
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "TZ": "UTC"}
    return subprocess.run([CCHC, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, **kwargs)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("du-an")
    write_tree(root, {"posts/a.md": post("Bài một"), "posts/b.md": post("Bài hai", date="hôm qua")})
    write_project(root)
    return root


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("-h",),
        ("buid",),
        ("new",),
        ("new", "-h"),
        ("build", "-h"),
        ("check", "--bogus"),
        ("portal",),
        ("publish", "-h"),
    ],
    ids=lambda args: " ".join(args) or "none",
)
def test_help_and_usage_errors_are_vietnamese(tmp_path, args):
    result = cchc(tmp_path, *args)
    assert result.stdout + result.stderr, "prints something"
    assert english_lines(result.stdout + result.stderr) == []
    if args in ((), ("buid",), ("new",)):
        assert result.returncode == 2 and "Cách dùng: cchc" in result.stderr


def test_help_names_the_commands_and_its_own_options(tmp_path):
    out = cchc(tmp_path, "-h").stdout
    assert "Các lệnh:" in out and "Tùy chọn:" in out and "hiện hướng dẫn này rồi thoát" in out
    assert 'không có "buid"; chọn một trong' in cchc(tmp_path, "buid").stderr


def test_outside_the_site_folder_says_where_to_run_it(tmp_path):
    for command in ("build", "serve", "check"):
        result = cchc(tmp_path, command)
        assert result.returncode == 1
        assert "Hãy chạy lệnh trong thư mục trang" in result.stderr
        assert english_lines(result.stderr) == []


def test_mkdocs_lines_of_a_failed_and_a_good_build_are_vietnamese(project):
    failed = cchc(project, "build")
    assert failed.returncode == 1
    assert "Đã dừng: trang chưa được dựng vì các lỗi ở trên." in failed.stderr
    assert english_lines(failed.stderr) == []
    for wrong in (["--bogus"], ["-f"], ["--site-dir"]):
        result = cchc(project, "build", *wrong)
        assert result.returncode == 2 and english_lines(result.stderr) == [], wrong
    write_tree(project, {"posts/b.md": post("Bài hai")})
    good = cchc(project, "build")
    assert good.returncode == 0, good.stderr
    assert "Đã dựng xong trong" in good.stderr and english_lines(good.stderr) == []


def test_check_into_a_closed_pipe_ends_without_a_traceback(project):
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH)}
    reader = subprocess.Popen([CCHC, "check"], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # `| head` that has read what it wanted
    _, err = reader.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err and b"Exception" not in err


def test_serve_speaks_vietnamese_in_the_units_time(tmp_path):
    write_tree(tmp_path, {"posts/a.md": post("Bài một")})
    write_project(tmp_path, watch=[])
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(NOW_EPOCH), "TZ": "UTC"}
    server = subprocess.Popen(
        [CCHC, "serve", "-a", "127.0.0.1:0"], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True, bufsize=1
    )
    lines = []

    def wait_for(text):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = server.stderr.readline()
            lines.append(line.rstrip("\n"))
            if text in line:
                return line
        raise AssertionError("\n".join(lines))

    try:
        before = time.gmtime().tm_hour
        serving = wait_for("Xem thử tại")
        # MkDocs stamps its lines with the local time: the unit's (+07:00), not the machine's UTC.
        stamp = re.search(r"\[(\d\d):\d\d:\d\d\]", serving)
        assert stamp and int(stamp[1]) in {(before + 7) % 24, (time.gmtime().tm_hour + 7) % 24}
        (tmp_path / "posts/a.md").write_text(post("Bài một", date="hôm qua"), encoding="utf-8")
        wait_for("Có lỗi khi dựng lại trang")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert english_lines("\n".join(lines)) == []
