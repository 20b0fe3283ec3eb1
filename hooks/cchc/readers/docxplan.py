"""A plan as units write it in Word (.docx), read into a `Plan` (the data of plans/*.yaml, FORMATS §2).

The document is read in its own order: the header table (issuer and parent | the
national motto and "Khánh Hòa, ngày … tháng 02 năm 2026"), "KẾ HOẠCH" and its
name, the bases ("Căn cứ …", "Thực hiện …"), the numbered sections (I., II., …),
"Nơi nhận" and the signer (often a borderless two-column table), then the Phụ lục
and its tables (`docxtable`). What cannot be read without doubt becomes a `Remark`.
No network, no converter: python-docx reads the file's XML.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph

from ..config import limits
from ..text.ui import STRINGS
from ..text.vndates import DateFormatError, parse_date
from ..text.vntext import match_key, nfc
from .docxtable import Remark, cell_lines, is_appendix, read_tasks
from .plans import Plan, PlanSection, Report, Signer, Task

_ROMAN_HEADING = re.compile(r"^[IVX]+\.\s+\S")
_BASE = re.compile(r"^(?:căn cứ|thực hiện)\b", re.I)
_RULE = re.compile(r"^[-_=.…\s]+$")
_DATELINE = re.compile(
    r",\s*ngày[\s.…]*(?P<d>\d{1,2})?[\s.…]*tháng[\s.…]*(?P<m>\d{1,2})?[\s.…]*năm[\s.…]*(?P<y>\d{4})", re.I
)
_ATTACHED = re.compile(r"kèm theo kế hoạch số\s*(?P<n>\S*)\s*(?P<rest>.*?)\)?$", re.I)
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_PERIOD = re.compile(r"(quý\s*(?:IV|I{1,3})|0?6\s*tháng|9\s*tháng|năm)", re.I)


class ImportError_(ValueError):
    """The file is not a Word document the import can read (the message is for the editor)."""


@dataclass(frozen=True)
class Line:
    text: str
    bullet: bool = False  # a Word list paragraph: "- " in Markdown
    centred: bool = False
    marked: str | None = None  # the text with its bold runs as **…**, for a section's Markdown


@dataclass(frozen=True)
class Imported:
    plan: Plan
    remarks: tuple[Remark, ...]


@dataclass
class _Parts:
    """What the walk through the document found, before it becomes a `Plan`."""

    head: list[str] = field(default_factory=list)  # lines above "KẾ HOẠCH" (header table, number, date)
    title: list[str] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    sections: list[tuple[str | None, list[Line]]] = field(default_factory=list)
    end: list[Line] = field(default_factory=list)  # Nơi nhận and the signer
    appendix: list[str] = field(default_factory=list)  # the Phụ lục's own lines
    tables: list[CT_Tbl] = field(default_factory=list)


def read_docx(path: Path, plan_id: str) -> Imported:
    """The plan of a .docx; raises `ImportError_` when the file is not a readable Word document."""
    if path.stat().st_size > limits.PLAN_BYTES * 10:
        raise ImportError_(f"{path.name}: tệp quá lớn cho một kế hoạch (trên {limits.PLAN_BYTES * 10 // 2**20} MB).")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):  # lxml's is a SyntaxError
        raise ImportError_(
            f"{path.name}: không phải tệp Word .docx đọc được (tệp .doc cũ: mở bằng Word rồi lưu lại dạng .docx)."
        ) from None
    parts = _walk(document)
    remarks: list[Remark] = []
    return Imported(_plan(parts, plan_id, remarks), tuple(remarks))


def _blocks(document: docx.document.Document) -> Iterator[Line | CT_Tbl]:
    for child in document.element.body.iterchildren():
        if isinstance(child, CT_P):
            paragraph = Paragraph(child, document)
            text = " ".join(nfc(paragraph.text).split())
            if text and not _RULE.match(text):
                style = paragraph.style.name if paragraph.style is not None else ""
                bullet = child.pPr is not None and child.pPr.numPr is not None or "List" in (style or "")
                yield Line(
                    text, bullet, paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER, _bold_marked(paragraph, text)
                )
        elif isinstance(child, CT_Tbl):
            yield child


def _bold_marked(paragraph: Paragraph, text: str) -> str | None:
    """ "trong **tháng 02/2026**": bold runs as Markdown; None when the runs do not spell the text
    (a hyperlink or a field holds part of it): the plain text is kept then."""
    parts = []
    for run in paragraph.runs:
        core = run.text.strip()
        if run.bold and core:
            start, end = run.text[: len(run.text) - len(run.text.lstrip())], run.text[len(run.text.rstrip()) :]
            parts.append(f"{start}**{core}**{end}")
        else:
            parts.append(run.text)
    marked = " ".join(nfc("".join(parts)).replace("****", "").split())
    return marked if marked.replace("**", "") == text and "**" in marked else None


def _walk(document: docx.document.Document) -> _Parts:
    parts, phase = _Parts(), "head"
    for block in _blocks(document):
        if isinstance(block, CT_Tbl):
            if phase == "appendix" or is_appendix(block):
                phase = "appendix"
                parts.tables.append(block)
                continue
            lines = [Line(t) for tc in block.iter(f"{_W}tc") for t in cell_lines(tc)]
            for line in lines:
                phase = _place(parts, phase, line)
        else:
            phase = _place(parts, phase, block)
    return parts


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _place(parts: _Parts, phase: str, line: Line) -> str:
    """Put one line where it belongs; the phase it leaves the walk in."""
    key = match_key(line.text)
    if key == "ke hoach" and phase == "head":
        return "title"
    if key.startswith("phu luc") and len(key) < 20 and phase in ("sections", "end"):
        return "appendix"
    if key.startswith("noi nhan") and phase in ("sections", "bases", "title"):
        phase = "end"
    ends_title = _BASE.match(line.text) or _ROMAN_HEADING.match(line.text) or (parts.title and not line.centred)
    if phase == "title" and ends_title:
        phase = "bases"
    if phase == "bases" and not _BASE.match(line.text):
        phase = "sections"
    if phase == "sections" and (_ROMAN_HEADING.match(line.text) or not parts.sections):
        heading = line.text if _ROMAN_HEADING.match(line.text) else None
        parts.sections.append((heading, [] if heading else [line]))
        return phase
    {
        "head": lambda: parts.head.append(line.text),
        "title": lambda: parts.title.append(line.text),
        "bases": lambda: parts.bases.append(line.text),
        "sections": lambda: parts.sections[-1][1].append(line),
        "end": lambda: parts.end.append(line),
        "appendix": lambda: parts.appendix.append(line.text),
    }[phase]()
    return phase


def _plan(parts: _Parts, plan_id: str, remarks: list[Remark]) -> Plan:
    every_text = " ".join([*parts.title, *parts.bases, *(ln.text for _, b in parts.sections for ln in b)])
    number, place, issued, month = _heading(parts.head, parts.appendix)
    issuer, parent = _issuer(parts, every_text, remarks)
    year = _year(" ".join(parts.title), issued, month, parts.head, remarks)
    tasks, table_remarks = read_tasks(parts.tables, year)
    remarks.extend(table_remarks)
    if not tasks:
        remarks.append(Remark("Phụ lục", "Không tìm thấy bảng Phụ lục có cột STT và Nhiệm vụ: hãy ghi `tasks`."))
    recipients, signer = _end_matter(parts.end)
    title = " ".join(parts.title)
    return Plan(
        id=plan_id,
        source=f"plans/{plan_id}.yaml",
        title=f"Kế hoạch {title[:1].lower()}{title[1:]}" if title else "Kế hoạch",
        year=year,
        issuer=issuer,
        tasks=tasks,
        number=number,
        issued=issued,
        place=place,
        signer=signer,
        bases=tuple(parts.bases),
        sections=tuple(PlanSection(h, _markdown(body)) for h, body in parts.sections),
        reports=_reports(tasks, every_text, remarks),
        parent=parent,
        issued_month=month if issued is None else None,
        recipients=recipients,
        appendix_title=_appendix_title(parts.appendix),
    )


def _heading(head: list[str], appendix: list[str]) -> tuple[str | None, str | None, date | None, int | None]:
    """Số/ký hiệu, place, date (or only its month) from the header, else from "(Kèm theo Kế hoạch số …)"."""
    number = place = None
    day = month = year = None
    for line in head:
        found = _DATELINE.search(line)
        start = line.find("Số")
        if start >= 0 and line[start:].startswith(("Số:", "Số :")):
            cut = found.start() if found and found.start() > start else len(line)
            before = line[start:cut].split(":", 1)[1]
            number = "".join(w for w in before.split() if not (w[:1].isupper() and "/" not in w)) or None
        if found:
            # "Số: 15/KH-YTNH Đông Ninh Hòa, ngày …" when both sit on one line: the place follows the number.
            place = re.sub(r"^.*Số\s*:\s*\S+\s*", "", line[: found.start()]).strip() or None
            day, month, year = found["d"], found["m"], found["y"]
    if number is None:
        for line in appendix:
            attached = _ATTACHED.search(line)
            if attached:
                number = attached["n"] or None
                when = re.search(r"ngày\s*(\d{1,2}/\d{1,2}/\d{4})", attached["rest"])
                if when:
                    d = parse_date(when[1])
                    return number, place, d, None
    issued = None
    if day and month and year:
        try:
            issued = date(int(year), int(month), int(day))
        except ValueError:
            issued = None
    return number, place, issued, int(month) if month and not issued else None


def _issuer(parts: _Parts, text: str, remarks: list[Remark]) -> tuple[str, str | None]:
    """The issuer (and its parent) from the header's capitals, spelt as the body spells it."""
    names = [
        line
        for line in parts.head
        if line.isupper() and match_key(line) not in _MOTTO and not line.startswith("Số") and "NGÀY" not in line
    ]
    if not names:
        for line in parts.appendix:
            attached = _ATTACHED.search(line)
            if attached and " của " in attached["rest"]:
                return attached["rest"].rsplit(" của ", 1)[1].strip(" )"), None
        remarks.append(Remark("Phần đầu", "Không tìm thấy tên cơ quan ban hành: hãy ghi `issuer`."))
        return "(chưa rõ cơ quan ban hành)", None
    issuer = _as_written(names[-1], text)
    if issuer == names[-1]:
        remarks.append(Remark("Phần đầu", f"Tên cơ quan “{issuer}” chỉ có chữ in hoa: kiểm tra `issuer`."))
    parent = _as_written(names[-2], text) if len(names) > 1 else None
    return issuer, parent


