"""The portal's rule as a unit lives it: the province's rule unless a plan sets one, and strict publishing passable.

Issue 12.2: a month that ended short cannot be mended: shown in the quota table and by
`cchc check`, never a `--strict` failure. Issue 12.3: the default quota is the province's
rule (`extra.cchc.portal`), months before the plan was issued are "Chưa áp dụng", and no
page or `lich.ics` says "Theo Kế hoạch …" when the plan did not set the quota.
"""

import re

import pytest
from icalendar import Calendar

from cchc.commands.check import check_project, format_text
from cchc.config.clock import build_now
from cchc.config.errors import Collector
from cchc.config.project import load_project
from conftest import NOW_EPOCH, build_at_now, post, write_project, write_tree

# Issued in March, no `portal:` key: the province's rule applies from March.
PLAN = """\
title: Kế hoạch tuyên truyền CCHC năm 2026
number: 12/KH-TTYT
year: 2026
issuer: Trung tâm Y tế Mẫu
issued: 2026-03-10
tasks:
  - {stt: 1, title: Đưa tin CCHC}
"""
# October has no portal post (missed, past its deadline); November's is on time.
FILES = {
    "plans/2026-cchc.yaml": PLAN,
    "posts/2026/09/a.md": post("Tháng chín", "2026-09-10 08:00", portal=True),
    "posts/2026/11/b.md": post("Tháng mười một", "2026-11-05 08:00", portal=True),
}
PROVINCE = {"cchc": {"unit": "Trung tâm Y tế Mẫu", "portal": {"per_month": [1, 2], "before_day": 15}}}


@pytest.fixture(scope="module")
def strict_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("portal-rules")
    write_tree(root, FILES)
    return root, build_at_now(root, strict=True, extra=PROVINCE)  # passes although October missed


def check(root, strict=True):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(NOW_EPOCH))
        problems = Collector()
        return check_project(load_project(root / "mkdocs.yml", problems), problems, build_now(), strict)


def test_a_missed_past_month_passes_strict_and_check_still_shows_it(strict_site):
    root, _ = strict_site
    result = check(root)
    assert result.ok and result.warnings == []
    text = format_text(result)
    assert "Tháng 10/2026: 0 bài (Theo quy định của Cổng TTĐT CCHC tỉnh: cần 1–2 bài, trước ngày 15): thiếu bài" in text


def test_the_quota_table_says_whose_rule_and_what_does_not_apply_yet(strict_site):
    _, built = strict_site
    page = (built / "cchc/ke-hoach/2026-cchc/index.html").read_text(encoding="utf-8")
    table = page[page.index('id="cchc-portal"') :]
    assert "Theo quy định của Cổng TTĐT CCHC tỉnh: mỗi tháng gửi từ 1 đến 2 bài, trước ngày 15." in table
    rows = re.findall(r'<tr class="cchc-portal__(\w+)">\s*<td>(.*?)</td>', table)
    statuses = {re.sub("<[^>]+>", "", month): status for status, month in rows}
    assert (statuses["1/2026"], statuses["2/2026"], statuses["3/2026"]) == ("na", "na", "short")
    assert "Chưa áp dụng" in table and (statuses["9/2026"], statuses["10/2026"]) == ("ok", "short")


def test_lich_ics_names_the_provinces_rule_not_the_plan(strict_site):
    _, built = strict_site
    events = Calendar.from_ical((built / "cchc/lich.ics").read_bytes()).walk("VEVENT")
    portal = [e for e in events if str(e["uid"]).startswith("cong-cchc/2026-")]
    assert [e.decoded("dtstart").month for e in portal][:2] == [3, 4]  # none before the plan was issued
    assert portal[0].decoded("dtstart").day == 14  # "before the 15th", the site setting
    descriptions = " ".join(str(e["description"]) for e in portal)
    assert "Theo quy định của Cổng TTĐT CCHC tỉnh: từ 1 đến 2 tin, bài mỗi tháng." in descriptions
    assert "Theo Kế hoạch" not in descriptions


def test_a_unit_without_portal_turns_it_off(tmp_path):
    write_tree(tmp_path, {"posts/2026/11/b.md": post("Tin", "2026-11-05 08:00")})
    write_project(tmp_path, extra={"cchc": {"unit": "Trạm Y tế", "portal": False}})
    result = check(tmp_path)
    assert result.ok
    assert all(not month.checked for month in result.portal)
    assert "chưa áp dụng" in format_text(result)
