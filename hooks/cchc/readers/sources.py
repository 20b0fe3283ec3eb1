"""Editors' files on disk: a symbolic link must not publish what lies outside the project.

A link inside `posts/` or `docs/` pointing at `/etc/passwd` or at a folder of a
colleague's home would otherwise be read and published like any file.
"""

from __future__ import annotations

from pathlib import Path

LINK_OUT = (
    "Tệp là liên kết (symlink) trỏ ra ngoài thư mục của trang nên không được đăng; "
    "hãy chép tệp thật vào đây thay cho liên kết."
)


def leaves_project(path: Path, root: Path) -> bool:
    """True when `path`, followed through every link, lies outside the project folder `root`."""
    return not path.resolve().is_relative_to(root.resolve())
