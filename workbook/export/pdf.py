"""PDF rendering of the counselor report and of the pocket card (fpdf2).

Black text on white, headings in bold, page numbers in the footer, tables
that repeat their heading row on each page: readable when printed in black
and white. Fonts and unknown characters are handled by ``pdf_text``.
"""

from __future__ import annotations

from fpdf import FPDF

from workbook.export.pdf_text import BOLD, REGULAR, Sanitiser, fallback_fonts, needs_shaping, shaping_available
from workbook.export.report import Block, Card, Item, Report, Section

FONT = "DejaVu"


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 6, f"{self.footer_text}   Page {self.page_no()} of {{nb}}", align="C")


def _new_document(fmt: str | tuple[float, float] = "A4", margin: float = 15) -> _Document:
    pdf = _Document(format=fmt)
    pdf.set_margins(margin, margin, margin)
    pdf.set_auto_page_break(True, margin=margin)
    pdf.add_font(FONT, "", str(REGULAR))
    pdf.add_font(FONT, "B", str(BOLD))
    names = []
    for number, path in enumerate(fallback_fonts()):
        name = f"Fallback{number}"
        pdf.add_font(name, "", str(path))
        names.append(name)
    if names:
        pdf.set_fallback_fonts(names, exact_match=False)
    pdf.set_font(FONT, size=10)
    return pdf


