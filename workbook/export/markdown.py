"""Provides ``render_markdown``: the report as Markdown that pastes cleanly into a notes system.

Participant text can never make structure: characters that would start a heading, a list,
a quote, a code block, a table, a link, emphasis or an HTML tag are escaped, and only where
they would act (a ``1.`` inside a sentence stays ``1.``), so a plain-text reader meets few
backslashes. Every export is checked with a CommonMark renderer in the tests. Links are those
of CommonMark and GitHub: a bare domain ("988lifeline.org"), which a few renderers link on
their own guess, is left as written, so the crisis lines' addresses stay readable (and
clickable there) rather than meet a backslash in every report.
"""

from __future__ import annotations

import re
from typing import assert_never

from workbook.common.i18n import _
from workbook.common.printable import printable
from workbook.export.document import Block, Bullets, Chart, EntryBlock, Facts, Item, Paragraph, Report, Table

# Inline marks that act anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Bare addresses that GitHub-flavoured renderers turn into links.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(:)|\b(www)(\.)|(?<=[A-Za-z0-9._%+-])(@)(?=[A-Za-z0-9-]+\.)")
# Line starts that make structure: a heading, a quote, a list item, a thematic break or a
# setext underline. (Code fences and HTML need ` ~ < which are escaped everywhere.)
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|(?:-[ \t]*){2,}$|=+\s*$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _autolinks(match: re.Match[str]) -> str:
    scheme, colon, www, dot, at = match.groups()
    if scheme:
        return f"{scheme}\\{colon}"
    if www:
        return f"{www}\\{dot}"
    return f"\\{at}"


# Whatever any of the patterns above could act on: most lines hold none of it, and five
# substitutions over every line were half of a long report's Markdown (issue 30).
_MAY_ACT = re.compile(r"[\\`*_\[\]<>|~&@]|(?i:https?:|ftp:|mailto:|www\.)|^[#>+=\d-]")


def escape_line(line: str) -> str:
    """One line of participant text, safe wherever a line of a paragraph may go."""
    text = printable(line).strip()  # leading spaces could make code; trailing ones a hard break
    if not _MAY_ACT.search(text):
        return text
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _AUTOLINK.sub(_autolinks, text)
    text = _BLOCK_START.sub(lambda m: "\\" + m.group(1), text)
    return _ORDERED.sub(r"\1\\\2", text)


def escape(text: str) -> str:
    """Participant text (perhaps several lines), safe inside a paragraph; each line stays a
    line, and an empty line (which would end the paragraph) is kept as a no-break space."""
    return "  \n".join(escape_line(line) or "\u00a0" for line in text.split("\n"))


def _cell(text: str) -> str:
    return escape_line(" ".join(text.split())) or " "


def _label(text: str) -> str:
    return escape_line(text) + ("" if text.endswith(("?", ":", ".")) else ":")


def _items(lines: list[str], items: tuple[Item, ...]) -> None:
    for item in items:
        if item.bullets is not None:
            lines += [f"**{_label(item.label)}**", ""]
            lines += [f"- {escape_line(' '.join(b.split()))}" for b in item.bullets]
            lines.append("")
        elif "\n" in item.text:
            lines += [f"**{_label(item.label)}**  ", escape(item.text), ""]
        else:
            lines += [f"**{_label(item.label)}** {escape_line(item.text)}", ""]


def _table(lines: list[str], table: Table) -> None:
    if table.caption:
        lines += [f"*{escape_line(table.caption)}*", ""]
    lines += ["| " + " | ".join(_cell(c) for c in table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    lines.append("")


def _block(lines: list[str], block: Block) -> None:
    if isinstance(block, Paragraph):
        lines += [f"*{escape(block.text)}*" if block.note else escape(block.text), ""]
    elif isinstance(block, Facts):
        if block.title:
            lines += [f"### {escape_line(block.title)}", ""]
        lines += [f"- **{_label(label)}** {escape_line(value)}" for label, value in block.rows]
        lines.append("")
    elif isinstance(block, Bullets):
        if block.title:
            lines += [f"**{_label(block.title)}**", ""]
        lines += [f"- {escape_line(' '.join(i.split()))}" for i in block.items]
        lines.append("")
    elif isinstance(block, Table):
        _table(lines, block)
    elif isinstance(block, Chart):
        lines += [f"**{_label(block.title)}**", ""]
        if "\n" in block.text:
            lines += [block.text, ""]
        else:
            lines += [f"`{block.text}`", ""]
            _table(lines, block.table)
    elif isinstance(block, EntryBlock):
        lines += [f"### {escape_line(block.heading)}{block.marks}", ""]
        if block.note:
            lines += [f"*{escape_line(block.note)}*", ""]
        _items(lines, block.items)
    else:
        assert_never(block)


def render_markdown(report: Report) -> str:
    """The whole report as Markdown text."""
    lines = [f"# {report.title}: {report.subtitle.lower()}", ""]
    if report.person:
        lines.append(_("**Name:** {escape_line}  ").format(escape_line=escape_line(report.person)))
    lines += [
        _("**Period:** {escape_line}  ").format(escape_line=escape_line(report.period)),
        _("**Made:** {escape_line}").format(escape_line=escape_line(report.made)),
        "",
    ]
    if report.is_empty():
        lines += [f"*{report.empty_note}*", ""]
    for section in report.sections:
        lines += [f"## {escape_line(section.title)}", ""]
        if not section.blocks and section.empty:
            lines += [f"*{escape_line(section.empty)}*", ""]
        for block in section.blocks:
            _block(lines, block)
    lines += [f"*{report.disclaimer}*", ""]
    return "\n".join(lines)
