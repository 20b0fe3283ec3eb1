"""`cchc publish DEST`: swap a freshly built site in atomically, keep old ones for rollback.

Layout (by default beside DEST; `--versions-dir` puts the versions elsewhere):

    DEST -> DEST.versions/0007-20261123-140501/   (a symbolic link)
    DEST.versions/0005-…/  0006-…/  0007-…/       (the last 3 published sites)

The new site is built into a hidden folder of the versions folder; only when the
build succeeded is it marked as ours, renamed to its version name and DEST
re-pointed by renaming a new link over the old one (`rename(2)` is atomic: a web
server resolving DEST sees the old site or the new one, never a mix, never
nothing). A failed build removes its folder and leaves DEST as it was.

Only folders carrying our mark are ever deleted, and each by renaming it out of
the version set first: a `kill -9` never leaves a half-deleted version that DEST
or a rollback could point at.
"""

from __future__ import annotations

import fcntl
import os
import pwd
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from ..config.errors import Collector
from ..config.project import open_project
from . import disk, webroots

KEEP = 3
MARK = ".cchc-xuat-ban"  # inside each version we made: only these are ever deleted
_VERSION = re.compile(r"^(\d+)-")
_KEPT = "giu-lai-"  # a version we did not make, taken out of the rollback chain but not deleted
# Folders no site belongs in: publishing there would move the system's or a user's files aside.
_SYSTEM = ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/sbin", "/sys", "/usr")
_TOP = ("/", "/home", "/media", "/mnt", "/opt", "/root", "/run", "/snap", "/srv", "/tmp", "/var")


class PublishError(Exception):
    """Nothing was changed; the message tells the editor why."""


@dataclass(frozen=True)
class Published:
    version: Path
    kept: list[Path]  # versions on disk after pruning, oldest first
    converted: Path | None = None  # the plain folder DEST was, now kept as a version
    foreign: tuple[Path, ...] = ()  # versions we did not make: never deleted by us
    reachable: webroots.Served | None = None  # the served folder the versions are inside


def main(
    dest: Path,
    config_file: Path,
    rollback_only: bool,
    build: Callable[[Path], int],
    folder: Path | None = None,
) -> int:
    """`cchc publish [--rollback] DEST`: say what is online now; 1 with the reason when nothing changed."""
    try:
        try:
            return _run(dest, config_file, rollback_only, build, folder)
        except OSError as exc:
            online, where = current(_absolute(dest)), folder or versions_dir(_absolute(dest))
            room = _freeable(where, online)
            kept = f"Trang đang chạy ở {dest} được giữ nguyên."
            raise PublishError(disk.explain(exc, where, disk.tree_size(online), room, unchanged=kept)) from exc
    except PublishError as exc:
        print(exc, file=sys.stderr)
        return 1


