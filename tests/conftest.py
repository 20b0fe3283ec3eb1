"""Shared fixtures: build a real site from given posts into a temp dir."""

from __future__ import annotations

import io
import logging
import os
import sys
import textwrap
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
import yaml
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# 2026-11-23 12:00 +07:00: the fixed "now" of the tests.
NOW_EPOCH = 1795410000


def site_config(root: Path, **overrides) -> dict:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(
        {
            "docs_dir": str(root / "docs"),
            "site_dir": str(root / "site"),
            "hooks": [str(REPO / "hooks" / "cchc_hooks.py")],
            "watch": [],
        }
    )
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config.update(overrides)
    return config


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def write_project(root: Path, **overrides) -> Path:
    """mkdocs.yml (the repository's, pointing at its hooks and templates) and the nav's pages."""
    (root / "docs").mkdir(exist_ok=True)
    for name in ("index.md", "gioi-thieu.md"):
        if not (root / "docs" / name).exists():
            (root / "docs" / name).write_text(f"# {name}\n", encoding="utf-8")
    config_path = root / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(site_config(root, **overrides), allow_unicode=True), encoding="utf-8")
    return config_path


def run_build(root: Path, *, strict: bool = False, command: str = "build", **overrides) -> Path:
    """Build `root` (posts/, plans/, docs/) like `mkdocs build`; returns the site dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(write_project(root, **overrides)), strict=strict)
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def build_at_now(root: Path, **kwargs) -> Path:
    """`run_build` with SOURCE_DATE_EPOCH fixed, for module-scoped fixtures (no `monkeypatch`)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
        return run_build(root, **kwargs)


@pytest.fixture
def now_epoch(monkeypatch) -> int:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
    return NOW_EPOCH


@pytest.fixture
def site(tmp_path: Path, now_epoch) -> Callable[..., Path]:
    """`site({"posts/a.md": "..."})` builds those files and returns the site dir."""

    def make(files: dict[str, str | bytes], **kwargs) -> Path:
        write_tree(tmp_path, files)
        return run_build(tmp_path, **kwargs)

    return make


def post(title: str = "Bài viết", date: str = "2026-03-12 08:30", body: str = "Nội dung bài.", **meta) -> str:
    """A post file's text; extra front matter keys as keyword arguments."""
    fields = {"title": title, "date": date, "categories": meta.pop("categories", ["the-che"]), **meta}
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{body}\n"


if TYPE_CHECKING:
    from cchc.readers.posts import Post


def make_post(when: str, slug: str = "bai", **fields) -> Post:
    """A `Post` without a file, for unit tests; `when` is local time in Vietnam."""
    from cchc.config.settings import DEFAULT_AREAS
    from cchc.readers.posts import Post

    moment = datetime.fromisoformat(when).replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    values = {"title": slug, "areas": DEFAULT_AREAS[:1], "body": "", "lines": {"date": 3, "portal": 5}, **fields}
    return Post(
        source=f"posts/{slug}.md", path=Path(f"/x/posts/{slug}.md"), date=moment, local=moment, slug=slug, **values
    )


def png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


# A post body with everything a sanitiser must stop, and text it must keep.
HOSTILE_BODY = """Đoạn mở đầu có <b onmouseover="alert(0)">chữ đậm</b>\x01 và ký tự\x0b lạ.

<script>alert("xss")</script>
<style>body { display: none }</style>
<iframe src="https://evil.example/"></iframe>

<img src="anh/bia.png" onerror="alert(1)" alt="ảnh">

[liên kết độc](javascript:alert(2)) và <a href="JaVaScRiPt:alert(3)">liên kết hoa thường</a>,
<a href="../../../linh-vuc/the-che/">lĩnh vực</a>, ký tự điều khiển &#1;&#x1b; dán từ Word.

<p onclick="steal()" style="position:fixed">Đoạn cuối.</p>
"""


def engine_loggers() -> list[logging.Logger]:
    """Where the build logs: `mkdocs` (our hooks, Material) and, under ProperDocs, `properdocs` (the engine)."""
    import mkdocs

    return [logging.getLogger(name) for name in sorted({"mkdocs", mkdocs.__name__})]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_log(root: Path, **kwargs) -> tuple[set[tuple[str, str]], set[str]]:
    """A build's (errors, warnings) as an editor reads them: every error line under its file, and
    every warning MkDocs or our hooks log (SOURCE_DATE_EPOCH fixed). For `cchc check` parity tests."""
    from mkdocs.exceptions import Abort

    handler = _Records()
    loggers = engine_loggers()
    for logger in loggers:
        logger.addHandler(handler)
    try:
        build_at_now(root, **kwargs)
    except Abort:
        pass
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    errors, current = set(), None
    for record in (r for r in handler.records if r.levelno >= logging.ERROR):
        for line in record.getMessage().splitlines()[1:-1]:  # our report: heading, files, closing line
            if line.startswith("    - "):
                errors.add((current, line[6:]))
            else:
                current = line.strip()
    return errors, {r.getMessage() for r in handler.records if r.levelno == logging.WARNING}


def check_log(root: Path) -> tuple[set[tuple[str, str]], set[str]]:
    """`cchc check` of `root` (its function, SOURCE_DATE_EPOCH fixed), in the terms of `build_log`."""
    from cchc.commands.check import check_project
    from cchc.config.clock import build_now
    from cchc.config.errors import Collector, describe
    from cchc.config.project import load_project

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
        problems = Collector()
        result = check_project(load_project(root / "mkdocs.yml", problems), problems, build_now())
    return {(p.file, describe(p)) for p in result.errors}, {str(p) for p in result.warnings}
