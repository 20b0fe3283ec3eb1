"""`cchc build`: the new site is built beside `site/` and swapped in whole.

MkDocs empties `site/` and writes it page by page: interrupted (`kill -9`, a full
disk, a hook failing late) it leaves a site without feeds or search. Here MkDocs
builds into a hidden folder beside it, and only a finished build replaces
`site/`, in one rename; until then the previous complete site stays in place.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from ..config.project import ProjectError, read_config
from . import disk


def build(args: list[str], mkdocs: Callable[[list[str]], int]) -> int:
    """`mkdocs build` with `args` (run by `mkdocs`), swapped in atomically; its exit code."""
    try:
        options, others = _options().parse_known_args(args)
    except argparse.ArgumentError:  # a malformed option: MkDocs says what is wrong with it (in Vietnamese)
        return mkdocs(["build", *args])
    target = None if options.dirty else _site_dir(options.config_file, options.site_dir)
    if target is None:  # `--dirty` updates the site in place, as asked; no readable config: MkDocs says why
        return mkdocs(["build", *args])
    config = ["--config-file", options.config_file] if options.config_file else []
    temp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        disk.clean_leftovers(target.parent, target.name)
        temp = disk.temp_beside(target)
        code = mkdocs(["build", *others, *config, "--site-dir", str(temp)])
        if code == 0:
            disk.swap_in(temp, target)
    except OSError as exc:
        both = (
            f"Trong lúc dựng, ổ đĩa cần chỗ cho cả trang cũ ({target}) lẫn trang mới; "
            f"nếu không đủ, có thể xóa trang cũ trước bằng lệnh rm -r '{target}'."
        )
        shown = {temp: target} if temp is not None else None
        kept = f"Trang cũ ở {target} được giữ nguyên."
        print(disk.explain(exc, target, disk.tree_size(target), both, shown, kept), file=sys.stderr)
        code = 1
    finally:
        if temp is not None and temp.is_dir():
            shutil.rmtree(temp, ignore_errors=True)
    return code


def _options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("-f", "--config-file")
    parser.add_argument("-d", "--site-dir")
    parser.add_argument("--dirty", action="store_true")
    return parser


def _site_dir(config_file: str | None, site_dir: str | None) -> Path | None:
    """Where MkDocs would write: `-d`, else `site_dir` of mkdocs.yml, both relative to its folder."""
    config = Path(config_file or "mkdocs.yml").absolute()
    try:
        raw = site_dir or read_config(config).get("site_dir") or "site"
    except ProjectError:
        return None
    target = config.parent / str(raw)
    # A link to the real site folder stays a link: the new site goes beside the folder it names.
    return target.resolve() if target.is_symlink() else target
