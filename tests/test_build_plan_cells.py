"""End-to-end: the Phụ lục as the signed document draws it: merged cells, its own column headers."""

from html.parser import HTMLParser

import pytest

from conftest import build_at_now, post, write_tree

PLAN = """
title: Kế hoạch tuyên truyền cải cách hành chính năm 2026
year: 2026
issuer: Trung tâm Y tế Mẫu
columns:
  title: Hoạt động/sản phẩm
  lead: Bộ phận chủ trì
  support: Bộ phận phối hợp
tasks:
  - stt: 4
    title: Tuyên truyền cải cách thủ tục hành chính
    lead: Phòng Tổ chức - Hành chính
    support: [Các khoa, phòng]
    timeline: Quý III/2026
    schedule: Quý III/2026
    forms: [Trang thông tin điện tử]
    subtasks:
      - {stt: 4.1, title: Thanh toán không dùng tiền mặt}
      - {stt: 4.2, title: Đặt lịch khám trực tuyến}
      - {stt: 4.3, title: Bệnh án điện tử, lead: Phòng Kế hoạch - Nghiệp vụ}
      - {stt: 4.4, title: Khảo sát hài lòng}
  - stt: 5
    title: Sơ kết
    schedule: 30/06/2026
    subtasks:
      - {stt: 5.1, title: Sơ kết 6 tháng, schedule: 31/12/2026}
      - {stt: 5.2, title: Báo cáo quý, schedule: 31/12/2026}
  - stt: 6
    title: Tổng kết
    subtasks:
      - {stt: 6.1, title: Đã trễ, schedule: 30/09/2026}
      - {stt: 6.2, title: Còn hạn, schedule: 31/12/2026}
"""


class _Table(HTMLParser):
    """The Phụ lục as a grid: header texts, and per row the (class, rowspan, text) of each cell."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: dict[str, list[tuple[str, int, str]]] = {}
        self._row: str | None = None
        self._cell: list | None = None
        self._in_table = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("class") == "cchc-tasks":
            self._in_table = True
        elif self._in_table and tag == "tr" and attrs.get("id"):
            self._row = attrs["id"]
            self.rows[self._row] = []
        elif self._in_table and tag in ("td", "th"):
            self._cell = [attrs.get("class") or "", int(attrs.get("rowspan") or 1), ""]

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif self._cell is not None and tag in ("td", "th"):
            cls, span, text = self._cell
            if self._row:
                self.rows[self._row].append((cls, span, " ".join(text.split())))
            else:
                self.headers.append(" ".join(text.split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    root = tmp_path_factory.mktemp("phu-luc")
    write_tree(
        root,
        {
            "plans/kh.yaml": PLAN,
            "posts/a.md": post("Sơ kết 6 tháng", "2026-07-01", plan="kh", tasks=["5.1", "5.2"]),
        },
    )
    parser = _Table()
    parser.feed((build_at_now(root) / "cchc/ke-hoach/kh/index.html").read_text(encoding="utf-8"))
    return parser


def cells(table, row):
    return {cls.split()[0].removeprefix("cchc-task__"): (span, text) for cls, span, text in table.rows[row]}


def test_the_plan_names_its_columns_as_the_signed_document_does(table):
    assert table.headers == [
        "STT",
        "Hoạt động/sản phẩm",
        "Hình thức tuyên truyền",
        "Thời gian thực hiện",
        "Bộ phận chủ trì",
        "Bộ phận phối hợp",
        "Tiến độ",
    ]


def test_a_value_written_once_on_the_parent_is_one_merged_cell(table):
    parent = cells(table, "nv-4")
    assert parent["lead"] == (3, "Phòng Tổ chức - Hành chính")  # 4, 4.1, 4.2; 4.3 has its own
    assert parent["support"] == (5, "Các khoa, phòng")
    assert parent["timeline"] == (5, "Quý III/2026")
    assert parent["forms"] == (5, "Trang thông tin điện tử")
    assert set(cells(table, "nv-4-1")) == {"stt", "title", "progress"}  # covered by the parent's cells
    assert cells(table, "nv-4-3")["lead"] == (1, "Phòng Kế hoạch - Nghiệp vụ")  # its own
    # The parent's again, below a subtask that set its own: the parent's cell cannot reach it.
    assert cells(table, "nv-4-4")["lead"] == (1, "Phòng Tổ chức - Hành chính")


def test_subtasks_inherit_the_parents_deadline(table):
    # Due 30/09/2026, passed on 23/11/2026 without posts: each subtask is late.
    assert cells(table, "nv-4-2")["progress"][1].startswith("Quá hạn")


def test_a_parent_is_overdue_only_through_a_subtask(table):
    # Its own 30/06 passed without a post on task 5 itself, but both subtasks are reported.
    assert not cells(table, "nv-5")["progress"][1].startswith("Quá hạn")
    late = cells(table, "nv-6")["progress"][1]
    assert late.startswith("Quá hạn") and "Hạn tới" not in late  # never beside 31/12, still ahead