def _as_written(capitals: str, text: str) -> str:
    """ "TRUNG TÂM PHÁP Y KHÁNH HÒA" as the body writes it ("Trung tâm Pháp y Khánh Hòa"), if it does."""
    found = re.search(re.escape(capitals), text, re.I)
    return found[0] if found and not found[0].isupper() else capitals


def _year(title: str, issued: date | None, month: int | None, head: list[str], remarks: list[Remark]) -> int:
    found = re.search(r"năm\s+(\d{4})", title) or re.search(r"năm\s*(\d{4})", " ".join(head))
    if found:
        return int(found[1])
    if issued:
        return issued.year
    remarks.append(Remark("Phần đầu", "Không tìm thấy năm kế hoạch: hãy sửa `year`."))
    return date.today().year


def _markdown(lines: list[Line]) -> str:
    """A section's paragraphs as Markdown: one paragraph each, Word's list items as "- " items."""
    out = []
    for line in lines:
        text = line.marked or line.text
        if line.bullet and not text.startswith(("-", "+", "•")):
            text = f"- {text}"
        out.append(re.sub(r"^[+•]\s*", "- ", text))
    return "\n\n".join(out)


def _end_matter(lines: list[Line]) -> tuple[tuple[str, ...], Signer | None]:
    """Nơi nhận (its "- " lines) and the signer: the capitals (KT. GIÁM ĐỐC…), then the name."""
    recipients: list[str] = []
    titles: list[str] = []
    name = None
    for line in lines:
        text = line.text
        if match_key(text).startswith("noi nhan"):
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            recipients += [rest] if rest else []
        elif text.startswith(("-", "+", "•")) or (line.bullet and not titles):
            recipients.append(text.lstrip("-+• ").strip())
        elif text.isupper():
            titles.append(text)
        elif titles and not text.startswith("("):
            name = text
    signer = Signer(name, "\n".join(titles) or None) if name else None
    return tuple(recipients), signer


