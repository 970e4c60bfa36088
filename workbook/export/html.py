"""Provides ``render_html``: the report as one self-contained, accessible web page.

A ``main`` landmark, a table of contents, headings in order, tables with header cells,
charts as inline SVG with a text alternative and their numbers in a table, print styles
that fit Letter and A4. No scripts and no outside requests (a Content-Security-Policy
forbids them); every piece of participant text passes through ``html.escape`` and carries
``dir="auto"`` so right-to-left writing reads the right way.
"""

from __future__ import annotations

from html import escape
from typing import assert_never

from workbook.common.i18n import _
from workbook.common.printable import printable
from workbook.export.document import Block, Bullets, Chart, EntryBlock, Facts, Item, Paragraph, Report, Section, Table

STYLE = """
:root { color: #000; background: #fff; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; max-width: 52rem; margin: 1.5rem auto;
       padding: 0 1rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #000; padding-bottom: .15rem; margin-top: 2rem; break-after: avoid; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; break-after: avoid; }
.meta span { margin-right: 1.5rem; }
nav ol { columns: 2; }
dl { margin: 0 0 .6rem; }
dt { font-weight: bold; margin-top: .4rem; }
dd { margin: 0 0 0 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
dd ul { white-space: normal; margin: .1rem 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92em; }
caption { text-align: start; font-weight: bold; padding: .2rem 0; }
th, td { border: 1px solid #000; padding: .25rem .4rem; text-align: start; vertical-align: top;
          overflow-wrap: anywhere; }
th { background: #e6e6e6; }
figure { margin: .8rem 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; border: 1px solid #000; }
.note { font-style: italic; }
.marks { font-weight: normal; font-style: italic; }
.crisis { border: 2px solid #000; padding: .4rem 1rem .8rem; margin-top: 1rem; break-inside: avoid; }
@page { size: auto; margin: 15mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  nav { display: none; }
  a { color: #000; text-decoration: none; }
  h2 { break-before: auto; }
  .page-end { break-after: page; }
}
"""


def _t(text: str) -> str:
    return escape(printable(text), quote=True)


def _answer(item: Item) -> str:
    if item.bullets is not None:
        return "<ul>" + "".join(f'<li dir="auto">{_t(b)}</li>' for b in item.bullets) + "</ul>"
    return _t(item.text)


def _items(items: tuple[Item, ...]) -> str:
    rows = "".join(f'<dt dir="auto">{_t(i.label)}</dt><dd dir="auto">{_answer(i)}</dd>' for i in items)
    return f"<dl>{rows}</dl>" if rows else ""


def _table(table: Table) -> str:
    caption = f"<caption>{_t(table.caption)}</caption>" if table.caption else ""
    head = "".join(f'<th scope="col">{_t(c)}</th>' for c in table.columns)
    body = "".join("<tr>" + "".join(f'<td dir="auto">{_t(c)}</td>' for c in row) + "</tr>" for row in table.rows)
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return (
            f'<p class="note" dir="auto">{_t(block.text)}</p>' if block.note else f'<p dir="auto">{_t(block.text)}</p>'
        )
    if isinstance(block, Facts):
        title = f"<h3>{_t(block.title)}</h3>" if block.title else ""
        rows = "".join(f'<dt>{_t(label)}</dt><dd dir="auto">{_t(value)}</dd>' for label, value in block.rows)
        return f"{title}<dl>{rows}</dl>"
    if isinstance(block, Bullets):
        title = f"<h3>{_t(block.title)}</h3>" if block.title else ""
        return title + "<ul>" + "".join(f'<li dir="auto">{_t(i)}</li>' for i in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return f"<figure>{block.svg}<figcaption>{_t(block.title)}: {_t(block.alt)}</figcaption></figure>" + _table(
            Table(block.table.columns, block.table.rows, block.numbers_caption)
        )
    if isinstance(block, EntryBlock):
        note = f'<p class="note">{_t(block.note)}</p>' if block.note else ""
        return (
            f'<h3 dir="auto">{_t(block.heading)}'
            + (f'<span class="marks">{_t(block.marks)}</span>' if block.marks else "")
            + f"</h3>{note}{_items(block.items)}"
        )
    assert_never(block)


def _section(section: Section) -> str:
    body = "".join(_block(b) for b in section.blocks)
    if not body and section.empty:
        body = f'<p class="note">{_t(section.empty)}</p>'
    classes = " ".join(c for c, on in (("crisis", section.id == "crisis"), ("page-end", section.page_end)) if on)
    extra = f' class="{classes}"' if classes else ""
    return (
        f'<section id="{_t(section.id)}"{extra} aria-labelledby="h-{_t(section.id)}">'
        f'<h2 id="h-{_t(section.id)}">{_t(section.title)}</h2>{body}</section>'
    )


def render_html(report: Report) -> str:
    """The whole report as one HTML document (a string)."""
    meta = []
    # Outside the f-strings: Babel reads an f-string as plain text and would miss them.
    name, period, made, contents_word = _("Name"), _("Period"), _("Made"), _("Contents")
    if report.person:
        meta.append(f"<span><b>{_t(name)}:</b> {_t(report.person)}</span>")
    meta += [
        f"<span><b>{_t(period)}:</b> {_t(report.period)}</span>",
        f"<span><b>{_t(made)}:</b> {_t(report.made)}</span>",
    ]
    contents = "".join(f'<li><a href="#{_t(s.id)}">{_t(s.title)}</a></li>' for s in report.sections)
    nothing = report.empty_note
    empty = f'<p class="note">{_t(nothing)}</p>' if report.is_empty() else ""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{_t(report.lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
            f"<title>{_t(report.title)}: {_t(report.period)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{_t(report.title)}: {_t(report.subtitle.lower())}</h1>",
            f'<p class="meta">{"".join(meta)}</p>',
            empty,
            f'<nav aria-label="{_t(contents_word)}"><h2>{_t(contents_word)}</h2><ol>{contents}</ol></nav>',
            *(_section(s) for s in report.sections),
            f'<p class="note">{_t(report.disclaimer)}</p>',
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
