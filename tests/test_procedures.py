"""Procedures read as editors write them: the level forgiving, the online host checked (FORMATS.md §4)."""

import pytest

from cchc.config.errors import Collector
from cchc.config.settings import NATIONAL_PORTAL, Link, read_settings
from cchc.readers.procedures import is_service_portal, read_procedure


def _read(tmp_path, text):
    path = tmp_path / "thu-tuc.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Collector()
    return read_procedure(path, "procedures/thu-tuc.yaml", problems), problems


@pytest.mark.parametrize("written", ["toàn trình", "Toàn Trình", "TOAN TRINH", "toan  trinh", "DVC toàn trình"])
def test_level_ignores_case_marks_and_the_words_before_it(tmp_path, written):
    procedure, problems = _read(tmp_path, f"name: A\nlevel: {written}\n")
    assert procedure.level == "toàn trình" and problems.problems == []


@pytest.mark.parametrize(
    "url",
    [
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001234",
        "https://www.dichvucong.gov.vn/",
        "https://dichvucong.khanhhoa.gov.vn/thu-tuc/1.001234",
        "https://DichVuCong.HaNoi.gov.vn/",
        "https://dvc.quangninh.gov.vn/",
    ],
)
def test_public_service_portals(url):
    assert is_service_portal(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://dichvucong.gov.com.vn/",
        "https://dichvucong.gov.vn.evil.example/",
        "https://dichvuccong.gov.vn/",
        "https://dichvucong.khanhhoa.gov.vn.example.com/",
        "https://khanhhoa.gov.vn/",
        "https://a.b.dichvucong.example.gov.vn/",
        "https://[broken",
    ],
)
def test_other_hosts_are_not_portals(url):
    assert not is_service_portal(url)


def test_links_default_to_the_national_portal_and_are_checked():
    assert read_settings("Đơn vị", {}, Collector()).links == (NATIONAL_PORTAL,)
    problems = Collector()
    links = [
        {"label": "Cổng tỉnh", "url": "https://dichvucong.khanhhoa.gov.vn/"},
        {"label": "", "url": "https://a.gov.vn/"},
        {"label": "Sai", "url": "javascript:alert(1)"},
        "https://b.gov.vn/",
        {"label": "Thừa khóa", "url": "https://c.gov.vn/", "title": "x"},
    ]
    settings = read_settings("Đơn vị", {"cchc": {"links": links}}, problems)
    assert settings.links == (
        Link("Cổng tỉnh", "https://dichvucong.khanhhoa.gov.vn/"),
        Link("Thừa khóa", "https://c.gov.vn/"),
    )
    assert [(p.key, p.level.name) for p in problems.problems] == [
        ("extra.cchc.links[1].label", "ERROR"),
        ("extra.cchc.links[2].url", "ERROR"),
        ("extra.cchc.links[3]", "ERROR"),
        ("extra.cchc.links[4].title", "WARNING"),
    ]
    assert read_settings("Đơn vị", {"cchc": {"links": []}}, Collector()).links == ()


def test_an_odd_online_host_fails_only_a_strict_check(tmp_path, now_epoch):
    from cchc.commands.check import check_project
    from cchc.config.clock import build_now
    from cchc.config.project import load_project
    from conftest import write_project, write_tree

    write_project(tmp_path)
    write_tree(tmp_path, {"procedures/a.yaml": "name: A\nonline: https://dichvucong.gov.com.vn/1.000001\n"})
    for strict in (False, True):
        problems = Collector()
        result = check_project(load_project(tmp_path / "mkdocs.yml", problems), problems, build_now(), strict)
        assert [p.key for p in result.warnings] == ["online"] and result.errors == []
        assert result.ok is not strict