def _appendix_title(lines: list[str]) -> str | None:
    capitals = " ".join(line for line in lines if line.isupper())
    if not capitals or match_key(capitals) == match_key(STRINGS["plan_appendix_title"]):
        return None
    lower = capitals.lower()
    return lower[:1].upper() + lower[1:]


def _reports(tasks: tuple[Task, ...], text: str, remarks: list[Remark]) -> tuple[Report, ...]:
    """Report dates the plan states: the reporting task's dated timeline, else "báo cáo … trước ngày …"."""
    for task in tasks:
        if "bao cao" in match_key(task.title) and task.timeline and task.schedule and len(task.schedule.dates) > 1:
            reports = tuple(_labelled(task.timeline))
            remarks.append(Remark(f"Nhiệm vụ {task.stt}", _proposed(reports, f"thời gian của nhiệm vụ {task.stt}")))
            return reports
    found = []
    for sentence in re.split(r"(?<=[.;])\s+", text):
        when = re.search(r"báo cáo.*?trước ngày\s*(\d{1,2}/\d{1,2}/\d{4})", sentence, re.I)
        if when:
            name = "Năm" if re.search(r"báo cáo năm", sentence, re.I) else "Kết quả thực hiện Kế hoạch"
            found.append(Report(name, parse_date(when[1])))
    if found:
        remarks.append(Remark("Nội dung", _proposed(tuple(found), "nội dung kế hoạch")))
    return tuple(found)


def _labelled(timeline: str) -> Iterator[Report]:
    """ "Quý I: 05/3/2026 - 06 tháng: 05/6/2026 … Trước 25/11/2026": each date with the period before it."""
    start = 0
    for match in re.finditer(r"\d{1,2}/\d{1,2}/\d{4}", timeline):
        label = _PERIOD.findall(timeline[start : match.start()])
        start = match.end()
        try:
            due = parse_date(match[0])
        except DateFormatError:
            continue
        name = label[-1] if label else "Năm"
        name = re.sub(r"^0?6\s*tháng$", "6 tháng", name, flags=re.I)
        yield Report(name[:1].upper() + name[1:], due)


def _proposed(reports: tuple[Report, ...], where: str) -> str:
    listed = ", ".join(f"{r.name} ({r.due:%d/%m/%Y})" for r in reports)
    return f"Kỳ báo cáo đề xuất từ {where}: {listed}. Kiểm tra lại tên và hạn trong `reports`."
