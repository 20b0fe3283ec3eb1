"""`cchc publish DEST`: swap a freshly built site in atomically, keep old ones for rollback.

Layout beside DEST (all on one filesystem, so every step is a rename):

    DEST -> DEST.versions/0007-20261123-140501/   (a symbolic link)
    DEST.versions/0005-…/  0006-…/  0007-…/       (the last 3 published sites)

The new site is built into a hidden folder of `DEST.versions/`; only when the
build succeeded is it renamed to its version name and DEST re-pointed by renaming
a new link over the old one (`rename(2)` is atomic: a web server resolving DEST
sees the old site or the new one, never a mix, never nothing). A failed build
removes its folder and leaves DEST as it was.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from .errors import Collector
from .project import open_project

KEEP = 3
_VERSION = re.compile(r"^(\d+)-")
_BUILDING = ".dang-dung-"  # unfinished builds: never a version, removed on the next run


class PublishError(Exception):
    """Nothing was changed; the message tells the editor why."""


@dataclass(frozen=True)
class Published:
    version: Path
    kept: list[Path]  # versions on disk after pruning, oldest first
    converted: Path | None = None  # the plain folder DEST was, now kept as a version


def main(dest: Path, config_file: Path, rollback_only: bool, build: Callable[[Path], int]) -> int:
    """`cchc publish [--rollback] DEST`: say what is online now; 1 with the reason when nothing changed."""
    try:
        if rollback_only:
            back_to = rollback(dest)
            print(f"Đã quay lại bản {back_to.name}; bản vừa gỡ xuống đã được xóa.")
            return 0
        project = open_project(config_file, Collector())
        if project is None:
            return 1
        if _absolute(dest) == _absolute(project.site_dir):
            raise PublishError(
                f"Không xuất bản vào {dest}: thư mục này bị `cchc build` ghi đè mỗi lần dựng. "
                "Hãy chọn thư mục mà máy chủ web phục vụ, ví dụ /var/www/cchc."
            )
        # Publishing turns DEST into a link and later deletes old versions: inside the
        # project (posts/, plans/, docs/ or the project itself) that would lose editors' files.
        root = _absolute(project.root).resolve()
        target = _absolute(dest).parent.resolve() / _absolute(dest).name
        if target == root or target.is_relative_to(root) or root.is_relative_to(target):
            raise PublishError(
                f"Không xuất bản vào {dest}: thư mục này nằm trong (hoặc chứa) thư mục của trang {project.root}, "
                "nơi có bài viết và kế hoạch. Hãy chọn thư mục mà máy chủ web phục vụ, ví dụ /var/www/cchc."
            )
        done = publish(dest, build)
    except PublishError as exc:
        print(exc, file=sys.stderr)
        return 1
    if done.converted:
        print(f"Thư mục cũ {dest} được giữ lại thành bản {done.converted.name} (có thể quay lại bằng --rollback).")
    print(f"Đã xuất bản bản {done.version.name} vào {dest}. Các bản đang giữ: {', '.join(v.name for v in done.kept)}.")
    return 0


def versions_dir(dest: Path) -> Path:
    return dest.parent / f"{dest.name}.versions"


def versions(dest: Path) -> list[Path]:
    """Published versions, oldest first (by their counter, not by the clock)."""
    folder = versions_dir(dest).resolve()  # comparable with current()
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _VERSION.match(p.name) and p.is_dir() and not p.is_symlink()]
    return sorted(found, key=_counter)


def current(dest: Path) -> Path | None:
    """The version DEST points to, or None when DEST is not (yet) managed by `cchc publish`."""
    if not dest.is_symlink():
        return None
    target = dest.resolve()
    return target if target.parent == versions_dir(dest).resolve() and _VERSION.match(target.name) else None


def publish(dest: Path, build: Callable[[Path], int], keep: int = KEEP) -> Published:
    """Build with `build(site_dir) -> exit code` and put the result online at `dest`.

    Raises PublishError (DEST untouched) when the build fails or DEST cannot be replaced.
    """
    dest = _absolute(dest)
    if not dest.parent.is_dir():
        raise PublishError(f"Thư mục {dest.parent} không tồn tại; hãy tạo nó trước khi xuất bản.")
    if (dest.exists() or dest.is_symlink()) and not (dest.is_dir() or dest.is_symlink()):
        raise PublishError(f"{dest} là một tệp, không phải thư mục; hãy chọn nơi xuất bản khác.")
    folder = versions_dir(dest)
    folder.mkdir(exist_ok=True)
    with _locked(folder):
        _remove_unfinished(folder)
        building = folder / f"{_BUILDING}{os.getpid()}-{secrets.token_hex(4)}"
        building.mkdir()  # not mkdtemp: its 0700 mode would hide the site from the web server
        try:
            code = build(building)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        if code != 0:
            shutil.rmtree(building, ignore_errors=True)
            raise PublishError(f"Dựng trang không thành công: {dest} vẫn giữ nguyên trang đang chạy.")
        plain_folder = dest.is_dir() and not dest.is_symlink()
        names = _next_names(folder)
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
                shutil.rmtree(version, ignore_errors=True)
            raise
        kept = _prune(dest, keep)
    return Published(version, kept, converted)


def rollback(dest: Path) -> Path:
    """Point DEST back at the version before the current one; the current one is removed.

    Removing it (as Capistrano's rollback does) means a later rollback never lands
    on the site that was just judged bad.
    """
    dest = _absolute(dest)
    folder = versions_dir(dest)
    if not folder.is_dir():
        raise PublishError(f"{dest} chưa được xuất bản bằng `cchc publish`: không có bản cũ để quay lại.")
    with _locked(folder):
        now = current(dest)
        if now is None:
            raise PublishError(f"{dest} không trỏ tới bản nào trong {folder.name}/: không biết quay lại bản nào.")
        older = [v for v in versions(dest) if _counter(v) < _counter(now)]
        if not older:
            raise PublishError(f"Không còn bản nào cũ hơn {now.name} để quay lại.")
        _point(dest, older[-1])
        shutil.rmtree(now)
    return older[-1]


def _point(dest: Path, version: Path) -> None:
    """Re-point DEST (a link, or nothing yet) at `version` in one rename."""
    link = _new_link(dest, version)
    try:
        os.replace(link, dest)
    finally:
        _discard(link)


def _convert(dest: Path, version: Path, keep_as: Path) -> None:
    """DEST is a plain folder (a site published by hand): make it a link, keep the folder as a version.

    A link cannot be renamed over a folder. Linux swaps the two atomically
    (renameat2 RENAME_EXCHANGE); elsewhere the folder is moved aside first and DEST
    is missing for the instant between two renames.
    """
    link = _new_link(dest, version)
    try:
        if _exchange(link, dest):
            os.rename(link, keep_as)  # `link` now names the old folder
        else:
            os.rename(dest, keep_as)
            os.replace(link, dest)
    except OSError as exc:
        if dest.is_symlink():
            raise
        raise PublishError(f"Không chuyển được thư mục {dest} thành liên kết: {exc}. Trang cũ giữ nguyên.") from exc
    finally:
        _discard(link)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False when the system cannot (then nothing changed)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _new_link(dest: Path, version: Path) -> Path:
    # Relative, so the folder holding DEST and its versions can be moved or mounted elsewhere.
    link = dest.parent / f".{dest.name}.lien-ket-{os.getpid()}-{secrets.token_hex(4)}"
    os.symlink(os.path.relpath(version, dest.parent), link)
    return link


def _discard(path: Path) -> None:
    if path.is_symlink():
        path.unlink()


def _prune(dest: Path, keep: int) -> list[Path]:
    """Keep the `keep` newest versions, and always the one DEST points to."""
    found = versions(dest)
    serving = current(dest)
    for old in found[: max(len(found) - keep, 0)]:
        if old != serving:
            shutil.rmtree(old)
    return versions(dest)


def _next_names(folder: Path) -> Iterator[str]:
    counters = [int(m.group(1)) for p in folder.iterdir() if (m := _VERSION.match(p.name))]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    n = max(counters, default=0)
    while True:
        n += 1
        yield f"{n:04d}-{stamp}"


def _counter(path: Path) -> int:
    found = _VERSION.match(path.name)
    return int(found.group(1)) if found else -1


def _remove_unfinished(folder: Path) -> None:
    for leftover in folder.glob(f"{_BUILDING}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _absolute(dest: Path) -> Path:
    # Not resolve(): DEST is the link itself, not the version it points to.
    return Path(os.path.abspath(dest))


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
