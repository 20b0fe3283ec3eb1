"""An administrative document in the layout of Decree 30/2020/NĐ-CP, written as .docx bytes.

The decree's thể thức (Phụ lục I): A4 paper; margins top and bottom 20–25 mm, left
30–35 mm, right 15–20 mm; Times New Roman, body 13–14 pt; the heading a two-column
table (issuer above its number | national motto above place and date); the kind of
document in bold capitals, its summary (trích yếu) below; Nơi nhận and the signer
side by side at the end. Values from editors' files go into text runs only, never
into markup. The bytes are the same for the same content: python-docx's zip dates and
core properties (author, times) are replaced as attachments' are (`documents.clean_office`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..text.ui import STRINGS
from .documents import clean_office

FONT = "Times New Roman"
BODY_PT = 13
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
PAGE_MM = (210, 297)  # A4
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
NARROW_MM = 14  # an STT or a count


class OfficialDocument:
    """One document being written, top to bottom."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        for name in ("Normal", "Table Grid", "List Bullet"):
            style = self.doc.styles[name]
            style.font.name = FONT
            style.font.size = Pt(BODY_PT)
            # Word picks the East Asian font slot for some Vietnamese letters: name it too.
            style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        self.doc.styles["Normal"].paragraph_format.space_after = Pt(6)

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        centred: bool = False,
        size: int | None = None,
        into: _Cell | None = None,
    ) -> Paragraph:
        """A paragraph; `**bold**` spans of Markdown become bold runs."""
        target = into if into is not None else self.doc
        paragraph = into.paragraphs[0] if into is not None and not _used(into) else target.add_paragraph()
        for i, part in enumerate(text.split("**")):
            if part:
                run = paragraph.add_run(part)
                run.bold = bold or i % 2 == 1
                run.italic = italic
                if size:
                    run.font.size = Pt(size)
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return paragraph

    def heading(self, issuer: str, parent: str | None, number: str, dateline: str) -> None:
        """The two-column heading: issuer and Số | national motto and place, date."""
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.cell(0, 0), table.cell(0, 1)
        left.width, right.width = Mm(70), Mm(95)
        if parent:
            self.para(parent.upper(), centred=True, size=12, into=left)
        self.para(issuer.upper(), bold=True, centred=True, size=12, into=left)
        self.para(f"{STRINGS['plan_number']}: {number}", centred=True, into=left)
        self.para(STRINGS["plan_nation"], bold=True, centred=True, size=12, into=right)
        self.para(STRINGS["plan_motto"], bold=True, centred=True, size=14, into=right)
        self.para(dateline, italic=True, centred=True, into=right)

    def title(self, kind: str, summary: Iterable[str]) -> None:
        self.para()
        self.para(kind, bold=True, centred=True, size=14)
        for line in summary:
            self.para(line, bold=True, centred=True, size=14)

    def table(
        self, headers: Sequence[str], rows: Iterable[Sequence[Sequence[str]]], narrow: Sequence[int] = (0,)
    ) -> Table:
        """A bordered table whose header row Word repeats on every page; each cell a list of lines.

        Columns in `narrow` (STT, counts) get a fixed narrow width, the others share the line.
        """
        rows = list(rows)
        table: Table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        wide = (TEXT_MM - NARROW_MM * len(narrow)) / max(1, len(headers) - len(narrow))
        for i, column in enumerate(table.columns):
            width = Mm(NARROW_MM if i in narrow else wide)
            for cell in column.cells:
                cell.width = width
        for i, header in enumerate(headers):
            self.para(header, bold=True, centred=True, into=table.cell(0, i))
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)
        for r, cells in enumerate(rows, 1):
            for c, lines in enumerate(cells):
                for line in lines:
                    self.para(line, into=table.cell(r, c))
        return table

    def closing(self, recipients: Sequence[str], signer_title: Sequence[str], signer_name: str) -> None:
        """Nơi nhận (left, small) beside the signer (right): one borderless table, as the decree places them."""
        self.para()
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.cell(0, 0), table.cell(0, 1)
        self.para(STRINGS["plan_recipients"], bold=True, italic=True, size=12, into=left)
        for item in recipients:
            self.para(f"- {item}", size=11, into=left)
        for line in signer_title:
            self.para(line.upper(), bold=True, centred=True, into=right)  # the decree's chức vụ: capitals
        for _ in range(3):
            self.para(into=right)  # room for the signature and the seal
        self.para(signer_name, bold=True, centred=True, into=right)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def bytes(self) -> bytes:
        # python-docx's template carries a thumbnail of some other document: not ours to ship.
        package = self.doc.part.package
        for key, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[key]
        out = io.BytesIO()
        self.doc.save(out)
        return clean_office(out.getvalue())


def _used(cell: _Cell) -> bool:
    """A cell's first paragraph already written to (it may hold an empty paragraph on purpose)."""
    return bool(cell.paragraphs[0].runs) or len(cell.paragraphs) > 1


def merge_down(table: Table, row: int, column: int, span: int) -> None:
    """One cell over `span` rows (Word's vertical merge), as the signed Phụ lục merges a shared value."""
    if span > 1:
        table.cell(row, column).merge(table.cell(row + span - 1, column))
