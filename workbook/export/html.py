"""HTML rendering of the counselor report: one self-contained, print-friendly file.

No scripts, no outside requests (styles are inline; no fonts, images or links
are fetched), and every piece of participant text passes through
``html.escape``. Paragraphs carry ``dir="auto"`` so right-to-left text reads
the right way.
"""

from __future__ import annotations

from html import escape

from workbook.export.report import Block, Item, Report, Section

STYLE = """
@page { size: auto; margin: 16mm 14mm; @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #000; background: #fff;
       max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #000; padding-bottom: .15rem; margin-top: 2rem; break-after: avoid; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; break-after: avoid; }
.meta { margin: 0 0 1rem; }
.meta span { margin-right: 1.5rem; }
dl { margin: 0 0 .6rem; }
dt { font-weight: bold; margin-top: .4rem; }
dd { margin: 0 0 0 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
dd ul { white-space: normal; margin: .1rem 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92em; }
th, td { border: 1px solid #000; padding: .25rem .4rem; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
th { background: #e6e6e6; overflow-wrap: normal; white-space: nowrap; }
.private { font-style: italic; font-weight: normal; }
.note { font-style: italic; }
.crisis { border: 2px solid #000; padding: .4rem 1rem .8rem; margin-top: 1rem; break-inside: avoid; }
ul { padding-left: 1.2rem; }
"""


def _t(text: str) -> str:
    return escape(text, quote=True)


def _answer(item: Item) -> str:
    if item.bullets is not None:
        return "<ul>" + "".join(f'<li dir="auto">{_t(b)}</li>' for b in item.bullets) + "</ul>"
    return _t(item.text)


def _items(items: list[Item]) -> str:
    rows = "".join(f'<dt dir="auto">{_t(i.label)}</dt><dd dir="auto">{_answer(i)}</dd>' for i in items)
    return f"<dl>{rows}</dl>" if rows else ""


def _block(block: Block) -> str:
    private = ' <span class="private">(private)</span>' if block.private else ""
    return f"<h3>{_t(block.heading)}{private}</h3>{_items(block.items)}"


def _section(section: Section | None, empty: str) -> str:
    if section is None:
        return ""
    body = "".join(_block(b) for b in section.blocks) or (f'<p class="note">{_t(empty)}</p>' if empty else "")
    return f"<section><h2>{_t(section.title)}</h2>{body}</section>"


def _table(columns: tuple[str, ...] | list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{_t(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f'<td dir="auto">{_t(c)}</td>' for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(report: Report) -> str:
    """The whole report as one HTML document (a string)."""
    out = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{_t(report.title)}: {_t(report.period)}</title>", f"<style>{STYLE}</style></head><body>",
        f"<h1>{_t(report.title)}: my work to share</h1>", '<p class="meta">',
    ]
    if report.person:
        out.append(f"<span><b>Name:</b> {_t(report.person)}</span>")
    out.append(f"<span><b>Period:</b> {_t(report.period)}</span><span><b>Made:</b> {_t(report.made)}</span></p>")
    if report.is_empty():
        out.append('<p class="note">No entries were chosen for this period.</p>')

    if report.plan is not None:
        plan = report.plan
        out.append(f'<section><h2>Relapse-prevention plan</h2><p class="note">{_t(plan.status)}</p>')
        if plan.changes:
            out.append("<h3>What changed during this period</h3><ul>")
            out += [f'<li dir="auto">{_t(c)}</li>' for c in plan.changes]
            out.append("</ul>")
        out.append(_items(plan.items) + "</section>")

    out.append(_section(report.goals, "No goals were written or updated in this period."))

    triggers = report.triggers
    if triggers is not None:
        out.append("<section><h2>Trigger and craving log</h2><ul>")
        out += [f"<li><b>{_t(title)}:</b> {_t(text)}</li>" for title, text in triggers.facts()]
        out.append("</ul>" + _table(triggers.columns, triggers.rows) + "</section>")

    out.append(_section(report.gratitude, "No gratitude entries in this period."))
    out += [_section(other, "") for other in report.others]

    out.append('<section class="crisis"><h2>Crisis help and my support people</h2><ul>')
    out += [f"<li><b>{_t(line.name)}</b>{': ' + _t(line.detail) if line.detail else ''}</li>" for line in report.crisis]
    out.append("</ul>")
    if report.crisis_note:
        out.append(f'<p class="note">{_t(report.crisis_note)}</p>')
    if report.plan is not None and report.plan.contacts:
        out.append(_table(["Name", "Role", "Phone", "When to call"],
                          [[c.get(k, "") for k in ("name", "role", "phone", "when")] for c in report.plan.contacts]))
    out.append("</section>")
    out.append('<p class="note">Recovery Workbook supports treatment; it does not replace a counselor.</p>')
    out.append("</body></html>")
    return "\n".join(out)
