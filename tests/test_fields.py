"""The typed field reader: one declaration of a file kind's keys, its parsing, messages and lines."""

from datetime import date

from cchc.config.errors import Collector, Level
from cchc.config.fields import Field, Reader, Schema, key_text
from cchc.config.settings import SETTINGS, Area, Settings
from cchc.config.yamlsource import parse
from cchc.readers.plans import PLAN, TASK
from cchc.readers.posts import POST, post_schema

NOTICE = Schema(
    "notice",
    (
        Field("title", "text", "Tiêu đề", "Tên thông báo.", True),
        Field("authors", "strings", "Người viết", "Cách nhau bằng dấu phẩy.", aliases=("author",), split=True),
        Field("urgent", "flag", "Khẩn", "Ghi có nếu khẩn.", default=False),
        Field("day", "integer", "Ngày trong tháng", "Từ 1 đến 31.", bounds=(1, 31)),
        Field("issued", "date", "Ngày ban hành", "Ví dụ 12/3/2026."),
        Field("body", "block", "Nội dung", "Viết bằng Markdown."),
    ),
    "{title: …}",
)

GOOD = """\
title:   Lịch   trực
author: Lan, Bảo
urgent: có
day: 07
issued: 12/3/2026
body: |
  Dòng một
  Dòng hai
"""


def reader(text: str, *, forgiving: bool = False) -> tuple[Reader, Collector]:
    problems = Collector()
    return Reader("thong-bao.yaml", parse(text), problems, forgiving=forgiving), problems


def test_a_declaration_reads_each_kind_as_editors_type_it():
    read, problems = reader(GOOD)
    fields = {f.name: read.value((f.name,), f) for f in NOTICE if f.kind != "integer"}
    assert fields == {
        "title": "Lịch trực",
        "authors": (),  # `author` is an alias: the caller reads it where `authors` is absent
        "urgent": True,
        "issued": date(2026, 3, 12),
        "body": "Dòng một\nDòng hai",
    }
    assert read.strings(("author",), split=True) == ("Lan", "Bảo")
    assert read.integer(("day",), NOTICE["day"]) == 7  # as written: 07 is seven
    assert read.ok and not problems.problems


def test_unknown_key_is_a_warning_with_the_closest_key_and_its_line():
    read, problems = reader("title: A\nurgnet: có\nauthor: Lan\n")
    read.warn_unknown(read.doc.data, NOTICE)
    [warning] = problems.problems
    assert warning.level is Level.WARNING and (warning.key, warning.line) == ("urgnet", 2)
    assert "Có phải ý bạn là `urgent`?" in warning.message  # `author`, an alias, is no unknown key


def test_wrong_values_are_errors_naming_file_key_and_line():
    read, problems = reader("title: [a, b]\nurgent: chắc\nday: 40\nissued: 31/2/2026\n")
    assert read.text(("title",)) is None
    assert read.flag(("urgent",)) is False
    assert read.integer(("day",), NOTICE["day"]) is None
    assert read.date(("issued",)) is None
    assert not read.ok
    found = [(p.file, p.key, p.line, p.level) for p in problems.problems]
    assert found == [
        ("thong-bao.yaml", "title", 1, Level.ERROR),
        ("thong-bao.yaml", "urgent", 2, Level.ERROR),
        ("thong-bao.yaml", "day", 3, Level.ERROR),
        ("thong-bao.yaml", "issued", 4, Level.ERROR),
    ]
    messages = [p.message for p in problems.problems]
    assert messages[0] == "Cần một đoạn văn bản, không phải danh sách hay nhóm khóa."
    assert messages[1] == 'Giá trị "chắc" không hợp lệ; hãy ghi true hoặc false.'
    assert messages[2] == 'Ngày trong tháng (day) phải là số nguyên từ 1 đến 31; đang ghi "40".'


def test_forgiving_reading_joins_a_list_written_as_a_title():
    read, problems = reader("title: [THÔNG BÁO]\ntags: [a, {x: y}, b]\n", forgiving=True)
    assert read.text(("title",)) == "THÔNG BÁO"
    assert read.strings(("tags",)) == ("a", "b")
    assert not problems.problems


def test_nested_keys_have_a_path_and_the_nearest_line():
    read, problems = reader("tasks:\n  - stt: 01\n    schedule: {due: sớm}\n")
    read.mapping(("tasks", 0), TASK, "Mỗi nhiệm vụ")
    read.deadline(("tasks", 0, "schedule", "due"))
    [problem] = problems.problems
    assert (problem.key, problem.line) == ("tasks[0].schedule.due", 3)
    assert key_text(("tasks", 3, "subtasks", 0, "stt")) == "tasks[3].subtasks[0].stt"


def test_a_group_that_is_not_a_group_names_its_example():
    read, problems = reader("tasks:\n  - chỉ một dòng\n")
    assert read.mapping(("tasks", 0), TASK, "Mỗi nhiệm vụ") is None
    assert problems.problems[0].message == "Mỗi nhiệm vụ phải là một nhóm khóa, ví dụ {stt: 01, title: …}."


def test_every_kind_is_introspectable_for_a_form():
    for schema in (POST, PLAN, TASK, SETTINGS):
        for f in schema:
            assert f.label and f.help and f.kind, (schema.name, f.name)
    assert POST["authors"].aliases == ("author",) and "author" in POST.keys
    assert POST["title"].required and POST["portal"].default is False
    assert PLAN["tasks"].fields is TASK and TASK["schedule"].fields is not None
    assert TASK["schedule"].fields["every"].choices == ("month", "quarter", "year")
    assert SETTINGS["images"].fields is not None and SETTINGS["images"].fields["quality"].bounds == (1, 95)
    areas = post_schema(Settings(areas=(Area("the-che", "Cải cách thể chế"),)))
    assert areas["categories"].choices == ("the-che",) and POST["categories"].choices == ()


def test_missing_message_comes_from_the_label():
    assert NOTICE["title"].missing_message() == "Thiếu tiêu đề (title)."
    assert PLAN["title"].missing_message() == "Thiếu tên kế hoạch (title)."
    assert POST["date"].missing_message() == "Thiếu ngày đăng (date), ví dụ: date: 2026-03-12 08:30"
