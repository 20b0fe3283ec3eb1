from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cchc.text.vndates import DateFormatError, list_date, official_date, parse_date, parse_datetime

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-12", datetime(2026, 3, 12, 0, 0, tzinfo=HCM)),
        ("2026-03-12 08:30", datetime(2026, 3, 12, 8, 30, tzinfo=HCM)),
        ("2026-03-12 08:30:15", datetime(2026, 3, 12, 8, 30, 15, tzinfo=HCM)),
        ("2026-03-12T08:30:00+07:00", datetime(2026, 3, 12, 8, 30, tzinfo=HCM)),
        ("2026-05-31T23:30:00Z", datetime(2026, 6, 1, 6, 30, tzinfo=HCM)),
        ("2026-05-31T23:30:00+0000", datetime(2026, 6, 1, 6, 30, tzinfo=HCM)),
        ("12/3/2026", datetime(2026, 3, 12, tzinfo=HCM)),
        ("12/03/2026 08:30", datetime(2026, 3, 12, 8, 30, tzinfo=HCM)),
    ],
)
def test_parse_datetime_forms(text, expected):
    assert parse_datetime(text, HCM) == expected


def test_offset_is_honoured_not_replaced():
    moment = parse_datetime("2026-03-12T08:30:00+09:00", HCM)
    assert moment.utcoffset() == timedelta(hours=9)
    assert moment.astimezone(UTC).hour == 23


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "mai", "2026-03-12 25:00", ""])
def test_bad_dates_explain_in_vietnamese(text):
    with pytest.raises(DateFormatError) as err:
        parse_datetime(text, HCM)
    assert "ngày" in str(err.value)


def test_leap_day():
    assert parse_date("2028-02-29") == date(2028, 2, 29)
    with pytest.raises(DateFormatError):
        parse_date("2026-02-29")


def test_list_date_has_vietnamese_weekday():
    assert list_date(date(2026, 3, 12)) == "Thứ Năm, 12/3/2026"
    assert list_date(date(2026, 3, 15)) == "Chủ Nhật, 15/3/2026"


def test_official_date_leading_zeros_per_decree_30():
    assert official_date(date(2026, 3, 12)) == "ngày 12 tháng 3 năm 2026"
    assert official_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert official_date(date(2026, 1, 20)) == "ngày 20 tháng 01 năm 2026"
    assert official_date(date(2026, 11, 9)) == "ngày 09 tháng 11 năm 2026"


@pytest.mark.parametrize("text", ["0206-11-10", "2206-02-28", "0001-01-01T00:00:00+07:00", "9999-12-31T23:00:00-07:00"])
def test_a_mistyped_year_is_refused_not_built_into_centuries_of_calendar(text):
    with pytest.raises(DateFormatError) as err:
        parse_datetime(text, HCM)
    assert "gõ nhầm" in str(err.value)
    with pytest.raises(DateFormatError):
        parse_date(text[:10])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/12/2026 14h", datetime(2026, 12, 1, 14, 0, tzinfo=HCM)),
        ("1/12/2026 14h30", datetime(2026, 12, 1, 14, 30, tzinfo=HCM)),
        ("1/12/2026 14:30", datetime(2026, 12, 1, 14, 30, tzinfo=HCM)),
        ("01/12/2026 lúc 8h05", datetime(2026, 12, 1, 8, 5, tzinfo=HCM)),
        ("2026-11-20 8h30", datetime(2026, 11, 20, 8, 30, tzinfo=HCM)),
        # Day first, as Vietnamese write it: 12 January, never 1 December.
        ("12/01/2026", datetime(2026, 1, 12, tzinfo=HCM)),
    ],
)
def test_post_dates_as_people_type_them(text, expected):
    assert parse_datetime(text, HCM) == expected


def test_the_forms_a_message_shows_are_day_first():
    with pytest.raises(DateFormatError) as err:
        parse_datetime("hôm qua", HCM)
    forms = str(err.value).split("hãy viết ", 1)[1]
    assert forms.startswith("12/03/2026")
    assert "8h30" in forms
    with pytest.raises(DateFormatError) as err:
        parse_date("mai")
    assert str(err.value).split("hãy viết ", 1)[1].startswith("12/03/2026")


@pytest.mark.parametrize("text", ["2026-03-12T08:30:00+99:00", "2026-03-12T08:30:00+07:60", "2026-03-12 08:30 -1300"])
def test_an_impossible_offset_is_an_error_not_a_traceback_or_a_later_hour(text):
    with pytest.raises(DateFormatError) as err:
        parse_datetime(text, HCM)
    assert "độ lệch múi giờ" in str(err.value)
    assert "+07:00" in str(err.value)


def test_offsets_still_read():
    assert parse_datetime("2026-03-12T08:30:00+05:45", HCM).utcoffset() == timedelta(hours=5, minutes=45)
    assert parse_datetime("2026-03-12T08:30:00-12:00", HCM).utcoffset() == timedelta(hours=-12)
    assert parse_datetime("2026-03-12T08:30:00+14:00", HCM).utcoffset() == timedelta(hours=14)


@pytest.mark.parametrize("written", ["2026-03-12T08:30:00+99:00", "2026-03-12 08:30 +07:60"])
def test_case12_an_impossible_offset_names_file_key_and_line_in_build_and_check(tmp_path, written):
    """Issue 11.12: the build and `cchc check` both report it, in Vietnamese, on the post's `date` line."""
    from conftest import build_log, check_log, write_project, write_tree

    text = f"---\ntitle: Giờ sai\ncategories: [the-che]\ndate: {written}\n---\n\nBài.\n"
    write_tree(tmp_path, {"posts/2026/03/gio.md": text})
    write_project(tmp_path)
    build_errors, _ = build_log(tmp_path)
    check_errors, _ = check_log(tmp_path)
    assert not (tmp_path / "site").exists()
    for errors in (build_errors, check_errors):
        (file, message), *others = sorted(errors)
        assert not others
        assert file.endswith("posts/2026/03/gio.md")
        assert "dòng 4" in message and "date" in message and "độ lệch múi giờ" in message
