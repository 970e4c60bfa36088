"""Crisis resources: the default lines, the person's own edits, and their support contacts.

Works with no network: everything shown is stored here or in the workbook.
The defaults are for the United States; the person can replace them (the list
is kept in the settings) for wherever they live.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the export layer imports this module and must not pull in the store
    from workbook.store.workbook_store import Store

PLAN_ID = "relapse-prevention-plan"
SETTING_KEY = "crisis_lines"
DEFAULTS_NOTE = "These numbers are for the United States."
DEFAULTS_APPLY = DEFAULTS_NOTE + " Press E to change them for where you live."


@dataclass(frozen=True)
class CrisisLine:
    name: str
    detail: str


DEFAULT_LINES = (
    CrisisLine("In immediate danger", "Call 911."),
    CrisisLine("988 Suicide & Crisis Lifeline",
               "Call or text 988, or chat at 988lifeline.org. For mental-health and substance-use crises. "
               "Press 1 for the Veterans Crisis Line, 2 for Spanish."),
    CrisisLine("SAMHSA National Helpline",
               "1-800-662-4357 (1-800-662-HELP), TTY 1-800-487-4889. Free, private, 24/7, "
               "English and Spanish. Referrals to treatment and support."),
    CrisisLine("Crisis Text Line", "Text HOME to 741741."),
)


def crisis_lines(store: Store | None) -> list[CrisisLine]:
    """The person's own list when they have edited it, else the defaults (also while locked)."""
    saved = store.get_setting(SETTING_KEY) if store is not None else None
    if isinstance(saved, list) and saved:
        return [CrisisLine(str(i.get("name", "")), str(i.get("detail", ""))) for i in saved if isinstance(i, dict)]
    return list(DEFAULT_LINES)


def uses_defaults(store: Store | None) -> bool:
    return store is None or not store.get_setting(SETTING_KEY)


def lines_to_text(lines: list[CrisisLine]) -> str:
    """The editable form: one line per resource, 'Name: what to do'."""
    return "\n".join(f"{line.name}: {line.detail}" for line in lines)


def text_to_lines(text: str) -> list[CrisisLine]:
    """Parse the edited text back; a line without a colon is a name and number together."""
    lines = []
    for raw in text.splitlines():
        raw = raw.strip()
        if not raw:
            continue
        name, sep, detail = (part.strip() for part in raw.partition(":"))
        if not sep:
            lines.append(CrisisLine(raw, ""))
        elif name or detail:
            lines.append(CrisisLine(name, detail) if name else CrisisLine(detail, ""))
    return lines


def save_lines(store: Store, lines: list[CrisisLine]) -> None:
    """Keep the person's list; an empty list brings the defaults back."""
    store.set_setting(SETTING_KEY, [{"name": l.name, "detail": l.detail} for l in lines])


def support_contacts(store: Store | None) -> list[dict[str, Any]]:
    """The contacts table from the person's relapse-prevention plan (none while locked)."""
    if store is None:
        return []
    plans = store.entries(PLAN_ID)
    if not plans:
        return []
    rows = plans[0].answers.get("contacts") or []
    return [row for row in rows if isinstance(row, dict) and (row.get("name") or row.get("phone"))]
