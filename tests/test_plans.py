"""Reading plans/*.yaml: forgiving typing, validation with key paths and lines, the seed plans."""

import textwrap
from datetime import date
from pathlib import Path

import pytest

from cchc.config.errors import Collector, Level
from cchc.config.settings import Settings
from cchc.readers.plans import Expects, Schedule, check_post_references, load_plans, read_plan, task_key
from cchc.readers.posts import Post

FIXTURES = Path(__file__).parent / "fixtures"


def read(tmp_path: Path, text: str, name: str = "ke-hoach.yaml"):
    path = tmp_path / "plans" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    problems = Collector()
    return read_plan(path, f"plans/{name}", problems), problems


MINIMAL = """
title: Kế hoạch tuyên truyền cải cách hành chính năm 2026
year: 2026
issuer: Trung tâm Y tế Mẫu
tasks:
  - {stt: 01, title: Xây dựng kế hoạch}
"""


def test_values_are_typed_the_way_editors_mean_them(tmp_path):
    plan, problems = read(
        tmp_path,
        """
        id: 2026-tuyen-truyen
        title: Kế hoạch tuyên truyền cải cách hành chính năm 2026
        year: 2026
        number:
        issued: "2026-02-10"
        issuer: Trung tâm Y tế khu vực Ninh Hòa
        place: Ninh Hòa
        signer: {name: Trịnh Tiến Khoa, title: Giám đốc}
        bases: Thực hiện Kế hoạch số 906/KH-SYT ngày 04/02/2026 của Sở Y tế
        tasks:
          - stt: 01
            title: yes
            outputs: [Kế hoạch tuyên truyền CCHC]
            forms: [Văn bản chỉ đạo, Trang thông tin điện tử]
            support: Các khoa, phòng
            schedule: {due: 28/02/2026}
            expects: {posts: 2}
          - stt: 4
            title: Tuyên truyền cải cách thủ tục hành chính
            subtasks:
              - {stt: 4.1, title: Thanh toán không dùng tiền mặt, schedule: {ongoing: yes}}
              - {stt: 4.10, title: Đặt lịch khám, schedule: {every: quý, day: 15}, expects: {posts: 1, per: tháng}}
        reports:
          - {name: Quý I, due: 2026-03-10}
        portal: {per_month: 1-2, before_day: 15}
        """,
    )
    assert problems.problems == []
    assert plan.id == "2026-tuyen-truyen" and plan.year == 2026 and plan.number is None
    assert plan.issued == date(2026, 2, 10)
    assert plan.bases == ("Thực hiện Kế hoạch số 906/KH-SYT ngày 04/02/2026 của Sở Y tế",)
    first, fourth = plan.tasks
    assert first.stt == "01" and first.title == "yes"  # text stays text
    assert first.forms == ("Văn bản chỉ đạo", "Trang thông tin điện tử") and "forms" in first.inline
    assert first.support == ("Các khoa, phòng",)
    assert first.schedule == Schedule(due=date(2026, 2, 28)) and first.expects == Expects(2, None)
    assert [t.stt for t in plan.all_tasks()] == ["01", "4", "4.1", "4.10"]
    assert plan.find_task("1") is first and plan.find_task("05") is None
    assert plan.find_task("4.1").schedule.ongoing
    sub = plan.find_task("4.10")
    assert sub.schedule == Schedule(every="quarter", day=15) and sub.expects == Expects(1, "month")
    assert plan.reports[0].due == date(2026, 3, 10)
    assert (plan.portal.min, plan.portal.max, plan.portal.before_day) == (1, 2, 15)
    assert plan.url == "cchc/ke-hoach/2026-tuyen-truyen/"


def test_task_numbers_compare_by_their_numeric_parts():
    assert task_key("05") == task_key("5") == task_key(" 5. ") == (5,)
    assert task_key("4.1") == (4, 1) and task_key("4.10") == (4, 10)
    with pytest.raises(ValueError):
        task_key("IV")


def test_schedule_deadlines():
    assert Schedule(every="month", day=31).deadlines(2026)[1] == date(2026, 2, 28)
    assert Schedule(every="month").deadlines(2026)[0] == date(2026, 1, 31)
    assert Schedule(every="quarter", day=10).deadlines(2026) == (
        date(2026, 3, 10),
        date(2026, 6, 10),
        date(2026, 9, 10),
        date(2026, 12, 10),
    )
    assert Schedule(every="year").deadlines(2026) == (date(2026, 12, 31),)
    assert Schedule(dates=(date(2026, 6, 5), date(2026, 3, 5))).deadlines(2026) == (date(2026, 3, 5), date(2026, 6, 5))
    assert Schedule(ongoing=True).deadlines(2026) == ()


