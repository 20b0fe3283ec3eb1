"""Writing folders so that no one ever sees them half made or half deleted, and disk errors in Vietnamese.

A folder is written under a hidden temporary name beside its final place and
swapped in by one rename; a folder is deleted by renaming it to a hidden name
first. A `kill -9` at any moment leaves the old folder or the new one under the
real name, never a part of either; what it leaves under a hidden name is removed
by the next run (`clean_leftovers`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
from pathlib import Path

_BUILDING = "dang-dung"  # ".<name>.dang-dung-<pid>-<token>": being written
_DELETING = "dang-xoa"  # ".<name>.dang-xoa-<pid>-<token>": being deleted


def temp_beside(target: Path) -> Path:
    """A fresh hidden name in `target`'s folder (same filesystem: the swap is a rename)."""
    return target.with_name(f".{target.name}.{_BUILDING}-{os.getpid()}-{secrets.token_hex(4)}")


def discard(path: Path) -> None:
    """Delete a folder: out of sight under a hidden name first, so it is gone whole or still whole."""
    trash = path.with_name(f".{path.name}.{_DELETING}-{os.getpid()}-{secrets.token_hex(4)}")
    os.rename(path, trash)
    shutil.rmtree(trash)


def clean_leftovers(folder: Path, name: str = "*") -> None:
    """Remove what an interrupted run left beside `name` (every name by default); live runs' are kept."""
    for kind in (_BUILDING, _DELETING):
        for leftover in folder.glob(f".{name}.{kind}-*"):
            pid = leftover.name.rsplit("-", 2)[-2]
            if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
                continue  # another build or publish is writing it now
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, run by another user
    return True


def swap_in(new: Path, target: Path) -> None:
    """Put the folder `new` (from `temp_beside(target)`) at `target`, then delete the folder it replaces."""
    if not target.exists() and not target.is_symlink():
        os.rename(new, target)
    elif exchange(new, target):
        shutil.rmtree(new)  # `new` now names the old folder, already out of sight
    else:
        aside = new.with_name(new.name.replace(_BUILDING, _DELETING, 1))
        os.rename(target, aside)  # `target` is missing until the next rename, a few microseconds
        os.rename(new, target)
        shutil.rmtree(aside)


def exchange(a: Path, b: Path) -> bool:
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


def tree_size(path: Path | None) -> int:
    """Bytes of the files under `path` (0 when it does not exist)."""
    if path is None or not path.is_dir():
        return 0
    total = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def human_size(size: int) -> str:
    """`12,3 MB`: Vietnamese decimal comma."""
    value, unit = float(size), "byte"
    for unit in ("byte", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            break
        value /= 1024
    text = f"{value:.0f}" if unit == "byte" else f"{value:.1f}".replace(".", ",")
    return f"{text} {unit}"


def explain(
    exc: OSError,
    where: Path | None = None,
    needed: int = 0,
    advice: str = "",
    shown: dict[Path, Path] | None = None,
    unchanged: str = "",
) -> str:
    """What a system error means for the editor, naming the path and what to do.

    `where`: the folder being written, named when the error does not say which file;
    `needed`: bytes the interrupted work needs (the previous build's size);
    `advice`: a sentence saying what can be deleted to make room;
    `shown`: temporary folder -> final one: paths are named as the editor knows them;
    `unchanged`: a sentence saying what stayed as it was.
    """
    names = [os.fsdecode(p) for p in (exc.filename, exc.filename2) if p is not None]
    for temp, final in (shown or {}).items():
        names = [n.replace(str(temp), str(final), 1) for n in names]
    path = " → ".join(names) or (f"vào thư mục {where}" if where else "(không rõ đường dẫn)")
    code = exc.errno
    if names and code in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        path = names[-1]  # of a copy, the file being written
    if code in (errno.ENOSPC, errno.EDQUOT):
        need = f" Việc này cần khoảng {human_size(needed)} trống (cỡ của bản dựng trước)." if needed else ""
        text = (
            f"Ổ đĩa đã đầy: không ghi được {path}.{need} Hãy giải phóng chỗ trống trên ổ đĩa đó "
            f"(xem bằng lệnh `df -h`) rồi chạy lại lệnh. {advice}"
        )
    elif code == errno.EROFS:
        text = (
            f"Ổ đĩa chứa {path} chỉ cho đọc, không ghi được. Ổ đĩa có thể đã bị hệ thống chuyển sang chỉ đọc "
            "vì lỗi: hãy báo người quản trị máy chủ, hoặc chọn một thư mục trên ổ đĩa khác."
        )
    elif code in (errno.EACCES, errno.EPERM):
        text = (
            f"Không có quyền ghi hoặc đọc {path}. Hãy chạy lệnh bằng tài khoản có quyền với thư mục đó "
            "(ví dụ tài khoản sở hữu thư mục xuất bản), hoặc nhờ người quản trị máy chủ cấp quyền."
        )
    elif code == errno.EIO:
        text = f"Lỗi đọc/ghi ổ đĩa ở {path}: ổ đĩa có thể bị hỏng. Hãy báo người quản trị máy chủ."
    else:
        text = f"Lỗi hệ thống ({errno.errorcode.get(code or 0, '?')}) với {path}: {exc.strerror or exc}."
    return " ".join(part for part in (text.strip(), unchanged) if part)


# --- Word import and report: files a command writes whole -------------------------------


class Exists(FileExistsError):
    """The target is there and the command was not told `--force`."""


def write_new(target: Path, data: bytes, force: bool) -> None:
    """Write `target` whole (temp file beside it, then one rename); refuse an existing file unless `force`."""
    if target.exists() and not force:
        raise Exists(target)
    temp = temp_beside(target)
    try:
        with temp.open("xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if not force and target.exists():  # created meanwhile: still not ours to replace
            raise Exists(target)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
