"""The Phụ lục of a plan in Word: its task tables, read into `Task`s (FORMATS §2 `tasks:`).

Word lays one appendix out as units type it: a table split at page breaks into
several tables that repeat the header row, a row that runs onto the next page as
a row with a blank STT, values shared by several rows as vertically merged cells,
columns whose headers each unit words its own way. Every cell is kept somewhere
or named in a `Remark`: nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from docx.oxml.table import CT_Tbl, CT_Tc

from ..text.vndates import DateFormatError, parse_date, parse_deadline
from ..text.vntext import match_key, nfc
from .plans import Expects, Schedule, Task

# Header words (no marks, lower case) -> column; the first key found in a header wins, so
# "Thời gian thực hiện" is a timeline before "thực hiện" could make it anything else.
COLUMN_WORDS = (
    ("stt", ("stt", "tt", "so tt", "so thu tu")),
    ("budget", ("kinh phi",)),
    ("forms", ("hinh thuc",)),
    ("timeline", ("thoi gian", "tien do", "thoi han")),
    ("outputs", ("ket qua", "san pham")),
    ("lead", ("chu tri", "phan cong", "trach nhiem", "don vi thuc hien")),
    ("support", ("phoi hop",)),
    ("title", ("nhiem vu", "hoat dong", "noi dung")),
)
_LIST_MARK = re.compile(r"^[-+•–]\s*")
_NUMBERING_ROW = re.compile(r"^\(?\d+\)?$")
_SUB_LETTER = re.compile(r"^(?:[a-zđ][).]?|[-+•])$")  # "a)", "b.", or a dash under a parent row
_STT = re.compile(r"^\d+(?:\.\d+)*$")
# "X chủ trì, phối hợp với Y": the assignment column of most plans.
_LEAD_SUPPORT = re.compile(r"^(?P<lead>.+?)\s+chủ trì,?\s+(?:và\s+)?phối hợp(?:\s+với)?\s+(?P<support>.+)$", re.I)
# Words that show the text after "phối hợp với" goes on with what to do, not only who.
_ACTION = re.compile(r"\b(?:gửi|triển khai|thực hiện|tổ chức|tham mưu)\b", re.I)
_KEPT = "phân công giữ nguyên văn trong `lead`: sau “phối hợp với” còn việc phải làm, không chỉ đơn vị."
_ROLE = re.compile(r"^(?P<role>chủ trì|phối hợp)\s*:\s*(?P<text>.+)$", re.I)
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")


@dataclass(frozen=True)
class Remark:
    """One line of the review: where in the document, and what the import could not do there."""

    where: str  # "Bảng 2, dòng 3, cột Thời gian"
    message: str
    stt: str | None = None  # the task it concerns, to write it beside the task in the YAML


@dataclass(frozen=True)
class Cell:
    lines: tuple[str, ...]  # the cell's non-empty paragraphs, NFC
    merged: bool = False  # a vertically merged cell continuing the one above


@dataclass
class _Row:
    stt: str
    cells: dict[str, Cell]
    where: str


@dataclass
class _Draft:
    """A task being read: its cells' lines, until the rows that continue it are in."""

    stt: str
    lines: dict[str, list[str]] = field(default_factory=dict)
    shared: set[str] = field(default_factory=set)  # columns merged with the row above
    subtasks: list[_Draft] = field(default_factory=list)
    where: str = ""


def cell_lines(tc: CT_Tc) -> tuple[str, ...]:
    texts = ("".join(t.text or "" for t in p.iter(_W_T)) for p in tc.iter(_W_P))
    return tuple(" ".join(nfc(t).split()) for t in texts if t.strip())


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_P, _W_T = f"{_W}p", f"{_W}t"


def grid(tbl: CT_Tbl) -> list[list[Cell]]:
    """The table's rows on its grid: a cell spanning columns fills each; merged cells are marked."""
    rows = []
    for tr in tbl.tr_lst:
        row: list[Cell] = []
        for tc in tr.tc_lst:
            cell = Cell(cell_lines(tc), tc.vMerge == "continue")
            row.extend([cell] * tc.grid_span)
        rows.append(row)
    return rows


def header_columns(row: list[Cell]) -> dict[int, str] | None:
    """The column of each grid position, when `row` is the Phụ lục's header row (it has an STT)."""
    found: dict[int, str] = {}
    for i, cell in enumerate(row):
        key = match_key(" ".join(cell.lines))
        column = next((c for c, words in COLUMN_WORDS if any(_has(key, w) for w in words)), None)
        if column and column not in found.values():
            found[i] = column
    return found if "stt" in found.values() and "title" in found.values() else None


def _has(key: str, word: str) -> bool:
    return re.search(rf"(?:^|\W){re.escape(word)}(?:$|\W)", key) is not None