def test_issued_month_only_and_file_name_as_id(tmp_path):
    plan, problems = read(tmp_path, MINIMAL + "issued: 2026-02\nnumber: /KH-TTPY\n", name="2026-ttpy.yaml")
    assert problems.problems == []
    assert plan.id == "2026-ttpy" and plan.issued is None and plan.issued_month == 2
    assert plan.number == "/KH-TTPY"


def test_every_mistake_is_reported_together_with_key_path_and_line(tmp_path):
    plan, problems = read(
        tmp_path,
        """
        title: Kế hoạch
        year: hai nghìn
        tasks:
          - stt: 01
            title: Xây dựng kế hoạch
            schedule: {due: 2026-02-30}
          - stt: IV
            title: Sai số thứ tự
          - stt: 03
            schedule: {due: 2026-03-01, every: month}
            expects: {posts: 0, per: tuần}
          - stt: 4
            title: Có nhiệm vụ con
            subtasks:
              - {stt: 5.1, title: Sai cha}
        reports:
          - {name: Quý I}
        portal: {per_month: [3, 1]}
        """,
    )
    assert plan is None
    found = {(p.key, p.line) for p in problems.errors}
    assert ("year", 2) in found
    assert ("issuer", None) in found
    assert ("tasks[0].schedule.due", 6) in found
    assert ("tasks[1].stt", 7) in found
    assert ("tasks[2].title", 9) in found
    assert ("tasks[2].schedule", 10) in found
    assert ("tasks[2].expects.posts", 11) in found
    assert ("tasks[2].expects.per", 11) in found
    assert ("tasks[3].subtasks[0].stt", 15) in found
    assert ("reports[0].due", 17) in found
    assert ("portal.per_month", 18) in found
    messages = " ".join(p.message for p in problems.errors)
    assert "không có trong lịch" in messages  # 30 February
    assert "Nhiệm vụ 03: thiếu tên nhiệm vụ" in messages
    assert "4.1, 4.2" in messages


def test_unknown_keys_are_warnings_with_a_suggestion(tmp_path):
    text = MINIMAL.replace("{stt: 01, title: Xây dựng kế hoạch}", "{stt: 01, title: A, expect: 1}")
    plan, problems = read(tmp_path, text)
    assert plan is not None
    (warning,) = problems.warnings
    assert warning.key == "tasks[0].expect" and "`expects`" in warning.message and warning.line == 5


def test_repeated_number_is_kept_as_written_with_a_note_never_fatal(tmp_path):
    """Issue 12.2: the signed document may repeat a number; nothing to fix, so not a warning."""
    plan, problems = read(tmp_path, MINIMAL + "  - {stt: 1, title: Trùng số}\n")
    assert [t.title for t in plan.tasks] == ["Xây dựng kế hoạch", "Trùng số"]
    assert problems.warnings == []
    (note,) = problems.notes
    assert note.level is Level.NOTE and note.key == "tasks[1].stt" and "lặp lại" in note.message


def test_syntax_error_and_empty_file(tmp_path):
    plan, problems = read(tmp_path, "title: Kế hoạch: năm 2026\nyear: 2026\n")
    assert plan is None and problems.errors[0].line == 1 and "ngoặc kép" in problems.errors[0].message
    plan, problems = read(tmp_path, "")
    assert plan is None and problems.errors