def _run(dest: Path, config_file: Path, rollback_only: bool, build: Callable[[Path], int], folder: Path | None) -> int:
    if rollback_only:
        back_to, kept = rollback(dest)
        if kept is None:
            print(f"Đã quay lại bản {back_to.name}; bản vừa gỡ xuống đã được xóa.")
        else:
            print(
                f"Đã quay lại bản {back_to.name}. Bản vừa gỡ xuống không do `cchc publish` tạo nên không bị xóa: "
                f"nó được giữ ở {kept}; khi không cần nữa, hãy xóa bằng lệnh: rm -r '{kept}'"
            )
        return 0
    _refuse_unsafe(_absolute(dest))  # before reading the project: `/` is refused for what it is
    project = open_project(config_file, Collector())
    if project is None:
        return 1
    if _absolute(dest) == _absolute(project.site_dir):
        raise PublishError(
            f"Không xuất bản vào {dest}: thư mục này bị `cchc build` ghi đè mỗi lần dựng. "
            "Hãy chọn thư mục mà máy chủ web phục vụ, ví dụ /var/www/cchc."
        )
    # Publishing turns DEST into a link and moves a plain folder aside: inside the
    # project (posts/, plans/, docs/ or the project itself) that would lose editors' files.
    root = _absolute(project.root).resolve()
    for target in (dest, folder):
        if target is not None and _inside_or_around(_real(target), root):
            raise PublishError(
                f"Không xuất bản vào {target}: thư mục này nằm trong (hoặc chứa) thư mục của trang {project.root}, "
                "nơi có bài viết và kế hoạch. Hãy chọn thư mục mà máy chủ web phục vụ, ví dụ /var/www/cchc."
            )
    done = publish(dest, build, folder=folder, tz=project.settings.timezone)
    if done.converted:
        print(f"Thư mục cũ {dest} được giữ lại thành bản {done.converted.name} (có thể quay lại bằng --rollback).")
    print(f"Đã xuất bản bản {done.version.name} vào {dest}. Các bản đang giữ: {', '.join(v.name for v in done.kept)}.")
    for version in done.foreign:
        print(
            f"Bản {version.name} có tệp không do `cchc publish` tạo (thư mục chép tay trước đây): lệnh không bao giờ "
            f"tự xóa nó. Khi không cần quay lại bản này nữa, hãy tự xóa bằng lệnh: rm -r '{version}'"
        )
    if done.reachable:
        print(f"Cảnh báo: {_reachable_text(versions_dir(_absolute(dest)), done.reachable)}", file=sys.stderr)
    return 0


def versions_dir(dest: Path) -> Path:
    """Where DEST's versions are: the folder of the version it points to, else `DEST.versions` beside it."""
    now = current(dest)
    return now.parent if now is not None else dest.parent / f"{dest.name}.versions"


def versions(dest: Path) -> list[Path]:
    """Published versions, oldest first (by their counter, not by the clock)."""
    return _versions_in(versions_dir(dest).resolve())  # resolved: comparable with current()


def _versions_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _VERSION.match(p.name) and p.is_dir() and not p.is_symlink()]
    return sorted(found, key=_counter)


def current(dest: Path) -> Path | None:
    """The version DEST points to, or None when DEST is not (yet) managed by `cchc publish`."""
    if not dest.is_symlink():
        return None
    target = dest.resolve()
    return target if _VERSION.match(target.name) and target.is_dir() else None


def ours(version: Path) -> bool:
    return (version / MARK).is_file()


def publish(
    dest: Path,
    build: Callable[[Path], int],
    keep: int = KEEP,
    folder: Path | None = None,
    tz: tzinfo = UTC,
) -> Published:
    """Build with `build(site_dir) -> exit code` and put the result online at `dest`.

    `folder` holds the versions (default: where DEST's versions already are).
    Raises PublishError (DEST untouched) when the build fails or DEST cannot be replaced.
    """
    dest, folder, reachable = _places(dest, folder)
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        disk.clean_leftovers(folder)
        disk.clean_leftovers(dest.parent, dest.name)  # links of an interrupted re-pointing
        building = disk.temp_beside(folder / "ban-moi")
        building.mkdir()  # not mkdtemp: its 0700 mode would hide the site from the web server
        try:
            code = build(building)
            if code == 0:
                (building / MARK).write_text("Bản do `cchc publish` tạo; lệnh tự xóa bản này khi nó đã cũ.\n")
        except BaseException:
            disk.discard(building)
            raise
        if code != 0:
            disk.discard(building)
            raise PublishError(f"Dựng trang không thành công: {dest} vẫn giữ nguyên trang đang chạy.")
        plain_folder = dest.is_dir() and not dest.is_symlink()
        names = _next_names(folder, datetime.now(tz))
        converted = folder / next(names) if plain_folder else None
        version = folder / next(names)
        os.rename(building, version)
        try:
            if converted is not None:
                _convert(dest, version, converted)
            else:
                _point(dest, version)
        except BaseException:
            if current(dest) != version.resolve():
                disk.discard(version)
            raise
        kept = _prune(folder.resolve(), version.resolve(), keep)
    foreign = tuple(v for v in kept if not ours(v))
    return Published(version, kept, converted, foreign, reachable)


