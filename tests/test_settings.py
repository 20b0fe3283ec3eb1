from cchc.errors import Collector, Level
from cchc.settings import read_settings


def test_unknown_settings_keys_are_warnings_with_a_suggestion():
    problems = Collector()
    read_settings("Đơn vị", {"cchc": {"perpage": 5, "time_zone": "Asia/Bangkok"}}, problems)
    found = {p.key: p for p in problems.problems}
    assert set(found) == {"extra.cchc.perpage", "extra.cchc.time_zone"}
    assert all(p.level is Level.WARNING for p in found.values())
    assert "`per_page`" in found["extra.cchc.perpage"].message


def test_two_areas_with_one_key_are_an_error():
    problems = Collector()
    areas = [{"key": "the-che", "label": "Thể chế"}, {"key": "the-che", "label": "Thể chế 2"}]
    settings = read_settings("Đơn vị", {"cchc": {"areas": areas}}, problems)
    assert [a.label for a in settings.areas] == ["Thể chế"]
    (problem,) = problems.errors
    assert problem.key == "extra.cchc.areas" and '"the-che"' in problem.message