class _Writer:
    def __init__(self, pdf: _Document) -> None:
        self.pdf = pdf
        self.sanitise = Sanitiser()
        self.can_shape = shaping_available()
        self.shaping = False
        # fpdf2's text() is about five times faster than cell(); cell() is needed only
        # where fallback fonts must be consulted glyph by glyph.
        self.fast_lines = not fallback_fonts()

    def line(self, x: float, y: float, width: float, height: float, text: str) -> None:
        """Draw one already-wrapped line with its top-left corner at (x, y)."""
        pdf = self.pdf
        if self.fast_lines and not self.shaping:
            pdf.text(x, y + height / 2 + pdf.font_size * 0.35, text)
        else:
            pdf.set_xy(x, y)
            pdf.cell(width, height, text)

    def shape_for(self, text: str) -> None:
        """Turn shaping on only for text that needs it (it is slow)."""
        shape = self.can_shape and needs_shaping(text)
        if shape != self.shaping:
            self.pdf.set_text_shaping(shape)
            self.shaping = shape

    def clean(self, text: str) -> str:
        """Text ready to draw: shaping chosen, unknown characters made visible."""
        self.shape_for(text)
        return self.sanitise(text)

    def heading(self, text: str, size: float = 14) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 40:
            pdf.add_page()
        pdf.ln(3)
        self.text(text, bold=True, size=size)
        if size >= 14:
            pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
        pdf.ln(2)

    def wrap(self, text: str, width: float) -> list[str]:
        """Break ``text`` into lines no wider than ``width`` (mm) in the current font.

        fpdf2's own line breaking measures each line character by character, which
        made a year's report take many seconds; measuring whole words is enough here.
        """
        lines: list[str] = []
        # Advance widths in 1/1000 em, keyed by code point (our fonts are all TrueType).
        widths: dict[int, float] = self.pdf.current_font.cw  # type: ignore[union-attr, assignment]
        factor = self.pdf.font_size_pt * 0.001 / self.pdf.k

        def measure(piece: str) -> float:
            return sum(widths[ord(ch)] for ch in piece) * factor

        space = measure(" ")
        for paragraph in text.split("\n"):
            current, used = "", 0.0
            for word in paragraph.split(" "):
                size = measure(word)
                while size > width:  # a word longer than the line: break it by characters
                    if current:
                        lines.append(current)
                        current, used = "", 0.0
                    cut = max(1, int(len(word) * width / size))
                    while cut > 1 and measure(word[:cut]) > width:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                    size = measure(word)
                if current and used + space + size > width:
                    lines.append(current)
                    current, used = word, size
                else:
                    current, used = (f"{current} {word}", used + space + size) if current else (word, size)
            lines.append(current)
        return lines

    def text(self, text: str, bold: bool = False, size: float = 10, indent: float = 0) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "B" if bold else "", size)
        cleaned = self.clean(text)
        width = pdf.epw - indent
        if self.shaping:  # shaped scripts: let fpdf2 place them
            pdf.set_x(pdf.l_margin + indent)
            pdf.multi_cell(width, size * 0.5, cleaned, new_x="LMARGIN", new_y="NEXT", align="L")
        else:
            height = size * 0.5
            for line in self.wrap(cleaned, width):
                if pdf.get_y() + height > pdf.page_break_trigger:
                    pdf.add_page()
                self.line(pdf.l_margin + indent, pdf.get_y(), width, height, line)
                pdf.set_xy(pdf.l_margin, pdf.get_y() + height)
        pdf.set_font(FONT, size=10)

    def items(self, items: list[Item]) -> None:
        for item in items:
            self.text(item.label, bold=True)
            if item.bullets is not None:
                for bullet in item.bullets:
                    self.text("• " + bullet, indent=4)
            else:
                self.text(item.text, indent=4)
            self.pdf.ln(1)

    def block(self, block: Block) -> None:
        self.heading(block.heading + (" (private)" if block.private else ""), size=11)
        self.items(block.items)

    def section(self, section: Section | None, empty: str) -> None:
        if section is None:
            return
        self.heading(section.title)
        if not section.blocks and empty:
            self.text(empty)
        for block in section.blocks:
            self.block(block)

    def table(self, columns: tuple[str, ...] | list[str], rows: list[list[str]], ratios: tuple[int, ...]) -> None:
        """A ruled table whose heading row repeats on each page; tall rows continue on the next page."""
        pdf = self.pdf
        pdf.set_font(FONT, size=8.5)
        self.shape_for(" ".join(" ".join(row) for row in rows))  # one shaping choice for the whole table
        widths = [pdf.epw * r / sum(ratios) for r in ratios]
        heading = [self.wrap(c, w - 2 * _PAD) for c, w in zip(columns, widths)]
        self._row(heading, widths, heading=None)
        for row in rows:
            self._row([self.wrap(self.sanitise(v), w - 2 * _PAD) for v, w in zip(row, widths)], widths, heading)
        pdf.set_font(FONT, size=10)
        pdf.ln(2)

    def _row(self, cells: list[list[str]], widths: list[float], heading: list[list[str]] | None) -> None:
        pdf = self.pdf
        start = 0
        tallest = max(len(lines) for lines in cells)
        while start < tallest:
            room = int((pdf.page_break_trigger - pdf.get_y() - 2 * _PAD) // _LINE)
            if room < 1 or (start == 0 and room < min(tallest, 3)):
                pdf.add_page()
                if heading is not None:
                    self._row(heading, widths, heading=None)
                continue
            chunk = min(room, tallest - start)
            height = chunk * _LINE + 2 * _PAD
            x, y = pdf.l_margin, pdf.get_y()
            pdf.set_font(FONT, "B" if heading is None else "", 8.5)
            for lines, width in zip(cells, widths):
                pdf.set_fill_color(230, 230, 230)
                pdf.rect(x, y, width, height, style="DF" if heading is None else "D")
                for number, text in enumerate(lines[start:start + chunk]):
                    self.line(x + _PAD, y + _PAD + number * _LINE, width - 2 * _PAD, _LINE, text)
                x += width
            pdf.set_xy(pdf.l_margin, y + height)
            start += chunk


_LINE, _PAD = 4.0, 1.0


def render_pdf(report: Report) -> bytes:
    """The whole report as PDF bytes."""
    pdf = _new_document()
    pdf.footer_text = f"{report.title}, {report.period}"
    pdf.set_title(f"{report.title}: {report.period}")
    pdf.set_creator("Recovery Workbook")
    pdf.add_page()
    w = _Writer(pdf)
    w.heading(f"{report.title}: my work to share", size=18)
    if report.person:
        w.text(f"Name: {report.person}")
    w.text(f"Period: {report.period}")
    w.text(f"Made: {report.made}")
    if report.is_empty():
        pdf.ln(2)
        w.text("No entries were chosen for this period.")

    if report.plan is not None:
        plan = report.plan
        w.heading("Relapse-prevention plan")
        w.text(plan.status, size=9)
        pdf.ln(1)
        if plan.changes:
            w.text("What changed during this period", bold=True)
            for change in plan.changes:
                w.text("• " + change, indent=4)
            pdf.ln(2)
        w.items(plan.items)

    w.section(report.goals, "No goals were written or updated in this period.")

    triggers = report.triggers
    if triggers is not None:
        w.heading("Trigger and craving log")
        for title, text in triggers.facts():
            w.text(f"{title}: {text}")
        pdf.ln(2)
        w.table(triggers.columns, triggers.rows, (22, 14, 26, 15, 43))

    w.section(report.gratitude, "No gratitude entries in this period.")
    for other in report.others:
        w.section(other, "")

    w.heading("Crisis help and my support people")
    for line in report.crisis:
        w.text(line.name, bold=True)
        if line.detail:
            w.text(line.detail, indent=4)
    if report.crisis_note:
        w.text(report.crisis_note, size=9)
    if report.plan is not None and report.plan.contacts:
        pdf.ln(2)
        w.table(["Name", "Role", "Phone", "When to call"],
                [[c.get(k, "") for k in ("name", "role", "phone", "when")] for c in report.plan.contacts], (30, 20, 25, 25))
    pdf.ln(3)
    w.text("Recovery Workbook supports treatment; it does not replace a counselor.", size=9)
    if w.sanitise.replaced:
        w.text(f"{w.sanitise.replaced} characters could not be drawn with the fonts on this computer and are shown "
               "in [brackets]. The HTML and Markdown exports show them as typed.", size=9)
    return bytes(pdf.output())


def render_card(card: Card) -> bytes:
    """The pocket card: one page, 85 x 110 mm, folding in half to a wallet-sized 85 x 55 mm."""
    for size in (7.0, 6.5, 6.0, 5.5, 5.0, 4.5):
        payload, fits = _card_at(card, size)
        if fits:
            return payload
    return payload  # the smallest size, with lists already shortened to fit


def _card_at(card: Card, size: float) -> tuple[bytes, bool]:
    pdf = _new_document((85, 110), margin=4)
    pdf.set_auto_page_break(False)
    pdf.footer = lambda: None  # type: ignore[method-assign]
    pdf.add_page()
    w = _Writer(pdf)
    line = size * 0.42

    def heading(text: str) -> None:
        pdf.set_font(FONT, "B", size + 0.5)
        pdf.multi_cell(0, line + 0.3, w.clean(text), new_x="LMARGIN", new_y="NEXT", align="L")

    def bullet(text: str) -> None:
        pdf.set_font(FONT, "", size)
        pdf.multi_cell(0, line, w.clean("• " + text), new_x="LMARGIN", new_y="NEXT", align="L")

    heading("My plan: when things get hard")
    for title, values in (("Warning signs → what I do", card.warning_signs), ("What helps me cope", card.coping),
                          ("If I use: first steps", card.first_steps)):
        if values:
            heading(title)
            for value in values:
                bullet(value)
    fold = 55
    top_fits = pdf.get_y() <= fold - 1.5
    pdf.set_y(max(pdf.get_y(), fold))
    pdf.set_draw_color(150, 150, 150)
    pdf.set_dash_pattern(dash=1, gap=1)
    pdf.line(2, fold - 1, 83, fold - 1)  # where to fold
    pdf.set_dash_pattern()
    heading("People I can call")
    for contact in card.contacts or ["Add your support people to your plan."]:
        bullet(contact)
    heading("Crisis help")
    for crisis_line in card.crisis:
        bullet(crisis_line)
    fits = top_fits and pdf.get_y() <= pdf.h - 3 and pdf.page_no() == 1
    return bytes(pdf.output()), fits