def _places(dest: Path, folder: Path | None) -> tuple[Path, Path, webroots.Served | None]:
    """DEST and the versions folder, absolute and checked; the served folder the versions would be in."""
    dest = _absolute(dest)
    _refuse_unsafe(dest)
    if not dest.parent.is_dir():
        raise PublishError(f"Thư mục {dest.parent} không tồn tại; hãy tạo nó trước khi xuất bản.")
    if (dest.exists() or dest.is_symlink()) and not (dest.is_dir() or dest.is_symlink()):
        raise PublishError(f"{dest} là một tệp, không phải thư mục; hãy chọn nơi xuất bản khác.")
    chosen = folder is not None
    folder = _absolute(folder) if folder is not None else versions_dir(dest)
    _refuse_unsafe(folder)
    if _inside_or_around(_real(folder), _real(dest)):
        raise PublishError(f"Thư mục giữ bản cũ {folder} không được nằm trong (hoặc chứa) {dest}.")
    reachable = webroots.reachable(folder)
    if reachable and not chosen:
        raise PublishError(f"Không xuất bản vào {dest}: {_reachable_text(folder, reachable)}{_choose_elsewhere(dest)}")
    return dest, folder, reachable


def rollback(dest: Path) -> tuple[Path, Path | None]:
    """Point DEST back at the version before the current one; the current one is removed.

    Removing it (as Capistrano's rollback does) means a later rollback never lands
    on the site that was just judged bad. A version we did not make is only renamed
    out of the version set. Returns the version now online and where such a one is kept.
    """
    dest = _absolute(dest)
    now = current(dest)
    if now is None:
        if dest.parent.joinpath(f"{dest.name}.versions").is_dir():
            raise PublishError(f"{dest} không trỏ tới bản nào đã xuất bản: không biết quay lại bản nào.")
        raise PublishError(f"{dest} chưa được xuất bản bằng `cchc publish`: không có bản cũ để quay lại.")
    folder = now.parent
    with _locked(folder):
        disk.clean_leftovers(folder)
        older = [v for v in _versions_in(folder) if _counter(v) < _counter(now)]
        if not older:
            raise PublishError(f"Không còn bản nào cũ hơn {now.name} để quay lại.")
        _point(dest, older[-1])
        if ours(now):
            disk.discard(now)
            return older[-1], None
        kept = folder / f"{_KEPT}{now.name}"
        os.rename(now, kept)
    return older[-1], kept


def _point(dest: Path, version: Path) -> None:
    """Re-point DEST (a link, or nothing yet) at `version` in one rename."""
    link = _new_link(dest, version)
    try:
        os.replace(link, dest)
    finally:
        _discard_link(link)


def _convert(dest: Path, version: Path, keep_as: Path) -> None:
    """DEST is a plain folder (a site published by hand): make it a link, keep the folder as a version.

    A link cannot be renamed over a folder. Linux swaps the two atomically
    (renameat2 RENAME_EXCHANGE); elsewhere the folder is moved aside first and DEST
    is missing for the instant between two renames. The folder carries no mark of
    ours, so it is never deleted by pruning.
    """
    link = _new_link(dest, version)
    try:
        if disk.exchange(link, dest):
            os.rename(link, keep_as)  # `link` now names the old folder
        else:
            os.rename(dest, keep_as)
            os.replace(link, dest)
    except OSError as exc:
        if dest.is_symlink():
            raise
        raise PublishError(
            f"Không chuyển được thư mục {dest} vào {keep_as.parent} để thành bản cũ: {disk.explain(exc)} "
            f"Hãy tự chuyển thư mục {dest} đi nơi khác (ví dụ: mv '{dest}' '{dest}.cu') rồi xuất bản lại."
        ) from exc
    finally:
        _discard_link(link)


