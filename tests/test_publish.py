"""`cchc publish`: the site online is always one complete build, old or new."""

import errno
import os
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cchc.commands import publish as pub
from cchc.commands.publish import PublishError, current, publish, rollback, versions
from conftest import REPO, post, write_project, write_tree

FILES = [f"trang-{i}.html" for i in range(40)]


def fake_build(mark, pause=0.0):
    """A build writing FILES, each naming its build, slowly when asked."""

    def build(site_dir):
        for name in FILES:
            (site_dir / name).write_text(mark, encoding="utf-8")
            time.sleep(pause)
        return 0

    return build


def failing_build(site_dir):
    (site_dir / "nua-chung.html").write_text("half", encoding="utf-8")
    return 1


def served(dest):
    """The build DEST shows, checking it is one complete build."""
    marks = {(dest / name).read_text(encoding="utf-8") for name in FILES}
    assert len(marks) == 1, marks
    return marks.pop()


def test_first_publish_makes_dest_a_link_to_a_version(tmp_path):
    dest = tmp_path / "www"
    done = publish(dest, fake_build("v1"))
    assert dest.is_symlink() and not os.path.isabs(os.readlink(dest))
    assert served(dest) == "v1"
    assert current(dest) == done.version.resolve()
    assert oct(done.version.stat().st_mode & 0o777) != oct(0o700)  # readable by the web server


def test_failed_build_leaves_dest_untouched(tmp_path):
    dest = tmp_path / "www"
    publish(dest, fake_build("v1"))
    before = (os.readlink(dest), versions(dest))
    with pytest.raises(PublishError, match="giữ nguyên"):
        publish(dest, failing_build)
    assert (os.readlink(dest), versions(dest)) == before
    assert served(dest) == "v1"
    assert sorted(p.name for p in pub.versions_dir(dest).iterdir()) == [".khoa", before[1][0].name]


