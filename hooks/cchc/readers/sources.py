"""Editors' files on disk: a symbolic link must not publish what lies outside the project.

A link inside `posts/` or `docs/` pointing at `/etc/passwd` or at a folder of a
colleague's home would otherwise be read and published like any file.
"""

from __future__ import annotations

from pathlib import Path

from ..config import limits
from ..config.errors import Collector
from ..config.yamlsource import Located, YamlSyntaxError, parse
from ..text.vntext import nfc

LINK_OUT = (
    "Tệp là liên kết (symlink) trỏ ra ngoài thư mục của trang nên không được đăng; "
    "hãy chép tệp thật vào đây thay cho liên kết."
)


def leaves_project(path: Path, root: Path) -> bool:
    """True when `path`, followed through every link, lies outside the project folder `root`."""
    return not path.resolve().is_relative_to(root.resolve())


def read_editor_file(path: Path, source: str, limit: int, problems: Collector) -> str | None:
    """An editor's text file (UTF-8, NFC, at most `limit` bytes); `None`, with the reason reported, if unreadable."""
    try:
        return nfc(limits.read_text(path, limit))
    except limits.TooLarge as exc:
        problems.error(source, exc.message)
    except UnicodeDecodeError:
        problems.error(source, "Tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.")
    except OSError as exc:  # a broken link, a folder named .md, a file without read permission
        problems.error(source, f"Không đọc được tệp ({exc.strerror or exc}); hãy kiểm tra tệp còn đó và mở được.")
    return None


def read_yaml_file(path: Path, source: str, limit: int, problems: Collector, not_keys: str) -> Located | None:
    """An editor's YAML file (plans, procedures) whose top is a group of keys; `None`, with the reason reported.

    `not_keys`: the message when the file is YAML but not `key: value` lines.
    """
    text = read_editor_file(path, source, limit, problems)
    if text is None:
        return None
    try:
        doc = parse(text)
    except YamlSyntaxError as exc:
        problems.error(source, exc.message, line=exc.line)
        return None
    if not isinstance(doc.data, dict):
        problems.error(source, not_keys, line=1)
        return None
    return doc
