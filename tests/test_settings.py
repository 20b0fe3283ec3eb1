from cchc.config.errors import Collector, Level
from cchc.config.settings import read_settings


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


def test_contact_is_read_as_text_for_the_footer():
    problems = Collector()
    contact = {"parent": "Sở  Y tế\ntỉnh Mẫu", "phone": "0258 3000 000", "email": "a@b.gov.vn", "feedback": "https://x.vn/gop-y"}
    settings = read_settings("Đơn vị", {"cchc": {"contact": contact}}, problems)
    assert problems.problems == []
    assert settings.contact.parent == "Sở Y tế tỉnh Mẫu" and settings.contact.phone_tel == "tel:02583000000"
    assert settings.contact.hotline == "" and settings.contact.hotline_tel == ""
    assert read_settings("Đơn vị", {"cchc": {}}, problems).contact.responsible == ""


def test_contact_mistakes_are_reported_together_in_vietnamese():
    problems = Collector()
    contact = {
        "phone": 2583000000,  # unquoted: the leading 0 is lost
        "email": "không phải thư",
        "feedback": "javascript:alert(1)",
        "adress": "01 Đường Mẫu",
    }
    settings = read_settings("Đơn vị", {"cchc": {"contact": contact}}, problems)
    found = {p.key: p for p in problems.problems}
    assert set(found) == {f"extra.cchc.contact.{k}" for k in ("phone", "email", "feedback", "adress")}
    assert "dấu ngoặc kép" in found["extra.cchc.contact.phone"].message
    assert "thư điện tử" in found["extra.cchc.contact.email"].message
    assert "mailto:" in found["extra.cchc.contact.feedback"].message
    assert found["extra.cchc.contact.adress"].level is Level.WARNING
    assert "`address`" in found["extra.cchc.contact.adress"].message
    assert settings.contact.feedback == "" and settings.contact.phone == ""
    problems = Collector()
    read_settings("Đơn vị", {"cchc": {"contact": ["Sở Y tế"]}}, problems)
    assert [p.key for p in problems.errors] == ["extra.cchc.contact"]
