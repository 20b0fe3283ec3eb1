"""The three units' plans (shared/seeds/) as .docx files laid out the way Word lays them out.

What units' Word files have and the import must read: a borderless two-column header table
(issuer and number | national motto and date), text in NFD (Word on macOS, pasted text),
stray empty paragraphs, Word list paragraphs for "- " items, Nơi nhận and the signer in a
two-column table, and a Phụ lục split at page breaks into tables that repeat their header
row, with rows running onto the next table under a blank STT and vertically merged cells.

The heading, title and appendix headers are the seeds' own; seed 000's Phụ lục is its own
tables (split rows included). Seeds 001 and 002 lost their table structure when they were
extracted to text, so their rows come from the transcriptions in tests/fixtures/plans/,
split and merged here as Word does.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from cchc.config.errors import Collector
from cchc.readers.plans import Plan, Task, read_plan

SEEDS = Path("/work/shared/seeds")
FIXTURES = Path(__file__).parent / "fixtures" / "plans"
UP = None  # a cell merged with the one above (Word's vertical merge)
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

# Per seed: the fixture it was transcribed to, and what its first page and Phụ lục say.
SEED_PLANS = {
    "ttpy-khanh-hoa-2026": {
        "seed": "000_57a00ca1c0b10f0e.txt",
        "head": (["TRUNG TÂM PHÁP Y KHÁNH HÒA", "Số: /KH-TTPY"], [*MOTTO, "Khánh Hòa, ngày tháng 02 năm 2026"]),
        "title": ["Tuyên truyền cải cách hành chính", "của Trung tâm Pháp y Khánh Hòa năm 2026"],
        "attached": "(Kèm theo Kế hoạch số /KH-TTPY ngày tháng 02 năm 2026 của Trung tâm Pháp y Khánh Hòa)",
    },
    "ttyt-ninh-hoa-2026": {
        "seed": "001_28fa126058cf9f2a.txt",
        "head": (
            ["TRUNG TÂM Y TẾ KHU VỰC NINH HÒA", "Số:          /KH-YTNH"],
            [*MOTTO, "Đông Ninh Hòa, ngày     tháng 02 năm 2026"],
        ),
        "title": ["Công tác tuyên truyền cải cách hành chính", "của Trung tâm Y tế khu vực Ninh Hòa năm 2026"],
        "attached": "(Kèm theo Kế hoạch số        /KH-YTNH ngày      tháng 02 năm 2026 "
        "của Trung Y tế khu vực Ninh Hòa)",
        "headers": [
            "TT",
            "Nhiệm vụ/ hoạt động",
            "Kết quả/ sản phẩm",
            "Hình thức tuyên truyền",
            "Thời gian thực hiện",
            "Phân công thực hiện",
        ],
    },
    "tthnnk-2026": {
        "seed": "002_1682e39f549b9e3f.txt",
        "head": None,  # the seed's first page starts at "KẾ HOẠCH"
        "title": ["Tuyên truyền cải cách hành chính năm 2026"],
        "attached": "(Kèm theo Kế hoạch số 68/KH-TTHNNK ngày 15/02/2026 về tuyên truyền cải cách hành chính năm 2026 "
        "của Trung tâm Hội nghị và Nhà khách tỉnh)",
        "headers": ["STT", "Nhiệm vụ", "Kết quả/sản phẩm", "Tiến độ", "Phân công và cách thức thực hiện"],
    },
}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _paragraph(container, text: str = "", *, centred: bool = False, bold: bool = False, style: str | None = None):
    """A paragraph; Markdown's **…** as bold runs, as Word holds them."""
    p = container.add_paragraph(style=style)
    for i, part in enumerate(text.split("**")):
        if part:
            p.add_run(nfd(part)).bold = bold or i % 2 == 1
    if centred:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _cell(cell, lines: list[str]) -> None:
    cell.paragraphs[0].text = nfd(lines[0]) if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(nfd(line))


def _two_columns(doc, left: list[str], right: list[str]) -> None:
    table = doc.add_table(rows=1, cols=2)
    _cell(table.cell(0, 0), left)
    _cell(table.cell(0, 1), right)


def _appendix_table(doc, headers: list[str], rows: list[list[list[str] | None]]) -> None:
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    for i, text in enumerate(headers):
        _cell(table.cell(0, i), [text])
    for r, row in enumerate(rows, 1):
        for c, lines in enumerate(row):
            if lines is not UP:
                _cell(table.cell(r, c), lines)
    for r, row in enumerate(rows, 1):
        for c, lines in enumerate(row):
            if lines is UP:
                top = r - 1
                while rows[top - 1][c] is UP and top > 1:
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))


def fixture_plan(name: str) -> Plan:
    """A fixture plan as the site reads it (STTs as written: "01")."""
    plan = read_plan(FIXTURES / f"{name}.yaml", f"plans/{name}.yaml", Collector())
    assert plan is not None
    return plan


def _sections(doc, plan: Plan) -> None:
    for section in plan.sections:
        if section.heading:
            _paragraph(doc, section.heading, bold=True)
        for line in section.body.splitlines():  # one Word paragraph a line
            line = line.strip()
            if line.startswith("- "):
                _paragraph(doc, line[2:], style="List Bullet")
            elif line:
                _paragraph(doc, line)
        _paragraph(doc)  # the empty paragraphs units leave between parts


