"""Markdown rendering of the counselor report (pastes cleanly into a notes system).

Participant text is escaped so that a ``*`` or ``#`` they typed stays a
character and never becomes formatting.
"""

from __future__ import annotations

import re

from workbook.export.report import Block, Item, Report, Section

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def escape(text: str) -> str:
    """Escape Markdown syntax in participant text; keep line breaks as hard breaks."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = re.sub(r"^(\s*)([-+]|\d+\.)(\s)", r"\1\\\2\3", escaped, flags=re.MULTILINE)
    return escaped.replace("\n", "  \n")


def _cell(text: str) -> str:
    return escape(" ".join(text.split())) or " "


def label(text: str) -> str:
    """A field label ending in a colon (unless it already ends in punctuation)."""
    return escape(text) + ("" if text.endswith(("?", ":", ".")) else ":")


def _items(lines: list[str], items: list[Item]) -> None:
    for item in items:
        if item.bullets is not None:
            lines += [f"**{label(item.label)}**", ""]
            lines += [f"- {escape(' '.join(b.split()))}" for b in item.bullets]
            lines.append("")
        elif "\n" in item.text:
            lines += [f"**{label(item.label)}**  ", escape(item.text), ""]
        else:
            lines += [f"**{label(item.label)}** {escape(item.text)}", ""]


def _block(lines: list[str], block: Block) -> None:
    lines.append(f"### {escape(block.heading)}{' (private)' if block.private else ''}")
    lines.append("")
    _items(lines, block.items)


def _section(lines: list[str], section: Section | None, empty: str) -> None:
    if section is None:
        return
    lines += [f"## {escape(section.title)}", ""]
    if not section.blocks:
        lines += [empty, ""]
    for block in section.blocks:
        _block(lines, block)


def render_markdown(report: Report) -> str:
    """The whole report as Markdown text."""
    lines = [f"# {report.title}: my work to share", ""]
    if report.person:
        lines.append(f"**Name:** {escape(report.person)}  ")
    lines += [f"**Period:** {escape(report.period)}  ", f"**Made:** {escape(report.made)}", ""]
    if report.is_empty():
        lines += ["_No entries were chosen for this period._", ""]

    if report.plan is not None:
        plan = report.plan
        lines += ["## Relapse-prevention plan", "", f"_{escape(plan.status)}_", ""]
        if plan.changes:
            lines += ["**What changed during this period:**", ""]
            lines += [f"- {escape(change)}" for change in plan.changes]
            lines.append("")
        _items(lines, plan.items)

    _section(lines, report.goals, "_No goals were written or updated in this period._")

    triggers = report.triggers
    if triggers is not None:
        lines += ["## Trigger and craving log", ""]
        lines += [f"- **{title}:** {escape(text)}" for title, text in triggers.facts()]
        lines += ["", "| " + " | ".join(triggers.columns) + " |", "|" + "---|" * len(triggers.columns)]
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in triggers.rows]
        lines.append("")

    _section(lines, report.gratitude, "_No gratitude entries in this period._")
    for other in report.others:
        _section(lines, other, "")

    lines += ["## Crisis help and my support people", ""]
    lines += [f"- **{escape(line.name)}**" + (f": {escape(line.detail)}" if line.detail else "") for line in report.crisis]
    if report.crisis_note:
        lines += ["", f"_{escape(report.crisis_note)}_"]
    if report.plan is not None and report.plan.contacts:
        lines += ["", "| Name | Role | Phone | When to call |", "|---|---|---|---|"]
        lines += ["| " + " | ".join(_cell(c.get(k, "")) for k in ("name", "role", "phone", "when")) + " |"
                  for c in report.plan.contacts]
    lines += ["", "_Recovery Workbook supports treatment; it does not replace a counselor._", ""]
    return "\n".join(lines)