def test_crashing_build_leaves_dest_untouched(tmp_path):
    dest = tmp_path / "www"
    publish(dest, fake_build("v1"))

    def crash(site_dir):
        (site_dir / "a.html").write_text("x", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        publish(dest, crash)
    assert served(dest) == "v1" and len(versions(dest)) == 1
    assert not list(pub.versions_dir(dest).glob(".*.dang-*"))


def test_readers_always_see_one_complete_build(tmp_path):
    dest = tmp_path / "www"
    publish(dest, fake_build("v1"))
    seen, stop, failures = [], threading.Event(), []

    def reader():
        # As a web server does for each request: resolve DEST, then read from what it named.
        while not stop.is_set():
            try:
                seen.append(served(Path(os.path.realpath(dest))))
            except Exception as exc:  # a missing DEST or a mixed build alike
                failures.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        publish(dest, fake_build("v2", pause=0.001))
        with pytest.raises(PublishError):
            publish(dest, failing_build)
        publish(dest, fake_build("v3", pause=0.001))
    finally:
        stop.set()
        thread.join()
    assert failures == [] and len(seen) > 10
    assert served(dest) == "v3"
    # Readers saw the old site during the first build, then newer ones: never a step back.
    order = [m for i, m in enumerate(seen) if i == 0 or seen[i - 1] != m]
    assert order[0] == "v1" and order == sorted(order) and set(order) <= {"v1", "v2", "v3"}


def test_keeps_the_last_three_versions(tmp_path):
    dest = tmp_path / "www"
    for n in range(1, 6):
        publish(dest, fake_build(f"v{n}"))
    kept = versions(dest)
    assert [served_from(v) for v in kept] == ["v3", "v4", "v5"]
    assert [v.name[:4] for v in kept] == ["0003", "0004", "0005"]


def served_from(folder):
    return (folder / FILES[0]).read_text(encoding="utf-8")


def test_rollback_goes_back_one_version_at_a_time(tmp_path):
    dest = tmp_path / "www"
    for n in range(1, 4):
        publish(dest, fake_build(f"v{n}"))
    rollback(dest)
    assert served(dest) == "v2"
    assert [served_from(v) for v in versions(dest)] == ["v1", "v2"]  # the bad one is gone
    publish(dest, fake_build("v4"))
    rollback(dest)
    assert served(dest) == "v2"  # not v3, removed by the first rollback
    rollback(dest)
    assert served(dest) == "v1"
    with pytest.raises(PublishError, match="Không còn bản nào cũ hơn"):
        rollback(dest)
    assert served(dest) == "v1"


def test_rollback_of_a_folder_never_published(tmp_path):
    (tmp_path / "www").mkdir()
    with pytest.raises(PublishError, match="chưa được xuất bản"):
        rollback(tmp_path / "www")


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_plain_folder_dest_is_kept_as_the_oldest_version(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(pub.disk, "exchange", lambda a, b: False)
    dest = tmp_path / "www"
    dest.mkdir()
    for name in FILES:
        (dest / name).write_text("tay", encoding="utf-8")
    missing, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            if not dest.exists():
                missing.append(time.monotonic())

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        done = publish(dest, fake_build("v1", pause=0.001))
    finally:
        stop.set()
        thread.join()
    if exchange:
        assert missing == []  # the two-renames fallback may leave DEST missing for an instant
    assert dest.is_symlink() and served(dest) == "v1"
    assert done.converted is not None and served_from(done.converted) == "tay"
    assert [v.name[:4] for v in versions(dest)] == ["0001", "0002"]
    rollback(dest)
    assert served(dest) == "tay"


def test_exchange_swaps_a_link_and_a_folder_atomically(tmp_path):
    folder, link = tmp_path / "folder", tmp_path / "link"
    folder.mkdir()
    (folder / "a").write_text("a", encoding="utf-8")
    link.symlink_to("elsewhere")
    if not pub.disk.exchange(link, folder):
        pytest.skip("no renameat2 on this system")
    assert folder.is_symlink() and os.readlink(folder) == "elsewhere"
    assert (link / "a").read_text(encoding="utf-8") == "a"


def test_dest_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "www").write_text("x", encoding="utf-8")
    with pytest.raises(PublishError, match="là một tệp"):
        publish(tmp_path / "www", fake_build("v1"))
    assert (tmp_path / "www").read_text(encoding="utf-8") == "x"


def test_one_publish_at_a_time(tmp_path):
    dest = tmp_path / "www"

    def build_while_another_publishes(site_dir):
        with pytest.raises(PublishError, match="đang chạy"):
            publish(dest, fake_build("v2"))
        return fake_build("v1")(site_dir)

    publish(dest, build_while_another_publishes)
    assert served(dest) == "v1" and len(versions(dest)) == 1


# End to end: the `cchc publish` command with a real build.


def cchc(root, *args):
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks"), "SOURCE_DATE_EPOCH": "1795410000"}
    return subprocess.run(
        [sys.executable, "-m", "cchc", *args], cwd=root, env=env, capture_output=True, text=True, timeout=180
    )


def test_publish_command_builds_swaps_and_rolls_back(tmp_path):
    project, dest = tmp_path / "du-an", tmp_path / "www"
    write_tree(project, {"posts/a.md": post("Bài một")})
    write_project(project)
    first = cchc(project, "publish", str(dest), "--strict")
    assert first.returncode == 0, first.stderr
    assert "Đã xuất bản bản 0001-" in first.stdout
    page = dest / "cchc/2026/03/bai-mot/index.html"
    assert page.is_file()

    # A broken post: the build's Vietnamese report, exit 1, the site online unchanged.
    write_tree(project, {"posts/b.md": post("Bài hai", date="hôm qua")})
    online = (os.readlink(dest), page.read_bytes())
    failed = cchc(project, "publish", str(dest))
    assert failed.returncode == 1
    assert "Không thể dựng trang: 1 lỗi trong 1 tệp." in failed.stderr and "posts/b.md" in failed.stderr
    assert "vẫn giữ nguyên trang đang chạy" in failed.stderr
    assert (os.readlink(dest), page.read_bytes()) == online
    assert len(versions(dest)) == 1

    write_tree(project, {"posts/b.md": post("Bài hai", date="2026-04-01")})
    assert cchc(project, "publish", str(dest)).returncode == 0
    assert (dest / "cchc/2026/04/bai-hai/index.html").is_file()
    back = cchc(project, "publish", "--rollback", str(dest))
    assert back.returncode == 0, back.stderr
    assert "Đã quay lại bản 0001-" in back.stdout
    assert not (dest / "cchc/2026/04/bai-hai/index.html").exists() and page.is_file()


def test_publish_refuses_the_build_folder(tmp_path):
    write_tree(tmp_path, {"posts/a.md": post("Bài một")})
    write_project(tmp_path)
    result = cchc(tmp_path, "publish", "site")
    assert result.returncode == 1
    assert "bị `cchc build` ghi đè" in result.stderr
    assert not (tmp_path / "site").exists() and not (tmp_path / "site.versions").exists()


def test_publish_refuses_folders_of_the_project(tmp_path):
    write_tree(tmp_path, {"posts/a.md": post("Bài một")})
    write_project(tmp_path)
    for dest in ("posts", ".", "docs/web", str(tmp_path.parent)):
        result = cchc(tmp_path, "publish", dest)
        assert result.returncode == 1, dest
        assert "nơi có bài viết và kế hoạch" in result.stderr
    assert (tmp_path / "posts/a.md").is_file() and not (tmp_path / "posts.versions").exists()


# Case 1: never delete what we did not make.


def test_case1_plain_dest_with_foreign_files_is_never_deleted(tmp_path):
    dest = tmp_path / "www"
    write_tree(dest, {"index.html": "tay", "uploads/quyet-dinh.pdf": b"%PDF-1.4 ban goc"})
    first = publish(dest, fake_build("v1"))
    for n in range(2, 7):
        done = publish(dest, fake_build(f"v{n}"))
    kept = first.converted
    assert (kept / "uploads/quyet-dinh.pdf").read_bytes() == b"%PDF-1.4 ban goc"
    assert done.foreign == (kept,)
    assert [served_from(v) for v in versions(dest) if v != kept] == ["v4", "v5", "v6"]  # ours are still pruned


def test_case1_rollback_away_from_a_folder_we_did_not_make_keeps_it(tmp_path):
    dest = tmp_path / "www"
    publish(dest, fake_build("v1"))
    dest.unlink()  # someone copies a site by hand over the link
    write_tree(dest, {"uploads/quyet-dinh.pdf": b"%PDF"})
    publish(dest, fake_build("v2"))
    rollback(dest)  # back to the hand-made folder; v2 (ours) is deleted
    back_to, kept = rollback(dest)
    assert served(dest) == "v1" and back_to == versions(dest)[0]
    assert kept.name.startswith("giu-lai-") and (kept / "uploads/quyet-dinh.pdf").read_bytes() == b"%PDF"
    assert [served_from(v) for v in versions(dest)] == ["v1"]  # out of the rollback chain, not deleted


def test_case1_command_says_how_to_remove_the_kept_folder(tmp_path, capsys):
    project, dest = tmp_path / "du-an", tmp_path / "www"
    project.mkdir()
    write_project(project)
    write_tree(dest, {"uploads/quyet-dinh.pdf": b"%PDF"})
    for mark in ("v1", "v2"):
        assert pub.main(dest, project / "mkdocs.yml", False, fake_build(mark)) == 0
    out = capsys.readouterr().out
    kept = versions(dest)[0]
    assert f"Bản {kept.name} có tệp không do `cchc publish` tạo" in out
    assert f"hãy tự xóa bằng lệnh: rm -r '{kept}'" in out


def test_case1_home_and_system_folders_are_refused(tmp_path, monkeypatch):
    home = tmp_path / "nha"
    write_tree(home, {"thu.txt": "riêng"})
    monkeypatch.setenv("HOME", str(home))

    def must_not_build(site_dir):
        pytest.fail("built into a refused folder")

    for dest in (home, Path("/"), Path("/root"), Path("/home/cchc"), Path("/etc"), Path("/usr/share/www")):
        with pytest.raises(PublishError, match="thư mục của hệ thống hoặc thư mục nhà"):
            publish(dest, must_not_build)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nha"] and (home / "thu.txt").is_file()


# Case 2: an interrupted delete never leaves a half version in reach.

KILLED = """
import os, shutil, signal, sys, time
from pathlib import Path
from cchc.commands import publish as pub

real_rmtree = shutil.rmtree


def half_then_die(path, *args, **kwargs):
    # Deletes half of a version's files, then the process dies as under `kill -9`.
    files = sorted(Path(path).glob("trang-*.html"))
    for f in files[: len(files) // 2]:
        f.unlink()
    os.kill(os.getpid(), signal.SIGKILL)


def build(site_dir):
    for i in range(40):
        (site_dir / f"trang-{i}.html").write_text("v4", encoding="utf-8")
    return 0


shutil.rmtree = half_then_die
dest = Path(sys.argv[2])
if sys.argv[1] == "rollback":
    pub.rollback(dest)
else:
    pub.publish(dest, build)
"""


def killed_midway(tmp_path, command, dest):
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks")}
    script = tmp_path / "giet.py"
    script.write_text(KILLED, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), command, str(dest)], env=env, capture_output=True, timeout=60)
    assert result.returncode == -9, result.stderr