def write_plan_docx(name: str, path: Path) -> Path:
    """The seed of fixture `name` as a Word file at `path`."""
    spec = SEED_PLANS[name]
    plan = fixture_plan(name)
    doc = docx.Document()
    if spec["head"]:
        _two_columns(doc, *spec["head"])
    _paragraph(doc)
    _paragraph(doc, "KẾ HOẠCH", centred=True, bold=True)
    for line in spec["title"]:
        _paragraph(doc, line, centred=True, bold=True)
    _paragraph(doc)
    for base in plan.bases:
        _paragraph(doc, base)
    _sections(doc, plan)
    assert plan.signer is not None
    recipients = ["Nơi nhận:", *(f"- {r}" for r in plan.recipients)]
    _two_columns(doc, recipients, [*plan.signer.title_lines, "", "", plan.signer.name])
    doc.add_page_break()
    _paragraph(doc, "Phụ lục", centred=True, bold=True)
    _paragraph(
        doc,
        (plan.appendix_title or "Nhiệm vụ cụ thể, sản phẩm, hình thức, thời gian và phân công thực hiện").upper(),
        centred=True,
        bold=True,
    )
    _paragraph(doc, spec["attached"], centred=True)
    _paragraph(doc)
    if name == "ttpy-khanh-hoa-2026":
        tables = seed_tables(SEEDS / spec["seed"])
        headers = [cell[0] for cell in tables[0][0]]
        tables = [rows[1:] for rows in tables]
    else:
        headers = spec["headers"]
        tables = fixture_tables(plan, "Hình thức" in " ".join(headers))
    for rows in tables:
        _appendix_table(doc, headers, rows)
        _paragraph(doc)
    doc.save(str(path))
    return path


# --- Seed 000: its own Markdown tables, as Word cells --------------------------


def _cell_lines(text: str) -> list[str]:
    """A cell's paragraphs: "- a - B" items start where " - " is followed by a capital or a digit."""
    text = text.strip()
    if not text:
        return []
    if not text.startswith("- "):
        return [text]
    parts = re.split(r" - (?=[^\W_a-zà-ỹđ])", text)
    return [p if p.startswith("- ") else f"- {p}" for p in parts]


def seed_tables(seed: Path) -> list[list[list[list[str] | None]]]:
    """Each Markdown table after "Phụ lục": its rows (header first), each cell a list of paragraphs.

    The second row of task 02 shares its assignment with the first: a merged cell, as in Word.
    """
    text = seed.read_text(encoding="utf-8").split("\nPhụ lục\n", 1)[1]
    tables = []
    for block in re.split(r"\n\s*\n", text):
        rows = [line for line in block.splitlines() if line.startswith("|") and not line.startswith("|--")]
        if rows:
            tables.append([[_cell_lines(c) for c in row.strip().strip("|").split("|")] for row in rows])
    for rows in tables:
        for i, row in enumerate(rows):
            if i > 1 and not row[0] and not row[5] and rows[i - 1][0] == ["02"]:
                row[5] = UP
    return tables


# --- Seeds 001 and 002: the transcribed rows, split and merged as Word does -----


def _rows_of(task: Task, forms: bool) -> list[list[list[str] | None]]:
    outputs = list(task.outputs)
    timeline = (task.timeline or "").strip().splitlines()
    row = [
        [task.stt],
        task.title.strip().splitlines(),
        outputs,
        *([list(task.forms)] if forms else []),
        timeline,
        (task.lead or "").strip().splitlines(),
    ]
    if len(outputs) == 2 and len(timeline) > 1:  # a task of two rows: the second under a blank STT
        second = [[], UP, [outputs[1]], *([[]] if forms else []), [timeline[-1]], UP]
        row[2], row[-2] = [outputs[0]], timeline[:-1]
        return [row, second]
    return [row]


def _split_title(row: list, forms: bool) -> tuple[list, list]:
    """A row cut by a page break: its title's end, from a word in lower case, under a blank STT."""
    words = row[1][0].split(" ")
    cut = next(i for i in range(len(words) // 2, len(words)) if words[i][:1].islower())
    first = [row[0], [" ".join(words[:cut])], *row[2:]]
    rest = [[], [" ".join(words[cut:])], *([[]] * (len(row) - 2))]
    return first, rest


def fixture_tables(plan: Plan, forms: bool) -> list[list[list[list[str] | None]]]:
    """Six tasks a table; the first table's last task runs onto the next one; equal cells merged."""
    tasks, size = plan.tasks, 6
    tables = [[r for task in tasks[i : i + size] for r in _rows_of(task, forms)] for i in range(0, len(tasks), size)]
    first, rest = _split_title(tables[0].pop(), forms)
    tables[0].append(first)
    tables[1].insert(0, rest)
    for rows in tables:
        for i in range(len(rows) - 1, 0, -1):
            for c in range(2, len(rows[i])):
                if rows[i][c] and rows[i][c] == rows[i - 1][c] and rows[i][0] and rows[i - 1][0]:
                    rows[i][c] = UP
    return tables