def is_appendix(tbl: CT_Tbl) -> bool:
    rows = grid(tbl)
    return bool(rows) and header_columns(rows[0]) is not None


def read_tasks(tables: Iterable[CT_Tbl], year: int) -> tuple[tuple[Task, ...], list[Remark]]:
    """Every task of the Phụ lục's tables (in order), and what the review must name."""
    remarks: list[Remark] = []
    drafts = _drafts(_rows(tables, remarks), remarks)
    tasks = tuple(_task(d, year, remarks) for d in drafts)
    # One line for every assignment kept as written, not one per task: a plan may have thirty.
    kept = [r.stt for r in remarks if r.message == _KEPT and r.stt]
    remarks = [r for r in remarks if r.message != _KEPT]
    if kept:
        remarks.append(Remark("Phụ lục, cột Phân công", f"Nhiệm vụ {', '.join(kept)}: {_KEPT}"))
    return tasks, remarks


def _rows(tables: Iterable[CT_Tbl], remarks: list[Remark]) -> Iterator[_Row]:
    columns: dict[int, str] = {}
    for number, tbl in enumerate(tables, 1):
        for index, row in enumerate(grid(tbl), 1):
            where = f"Bảng {number}, dòng {index}"
            found = header_columns(row)
            if found:
                _unknown_headers(row, found, where, remarks, first=not columns)
                columns = found
                continue
            texts = [" ".join(c.lines) for c in row]
            if all(_NUMBERING_ROW.match(t) or not t for t in texts):
                continue  # "(1) (2) (3)…" under the headers
            cells = {columns[i]: c for i, c in enumerate(row) if i in columns}
            stt_cell = cells.pop("stt", Cell(()))
            stt = "" if stt_cell.merged else " ".join(stt_cell.lines).strip().rstrip(".")
            yield _Row(stt, cells, where)


def _unknown_headers(row: list[Cell], found: dict[int, str], where: str, remarks: list[Remark], first: bool) -> None:
    if not first:
        return  # a header row repeated after a page break
    seen: set[str] = set()
    for i, cell in enumerate(row):
        text = " ".join(cell.lines)
        if i not in found and text and text not in seen:
            seen.add(text)
            message = f"Không nhận ra cột “{text}”: nội dung cột này không được nhập."
            remarks.append(Remark(f"{where}, cột {i + 1}", message))


def _drafts(rows: Iterable[_Row], remarks: list[Remark]) -> list[_Draft]:
    tasks: list[_Draft] = []
    last: _Draft | None = None
    for row in rows:
        if not row.stt:
            if last is None:
                remarks.append(Remark(row.where, "Dòng không có STT ở đầu bảng: không nhập."))
            else:
                _continue(last, row)
            continue
        parent, stt = _placement(row.stt, tasks, row.where, remarks)
        if stt is None:
            continue
        draft = _Draft(stt, where=row.where)
        for column, cell in row.cells.items():
            if cell.merged and last is not None:
                _share(draft, last, parent, column)
            elif cell.lines:
                draft.lines[column] = list(cell.lines)
        (parent.subtasks if parent else tasks).append(draft)
        last = draft
    return tasks


def _placement(stt: str, tasks: list[_Draft], where: str, remarks: list[Remark]) -> tuple[_Draft | None, str | None]:
    """Where a numbered row goes: a task, or a subtask of the task its STT (4.1) or letter (a) names."""
    letter = _SUB_LETTER.match(stt.casefold())
    if letter and tasks:
        parent = tasks[-1]
        number = f"{parent.stt}.{len(parent.subtasks) + 1}"
        remarks.append(Remark(where, f"STT “{stt}” ghi thành {number} (nhiệm vụ con của {parent.stt}).", number))
        return parent, number
    if not _STT.match(stt):
        remarks.append(Remark(where, f"STT “{stt}” không phải số thứ tự nhiệm vụ: dòng này không được nhập."))
        return None, None
    if "." in stt:
        head = stt.rsplit(".", 1)[0]
        found = next((t for t in reversed(tasks) if t.stt.lstrip("0") == head.lstrip("0")), None)
        if found is not None:
            return found, stt
    return None, stt


def _share(draft: _Draft, last: _Draft, parent: _Draft | None, column: str) -> None:
    """A cell merged with the row above: subtasks take it from their parent, other tasks get a copy."""
    if parent is not None and column in parent.lines and (last is parent or column in last.shared):
        draft.shared.add(column)  # inherited, as the plan page merges it again
        return
    if parent is not None and last in parent.subtasks and column not in parent.lines and column in last.lines:
        parent.lines[column] = last.lines.pop(column)  # 4.1–4.6 share one value: the parent's
        last.shared.add(column)
        draft.shared.add(column)
        return
    source = parent if parent is not None and column in parent.lines else last
    if column in source.lines:
        draft.lines[column] = list(source.lines[column])