def every_reachable_version_is_complete(dest):
    while True:
        served(dest)
        try:
            rollback(dest)
        except PublishError:
            return


@pytest.mark.parametrize("command", ["rollback", "prune"])
def test_case2_killed_delete_never_leaves_a_half_version_to_serve(tmp_path, command):
    dest = tmp_path / "www"
    for n in range(1, 4):
        publish(dest, fake_build(f"v{n}"))
    killed_midway(tmp_path, command, dest)
    for version in versions(dest):
        served(version)
    publish(dest, fake_build("v5"))  # the next run also clears what the killed one left
    assert not list(pub.versions_dir(dest).glob(".*.dang-*"))
    every_reachable_version_is_complete(dest)


# Case 17: old versions outside the folder readers can reach.


def test_case17_versions_inside_a_served_folder_are_refused_unless_placed_elsewhere(tmp_path, monkeypatch):
    web = tmp_path / "web"
    web.mkdir()
    nginx = tmp_path / "nginx.conf"
    nginx.write_text(f"server {{\n    server_name x;\n    root {web};\n}}\n", encoding="utf-8")
    monkeypatch.setattr(pub.webroots, "CONFIGS", (str(nginx),))
    monkeypatch.setattr(pub.webroots, "DEFAULT_ROOTS", ())
    dest = web / "cchc"
    with pytest.raises(PublishError) as refused:
        publish(dest, fake_build("v1"))
    assert f"nằm trong thư mục {web} mà máy chủ web phục vụ (theo cấu hình {nginx})" in str(refused.value)
    assert "qua địa chỉ /cchc.versions/" in str(refused.value) and "--versions-dir" in str(refused.value)
    assert sorted(p.name for p in web.iterdir()) == []

    outside = tmp_path / "ban-cu"
    first = publish(dest, fake_build("v1"), folder=outside)
    assert first.reachable is None and first.version.parent == outside
    publish(dest, fake_build("v2"))  # the place is remembered: DEST points into it
    assert [served_from(v) for v in versions(dest)] == ["v1", "v2"] and pub.versions_dir(dest) == outside
    assert sorted(p.name for p in web.iterdir()) == ["cchc"]
    rollback(dest)
    assert served(dest) == "v1"

    chosen = publish(dest, fake_build("v3"), folder=web / "cu")  # chosen inside: published, with a warning
    assert chosen.reachable is not None and chosen.reachable.url == "/cu/"