def _new_link(dest: Path, version: Path) -> Path:
    # Relative, so the folder holding DEST and its versions can be moved or mounted elsewhere.
    link = disk.temp_beside(dest)
    os.symlink(os.path.relpath(version, dest.parent), link)
    return link


def _discard_link(path: Path) -> None:
    if path.is_symlink():
        path.unlink()


def _prune(folder: Path, serving: Path, keep: int) -> list[Path]:
    """Keep the `keep` newest versions we made, and always the one DEST points to."""
    made = [v for v in _versions_in(folder) if ours(v)]
    for old in made[: max(len(made) - keep, 0)]:
        if old != serving:
            disk.discard(old)
    return _versions_in(folder)


def _freeable(folder: Path, online: Path | None) -> str:
    """The old versions an editor may delete to make room, with their size."""
    old = [v for v in _versions_in(folder) if v != online]
    if not old:
        return ""
    listed = ", ".join(f"{v.name} ({disk.human_size(disk.tree_size(v))})" for v in old)
    return f"Có thể xóa bớt các bản cũ không còn cần quay lại trong {folder}: {listed}, bằng lệnh rm -r."


def _reachable_text(folder: Path, served: webroots.Served) -> str:
    return (
        f"các bản cũ ở {folder} nằm trong thư mục {served.root} mà máy chủ web phục vụ ({served.source}): "
        f"người đọc vẫn xem được các bài đã gỡ qua địa chỉ {served.url}."
    )


def _choose_elsewhere(dest: Path) -> str:
    return (
        " Hãy chọn nơi giữ bản cũ ở ngoài thư mục đó, ví dụ: "
        f"cchc publish {dest} --versions-dir /var/lib/cchc/{dest.name}.versions "
        "(chỉ cần ghi ở lần đầu; các lần sau lệnh tự dùng lại nơi này)."
    )


def _refuse_unsafe(path: Path) -> None:
    """`/`, a home folder or a system folder: surely a typing mistake, refused before anything moves."""
    real = _real(path)
    homes = {Path(os.path.expanduser("~"))} | {Path(user.pw_dir) for user in pwd.getpwall()}
    system = any(real == Path(s) or real.is_relative_to(s) for s in _SYSTEM)
    top = real in {Path(t) for t in _TOP} or real.parent == Path("/home")
    var = real.parent == Path("/var") and real.name != "www"
    if system or top or var or real in homes or any(home.is_relative_to(real) for home in homes if home != Path("/")):
        raise PublishError(
            f"Không xuất bản vào {path}: đây là thư mục của hệ thống hoặc thư mục nhà của người dùng, "
            "lệnh sẽ chuyển các tệp trong đó đi chỗ khác. Hãy chọn một thư mục riêng cho trang, ví dụ /var/www/cchc."
        )


def _inside_or_around(a: Path, b: Path) -> bool:
    return a.is_relative_to(b) or b.is_relative_to(a)


def _next_names(folder: Path, now: datetime) -> Iterator[str]:
    counters = [int(m.group(1)) for p in folder.iterdir() if (m := _VERSION.match(p.name))]
    stamp = now.strftime("%Y%m%d-%H%M%S")
    n = max(counters, default=0)
    while True:
        n += 1
        yield f"{n:04d}-{stamp}"


def _counter(path: Path) -> int:
    found = _VERSION.match(path.name)
    return int(found.group(1)) if found else -1


def _absolute(dest: Path) -> Path:
    # Not resolve(): DEST is the link itself, not the version it points to.
    return Path(os.path.abspath(dest))


def _real(path: Path) -> Path:
    """The folder's real place, without following `path` itself when it is a link."""
    path = _absolute(path)
    return path.parent.resolve() / path.name if path.name else path


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One publish or rollback at a time per DEST (two editors pressing the button together)."""
    with (folder / ".khoa").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"Một lần xuất bản khác vào {folder.name} đang chạy; hãy đợi nó xong.") from None
        try:
            yield
        finally:
            with suppress(OSError):
                fcntl.flock(lock, fcntl.LOCK_UN)
