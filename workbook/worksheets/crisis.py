"""Provides crisis resources: the default lines, the person's own list, and their support
contacts from their plan, for every screen, the command line and every export.

Works with no network: everything shown is stored here or in the workbook. The defaults
are for the United States; the person can replace them (the list is kept in the settings)
for wherever they live, and then their list is used everywhere lines are shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workbook.common.i18n import N_, _
from workbook.worksheets.builtin import Plan
from workbook.worksheets.entry import Entry

SETTING_KEY = "crisis_lines"
DEFAULTS_NOTE = N_("These numbers are for the United States.")
DEFAULTS_APPLY = N_("Press E to change them for where you live.")
MAX_LINES = 30


@dataclass(frozen=True)
class CrisisLine:
    name: str
    detail: str

    def text(self) -> str:
        return f"{self.name}: {self.detail}" if self.detail else self.name


# The US defaults, in the words of the language in use (``default_lines``). In Spanish the
# 988 line says to press 2 on a call and to text AYUDA to 988 (988lifeline.org, "What to
# expect": the Spanish-language text service), and SAMHSA's helpline answers in Spanish; the
# Crisis Text Line keyword HOME is its English service, so the Spanish list says so rather
# than promise more.
_DEFAULTS = (
    (N_("In immediate danger"), N_("Call 911.")),
    (
        N_("988 Suicide & Crisis Lifeline"),
        N_(
            "Call or text 988, or chat at 988lifeline.org. For mental-health and substance-use "
            "crises. On the call, press 1 for the Veterans Crisis Line, 2 for Spanish."
        ),
    ),
    (
        N_("Deaf or hard of hearing"),
        N_("Call 988 by videophone in American Sign Language, or use ASL Now at 988lifeline.org."),
    ),
    (
        N_("SAMHSA National Helpline"),
        N_(
            "1-800-662-4357 (1-800-662-HELP), TTY 1-800-487-4889. Free, private, 24/7, "
            "English and Spanish. Referrals to treatment and support."
        ),
    ),
    (N_("Crisis Text Line"), N_("Text HOME to 741741.")),
)


def default_lines() -> tuple[CrisisLine, ...]:
    """The US crisis lines, in the language in use."""
    return tuple(CrisisLine(_(name), _(detail)) for name, detail in _DEFAULTS)


@dataclass(frozen=True)
class CrisisList:
    """The lines to show, and whether they are the US defaults (so the note can say so)."""

    lines: tuple[CrisisLine, ...]
    defaults: bool

    @property
    def note(self) -> str:
        return _(DEFAULTS_NOTE) if self.defaults else ""

    def first(self) -> CrisisLine:
        """The line to name in a short message (the first one the person listed)."""
        return self.lines[0] if self.lines else default_lines()[0]


def _saved(settings: Mapping[str, Any]) -> list[CrisisLine]:
    saved = settings.get(SETTING_KEY)
    if not isinstance(saved, list):
        return []
    lines = []
    for item in saved[:MAX_LINES]:
        if isinstance(item, dict):
            name, detail = item.get("name", ""), item.get("detail", "")
            if isinstance(name, str) and isinstance(detail, str) and (name.strip() or detail.strip()):
                lines.append(CrisisLine(name.strip(), detail.strip()))
    return lines


def crisis_list(settings: Mapping[str, Any] | None) -> CrisisList:
    """The person's own list when they have one, else the US defaults (also while locked)."""
    own = _saved(settings or {})
    return CrisisList(tuple(own), False) if own else CrisisList(default_lines(), True)


def lines_to_text(lines: tuple[CrisisLine, ...] | list[CrisisLine]) -> str:
    """The editable form: one line per resource, 'Name: what to do'."""
    return "\n".join(line.text() for line in lines)


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
    return lines[:MAX_LINES]


def lines_setting(lines: list[CrisisLine]) -> list[dict[str, str]]:
    """The settings value that keeps the person's list (an empty list brings the defaults back)."""
    return [{"name": line.name, "detail": line.detail} for line in lines]


@dataclass(frozen=True)
class Contact:
    """A person from the plan's support network."""

    name: str
    role: str
    phone: str
    when: str

    def text(self) -> str:
        return " · ".join(bit for bit in (self.name, self.role, self.phone) if bit)


def support_contacts(plan: Entry | None) -> list[Contact]:
    """The support network from the person's relapse-prevention plan (none while locked)."""
    if plan is None:
        return []
    found = []
    for row in Plan.contacts.rows(plan.answers):
        contact = Contact(*(Plan.contacts.cell(row, column) for column in Plan.CONTACT_COLUMNS))
        if contact.name or contact.phone:
            found.append(contact)
    return found


def overdose_safety(lines: CrisisList) -> list[str]:
    """After a logged use: staying safe, said once and kindly, as care and not as a warning
    about the person (SAMHSA's overdose prevention facts, in this program's own words). With
    the US defaults it names 911 and naloxone without a prescription; with the person's own
    list it names their first line instead."""
    emergency = (
        _("call 911") if lines.defaults else _("call for emergency help ({text})").format(text=lines.first().text())
    )
    naloxone = (
        _("Naloxone reverses an opioid overdose. In the US you can buy it without a prescription.")
        if lines.defaults
        else _("Naloxone reverses an opioid overdose. A pharmacist can tell you how to get it where you live.")
    )
    return [
        _(
            "Your body may not handle what it used to. After a time without use, an amount you used "
            "before can now stop your breathing."
        ),
        _(
            "Using alone is more dangerous: if you use, try not to be alone. Mixing opioids with "
            "alcohol or with benzodiazepines raises the risk."
        ),
        naloxone,
        _(
            "If someone cannot be woken or is not breathing normally: {emergency}, give naloxone if "
            "you have it, help them breathe, and stay with them."
        ).format(emergency=emergency),
    ]