def test_case17_apache_and_caddy_roots_are_read(tmp_path, monkeypatch):
    apache, caddy = tmp_path / "apache.conf", tmp_path / "Caddyfile"
    apache.write_text('<VirtualHost *:80>\n  Alias /tai-lieu "/srv/tai-lieu"\n  DocumentRoot "/srv/web"\n', "utf-8")
    caddy.write_text("ttyt.example {\n    root * /srv/caddy\n    file_server\n}\n", encoding="utf-8")
    monkeypatch.setattr(pub.webroots, "CONFIGS", (str(apache), str(caddy)))
    assert [(s.root, s.source) for s in pub.webroots.served_roots()][-3:] == [
        (Path("/srv/tai-lieu"), f"theo cấu hình {apache}"),
        (Path("/srv/web"), f"theo cấu hình {apache}"),
        (Path("/srv/caddy"), f"theo cấu hình {caddy}"),
    ]
    assert pub.webroots.reachable(Path("/srv/web/cchc.versions")).url == "/cchc.versions/"
    assert pub.webroots.reachable(Path("/srv/cchc.versions")) is None


def test_case17_a_folder_holding_an_index_page_counts_as_served(tmp_path, monkeypatch):
    monkeypatch.setattr(pub.webroots, "CONFIGS", ())
    write_tree(tmp_path / "html", {"index.html": "<h1>Trang đơn vị</h1>"})
    with pytest.raises(PublishError, match="có tệp index.html"):
        publish(tmp_path / "html/cchc", fake_build("v1"))


# Issue 12: version folders are named in the unit's time.


def test_version_folders_are_named_in_the_units_local_time(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        hanoi = ZoneInfo("Asia/Ho_Chi_Minh")
        before = datetime.now(hanoi).strftime("%Y%m%d-%H%M%S")
        done = publish(tmp_path / "www", fake_build("v1"), tz=hanoi)
        after = datetime.now(hanoi).strftime("%Y%m%d-%H%M%S")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert before <= done.version.name[5:] <= after


# Case 15: system errors in Vietnamese.


def test_case15_full_disk_during_publish_says_what_to_free(tmp_path, capsys):
    project, dest = tmp_path / "du-an", tmp_path / "www"
    project.mkdir()
    write_project(project)
    for mark in ("v1", "v2"):
        assert pub.main(dest, project / "mkdocs.yml", False, fake_build(mark)) == 0
    capsys.readouterr()

    def full_disk(site_dir):
        raise OSError(errno.ENOSPC, "No space left on device", str(site_dir / "cchc/index.html"))

    assert pub.main(dest, project / "mkdocs.yml", False, full_disk) == 1
    err = capsys.readouterr().err
    assert "Ổ đĩa đã đầy: không ghi được " in err and "/cchc/index.html" in err
    size = pub.disk.human_size(pub.disk.tree_size(versions(dest)[-1]))
    assert f"cần khoảng {size} trống" in err
    old = versions(dest)[0].name
    assert f"Có thể xóa bớt các bản cũ không còn cần quay lại trong {pub.versions_dir(dest)}: {old}" in err
    assert "Errno" not in err and served(dest) == "v2"