def _continue(task: _Draft, row: _Row) -> None:
    """A row with a blank STT: the previous task's text runs on (page break) or adds a line."""
    for column, cell in row.cells.items():
        if cell.merged or not cell.lines:
            continue
        lines = task.lines.setdefault(column, [])
        first, *rest = cell.lines
        if lines and _runs_on(lines[-1], first):
            lines[-1] = f"{lines[-1]} {first}"
        else:
            lines.append(first)
        lines.extend(rest)


def _runs_on(before: str, after: str) -> bool:
    """A sentence cut by a page break: the next part starts in lower case, or the first ends mid-phrase."""
    return after[:1].islower() or before.endswith(("-", ",", "(", "/"))


def _task(draft: _Draft, year: int, remarks: list[Remark]) -> Task:
    lines = draft.lines
    title = "\n".join(lines.get("title", ()))
    if not title:
        remarks.append(Remark(draft.where, "Nhiệm vụ không có tên: hãy ghi `title`.", draft.stt))
        title = "(chưa có tên)"
    timeline = "\n".join(lines.get("timeline", ())) or None
    lead, support = _assignment(lines.get("lead", []), draft, remarks)
    support += tuple(_items(lines.get("support", [])))
    schedule, expects = (None, None) if not timeline else derive_schedule(timeline, year)
    if timeline and schedule is None:
        message = f"Không suy ra được hạn từ “{timeline}”: thêm `schedule` nếu cần."
        remarks.append(Remark(f"{draft.where}, cột Thời gian", message, draft.stt))
    task = Task(
        stt=draft.stt,
        title=title,
        outputs=tuple(_items(lines.get("outputs", []))),
        forms=tuple(_items(lines.get("forms", []))),
        timeline=timeline,
        schedule=schedule,
        lead=lead,
        support=support,
        budget="\n".join(lines.get("budget", ())) or None,
        expects=expects,
        inherited=frozenset(draft.shared),
    )
    return replace(task, subtasks=tuple(_task(d, year, remarks) for d in draft.subtasks))


def _items(lines: list[str]) -> Iterator[str]:
    for line in lines:
        item = _LIST_MARK.sub("", line) if len(lines) > 1 else line
        if item:
            yield item


def _assignment(lines: list[str], draft: _Draft, remarks: list[Remark]) -> tuple[str | None, tuple[str, ...]]:
    """Lead and support from "X chủ trì, phối hợp với Y"; kept as written when it says more than who."""
    if not lines:
        return None, ()
    labelled = [_ROLE.match(line) for line in lines]
    if all(labelled):  # "Chủ trì: X" / "Phối hợp: Y; Z", as the plan's own .docx writes them
        lead = "\n".join(m["text"] for m in labelled if m and match_key(m["role"]) == "chu tri")
        support = [s.strip() for m in labelled if m and match_key(m["role"]) != "chu tri" for s in m["text"].split(";")]
        return lead or None, tuple(s for s in support if s)
    found = _LEAD_SUPPORT.match(lines[0]) if len(lines) == 1 else None
    if found and not _ACTION.search(found["support"]):
        return found["lead"], (found["support"],)
    text = "\n".join(lines)
    if found or _LEAD_SUPPORT.search(" ".join(lines)):
        remarks.append(Remark(f"{draft.where}, cột Phân công", _KEPT, draft.stt))
    return text, ()


def derive_schedule(timeline: str, year: int) -> tuple[Schedule | None, Expects | None]:
    """The deadlines a timeline states without doubt; (None, None) when it does not."""
    key = match_key(timeline)
    if "thuong xuyen" in key:
        return Schedule(ongoing=True), None
    for words, every in (("thang", "month"), ("quy", "quarter"), ("nam", "year")):
        if re.search(rf"\b(?:hang|moi) {words}\b", key):
            return Schedule(every=every), Expects(1, every) if every == "month" else None
    dates = _dates(timeline)
    if len(dates) > 1:
        return Schedule(dates=tuple(sorted(set(dates)))), None
    if len(dates) == 1:
        return Schedule(due=dates[0]), None
    return _span_schedule(key, year), None


def _dates(timeline: str) -> list[date]:
    found = []
    for raw in _DATE.findall(timeline):
        try:
            found.append(parse_date(raw))
        except DateFormatError:
            continue
    return found


def _span_schedule(key: str, year: int) -> Schedule | None:
    """ "Trong tháng 02/2026", "Quý I/2026", "Trong năm 2026": the last day of that span."""
    whole_year = re.fullmatch(r"(?:trong )?(?:ca )?nam (\d{4})", key)
    if whole_year:
        return Schedule(due=date(int(whole_year[1]), 12, 31))
    try:
        return Schedule(due=parse_deadline(key))
    except DateFormatError:
        return None
