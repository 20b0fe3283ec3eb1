"""mkdocs.yml as the editors' commands read it: without MkDocs, tolerant of its tags."""

import pytest

from cchc.config.errors import Collector
from cchc.config.project import ProjectError, load_project


def test_reads_settings_despite_mkdocs_tags(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_UNIT", "Bệnh viện Thử")
    (tmp_path / "mkdocs.yml").write_text(
        """
site_name: Trang thử
site_dir: !ENV [CCHC_SITE_DIR, public]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.snippets:
      base_path: !relative $config_dir
extra:
  cchc:
    unit: !ENV CCHC_UNIT
    per_page: 5
""",
        encoding="utf-8",
    )
    problems = Collector()
    project = load_project(tmp_path / "mkdocs.yml", problems)
    assert problems.problems == []
    assert project.root == tmp_path
    assert project.settings.unit == "Bệnh viện Thử"
    assert project.settings.per_page == 5
    assert project.site_dir == tmp_path / "public"


def test_settings_problems_are_collected_like_the_build(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n  cchc:\n    per_page: 0\n", encoding="utf-8")
    problems = Collector()
    load_project(tmp_path / "mkdocs.yml", problems)
    assert [p.key for p in problems.errors] == ["extra.cchc.per_page"]


def test_missing_config_says_where_to_run(tmp_path):
    with pytest.raises(ProjectError, match="mkdocs.yml"):
        load_project(tmp_path / "mkdocs.yml", Collector())