def test_duplicate_ids_and_bad_id(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans/a.yaml").write_text(MINIMAL + "id: chung\n", encoding="utf-8")
    (tmp_path / "plans/b.yaml").write_text(MINIMAL + "id: chung\n", encoding="utf-8")
    (tmp_path / "plans/c.yaml").write_text(MINIMAL + "id: Kế hoạch 2026\n", encoding="utf-8")
    problems = Collector()
    plans = load_plans(tmp_path, Settings(), problems)
    assert [p.id for p in plans] == ["chung", "chung"]
    messages = [str(p) for p in problems.errors]
    assert any("plans/b.yaml" in m and "trùng với kế hoạch plans/a.yaml" in m for m in messages)
    assert any("plans/c.yaml" in m and '"ke-hoach-2026"' in m for m in messages)


def _post(source: str, plan: str | None, tasks: tuple[str, ...]) -> Post:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 3, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    return Post(source, Path(source), "Bài", moment, moment, (), "", "bai", plan=plan, tasks=tasks, lines={"tasks": 7})


def test_post_references_are_checked_against_the_plans(tmp_path):
    plan, _ = read(tmp_path, MINIMAL + "  - {stt: 1, title: Trùng số}\n  - {stt: 2, title: Hai}\n")
    problems = Collector()
    posts = [
        _post("posts/tot.md", "ke-hoach", ("2", "02")),
        _post("posts/khong-co-ke-hoach.md", "2027-khac", ("1",)),
        _post("posts/sai-nhiem-vu.md", "ke-hoach", ("9",)),
        _post("posts/trung-so.md", "ke-hoach", ("01",)),
        _post("posts/ke-hoach-hong.md", "dang-sua", ("1",)),
    ]
    check_post_references(posts, [plan], problems, pending={"dang-sua"})
    by_file = {p.file: p for p in problems.errors}
    assert set(by_file) == {"posts/khong-co-ke-hoach.md", "posts/sai-nhiem-vu.md", "posts/trung-so.md"}
    assert '"2027-khac" không có trong plans/' in by_file["posts/khong-co-ke-hoach.md"].message
    assert "không có nhiệm vụ số 9" in by_file["posts/sai-nhiem-vu.md"].message
    assert by_file["posts/sai-nhiem-vu.md"].key == "tasks" and by_file["posts/sai-nhiem-vu.md"].line == 7
    assert "lặp lại" in by_file["posts/trung-so.md"].message


@pytest.mark.parametrize(
    ("name", "count", "columns"),
    [
        # Trung tâm Pháp y Khánh Hòa: STT 01-21; task 02 spans two rows of the table.
        ("ttpy-khanh-hoa-2026", 21, ("outputs", "forms", "timeline", "lead")),
        # TTYT khu vực Ninh Hòa: STT 01, 2-22; tasks 01 and 2 span two rows.
        ("ttyt-ninh-hoa-2026", 22, ("outputs", "forms", "timeline", "lead")),
        # Trung tâm Hội nghị và Nhà khách: numbered 1-6 with 5 twice; no "Hình thức" column.
        ("tthnnk-2026", 7, ("outputs", "timeline", "lead")),
    ],
)
def test_seed_plans_load_with_every_task(name, count, columns):
    problems = Collector()
    plan = read_plan(FIXTURES / "plans" / f"{name}.yaml", f"plans/{name}.yaml", problems)
    assert problems.errors == []
    assert len(plan.tasks) == len(list(plan.all_tasks())) == count
    assert plan.columns() == columns
    assert all(task.title and task.lead for task in plan.tasks)
    assert len(plan.sections) == 7  # the opening paragraph and parts I-VI


def test_schedules_as_plans_word_them(tmp_path):
    plan, problems = read(
        tmp_path,
        """
        title: Kế hoạch
        year: 2026
        issuer: Trung tâm Y tế Mẫu
        tasks:
          - {stt: 1, title: Tháng, schedule: Tháng 9/2026}
          - {stt: 2, title: Tháng số, schedule: 09/2026}
          - {stt: 3, title: Quý, schedule: Quý III/2026}
          - {stt: 4, title: Trước, schedule: trước 25/11/2026}
          - {stt: 5, title: Định kỳ quý, schedule: định kỳ hằng quý}
          - {stt: 6, title: Định kỳ tháng, schedule: Định kỳ hàng tháng}
          - {stt: 7, title: Hạn là quý, schedule: {due: Quý IV/2026}}
          - {stt: 8, title: Trong tháng, schedule: Trong tháng 02/2026}
        reports:
          - {name: Báo cáo CCHC, every: quý}
        """,
    )
    assert problems.problems == []
    schedules = [t.schedule for t in plan.tasks]
    assert schedules[:4] == [
        Schedule(due=date(2026, 9, 30)),
        Schedule(due=date(2026, 9, 30)),
        Schedule(due=date(2026, 9, 30)),
        Schedule(due=date(2026, 11, 24)),  # "trước 25/11": due the day before, as the portal's "trước ngày 20"
    ]
    assert schedules[4:] == [
        Schedule(every="quarter"),
        Schedule(every="month"),
        Schedule(due=date(2026, 12, 31)),
        Schedule(due=date(2026, 2, 28)),
    ]
    assert [(r.name, r.start, r.due) for r in plan.reports] == [
        ("Báo cáo CCHC quý I", date(2026, 1, 1), date(2026, 3, 31)),
        ("Báo cáo CCHC quý II", date(2026, 4, 1), date(2026, 6, 30)),
        ("Báo cáo CCHC quý III", date(2026, 7, 1), date(2026, 9, 30)),
        ("Báo cáo CCHC quý IV", date(2026, 10, 1), date(2026, 12, 31)),
    ]


def test_an_unreadable_schedule_shows_the_forms_it_can_read(tmp_path):
    plan, problems = read(
        tmp_path,
        MINIMAL + "  - {stt: 2, title: Sớm, schedule: càng sớm càng tốt}\n"
        "reports:\n  - {name: Quý I}\n",
    )
    assert plan is None
    by_key = {p.key: p.message for p in problems.errors}
    message = by_key["tasks[1].schedule"]
    for form in ("Tháng 9/2026", "Quý III/2026", "trước 25/11/2026", "thường xuyên", "định kỳ hằng tháng"):
        assert form in message
    assert "every: quý" in by_key["reports[0].due"]
