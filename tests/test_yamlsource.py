"""YAML as editors write it: the same result whichever parser PyYAML has."""

import pytest

from cchc.config import yamlsource
from cchc.config.yamlsource import YamlSyntaxError, parse

DOC = """\
title: Hội nghị
stt: 01
empty:
tilde: ~
quoted: ""
flag: yes
list: [a, "b", ~]
nested:
  - stt: 4.1
    body: |
      Dòng một
"""


def test_fast_and_pure_python_parsers_agree(monkeypatch):
    fast = parse(DOC, line_offset=1)
    monkeypatch.setattr(yamlsource, "_FAST_LOADER", yamlsource._PureLoader)
    pure = parse(DOC, line_offset=1)
    assert (fast.data, fast.lines) == (pure.data, pure.lines)
    assert fast.data["stt"] == "01" and fast.data["empty"] is None and fast.data["tilde"] is None
    assert fast.data["quoted"] == "" and fast.data["list"] == ["a", "b", None]
    assert fast.line("nested", 0, "body") == 11


def test_syntax_errors_keep_the_editor_hints():
    with pytest.raises(YamlSyntaxError) as caught:
        parse("title: Hội nghị: tổng kết\ndate: 2026-03-01\n", line_offset=1)
    assert "dấu hai chấm" in caught.value.message and caught.value.line == 2


def test_reserved_first_characters_get_a_vietnamese_hint():
    import pytest

    from cchc.config.yamlsource import YamlSyntaxError, parse

    with pytest.raises(YamlSyntaxError) as err:
        parse("title: [THÔNG BÁO] Lịch trực Tết\ndate: 2026-01-20\n")
    assert "phải đặt trong ngoặc kép" in err.value.message and err.value.line == 1


@pytest.mark.parametrize("loader", ["fast", "pure"])
def test_case10_anchors_and_aliases_are_refused_by_either_parser(monkeypatch, loader):
    if loader == "pure":
        monkeypatch.setattr(yamlsource, "_FAST_LOADER", yamlsource._PureLoader)
    for text, line in (("a: 1\nb: &x [1, *x]\n", 3), ("a: *nowhere\n", 2), ("a: &only 1\n", 2)):
        with pytest.raises(YamlSyntaxError) as caught:
            parse(text, line_offset=1)
        assert caught.value.message == yamlsource.ALIAS_REFUSED and caught.value.line == line
