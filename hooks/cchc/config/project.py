"""The project as the editors' commands see it: mkdocs.yml read without MkDocs.

`cchc new` and `cchc check` need the unit's settings and the project folder, but
not a build: they read mkdocs.yml with PyYAML and hand `extra` to the same
`read_settings` the build uses, so both see the same settings.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from .errors import Collector
from .settings import CONFIG_FILE, Settings, read_settings


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of mkdocs.yml: posts/ and plans/ are read from here
    config_file: Path
    settings: Settings
    site_dir: Path  # where `cchc build` writes
    docs_dir: str = "docs"  # hand-written pages, relative to root
    theme_files: frozenset[str] = frozenset()  # `extra_css`, `extra_javascript`: published from docs/


class ProjectError(Exception):
    """mkdocs.yml is missing or unreadable: nothing else can be checked."""


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads MkDocs' own tags instead of refusing the file."""


def _any_tag(loader: _TolerantLoader, suffix: str, node: yaml.Node) -> object:
    # `!!python/name:material.extensions.emoji.twemoji` and the like: only MkDocs
    # needs their value; the settings we read never use them.
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    assert isinstance(node, yaml.ScalarNode), "YAML has no other kind of node"
    return loader.construct_scalar(node)


# `!ENV VAR` / `!ENV [VAR, default]`, read as MkDocs reads it (its own dependency).
_TolerantLoader.add_constructor("!ENV", construct_env_tag)
_TolerantLoader.add_multi_constructor("", _any_tag)


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProjectError(
            f"Không tìm thấy {config_file}. Hãy chạy lệnh trong thư mục trang (nơi có tệp {CONFIG_FILE})."
        ) from None
    try:
        config = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ProjectError(f"Không đọc được {config_file}: {exc}") from None
    if not isinstance(config, dict):
        raise ProjectError(f"{config_file} phải là các dòng `khóa: giá trị`.")
    return config


def load_project(config_file: Path, problems: Collector) -> Project:
    """The project of `config_file`; settings problems go to `problems` like in a build."""
    config_file = config_file.absolute()
    config = read_config(config_file)
    extra = config.get("extra") or {}
    settings = read_settings(
        str(config.get("site_name") or ""),
        extra if isinstance(extra, dict) else {},
        problems,
        str(config.get("site_url") or ""),
    )
    root = config_file.parent
    site_dir = root / str(config.get("site_dir") or "site")
    theme_files = [*(config.get("extra_css") or []), *(config.get("extra_javascript") or [])]
    named = frozenset(str(f.get("path") if isinstance(f, dict) else f) for f in theme_files)
    return Project(root, config_file, settings, site_dir, str(config.get("docs_dir") or "docs"), named)


def open_project(config_file: Path, problems: Collector) -> Project | None:
    """`load_project` for a command: the reason is printed when there is no project to work on."""
    try:
        return load_project(config_file, problems)
    except ProjectError as exc:
        print(exc, file=sys.stderr)
        return None
