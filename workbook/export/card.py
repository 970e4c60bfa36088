"""Provides the pocket card: the person's plan on one card that folds to wallet size, and
``fit_card``, which decides (by asking Typst to measure) the text size and what fits.

The front holds warning signs and what to do, ways to cope, the first steps after a use
and the person's reasons for recovery (with a line saying how to fill it when most of that
is not written yet); the back, the people to call and every crisis line whole (with "for the United
States" when the defaults are in use). Text is never smaller than 6 pt: what does not fit
is named on the card, and the export screen's preview shows the same fitted card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from workbook.common.i18n import N_, _
from workbook.common.printable import clipped
from workbook.worksheets.builtin import Plan
from workbook.worksheets.crisis import CrisisList, support_contacts
from workbook.worksheets.definition import Exercise
from workbook.worksheets.entry import Entry

TITLE = N_("My plan: when things get hard")
SIZES = (8.0, 7.5, 7.0, 6.5, 6.0)  # points; never smaller than 6
# A half of the card holds about 17 lines at 6 pt: more items than this can never fit, and
# handing Typst thousands would make its fitting (one measure per item dropped) take minutes
# and gigabytes. Those past the cap are counted as left off, like any other.
CARD_MAX_ITEMS = 24
CARD_MAX_ITEM_CHARS = 300  # a longer item is cut with "…" (the plan keeps it whole)


@dataclass(frozen=True)
class CardPart:
    title: str
    items: tuple[str, ...]
    empty: str = ""


@dataclass
class Card:
    """What the card holds before fitting."""

    front: list[CardPart]
    back: list[CardPart]
    note: str = ""  # where the crisis lines apply


@dataclass
class FittedCard:
    """The card as it is printed: the size chosen and what had to be left off."""

    size: float
    front: list[CardPart]
    back: list[CardPart]
    note: str
    left_out: list[str] = field(default_factory=list)

    def left_out_line(self) -> str:
        return (_("Not on the card (see your plan): ") + ", ".join(self.left_out) + ".") if self.left_out else ""

    def as_markdown(self) -> str:
        """The fitted card for the export screen's preview: wrapped to the screen, every line
        whole (a crisis line must not be cut at the preview's edge), the person's words escaped."""
        from workbook.export.markdown import escape

        lines = [_("**{escape}** (text {size:g} pt)").format(escape=escape(_(TITLE)), size=self.size)]
        for part in self.front + self.back:
            lines += ["", f"**{escape(part.title)}**", ""]
            lines += [f"- {escape(i)}" for i in part.items] if part.items else [escape(part.empty)]
        if self.note:
            lines += ["", f"*{escape(self.note)}*"]
        if self.left_out:
            lines += ["", escape(self.left_out_line())]
        return "\n".join(lines)


def build_card(plan: Entry | None, exercise: Exercise | None, crisis: CrisisList) -> Card:
    """The pocket card from the person's current plan (empty parts say what to add)."""
    answers = plan.answers if plan is not None else {}
    signs = []
    for ref in Plan.warning_signs:
        for row in ref.rows(answers):
            sign, action = ref.cell(row, Plan.SIGN), ref.cell(row, Plan.ACTION)
            if sign:
                signs.append(f"{sign} → {action}" if action else sign)
    reasons = tuple(line.strip() for line in Plan.reasons.text(answers).splitlines() if line.strip())
    front = [
        CardPart(_("Warning signs → what I do"), tuple(signs)),
        CardPart(_("What helps me cope"), tuple(Plan.coping.labels(answers, exercise))),
        CardPart(_("If I use: first steps"), tuple(Plan.lapse_first_steps.items(answers))),
        CardPart(_("Why I am doing this"), reasons),
    ]
    back = [
        CardPart(
            _("People I can call"),
            tuple(c.text() for c in support_contacts(plan)),
            _("Add the people who support you to your plan."),
        ),
        CardPart(_("Crisis help"), tuple(line.text() for line in crisis.lines)),
    ]
    filled = [p for p in front if p.items]
    if len(filled) < 2:  # a mostly empty front says what would fill it, instead of staying blank
        filled.append(
            CardPart(
                _("Make this card your own"),
                (),
                _(
                    "Add your warning signs, ways to cope "
                    "and first steps to your plan (Home, 3), "
                    "then make the card again."
                ),
            )
        )
    return Card(filled, back, crisis.note)


def card_data(card: Card, paper: str, lang: str = "en") -> dict[str, Any]:
    from workbook.export.fonts import FIRST_FONTS, Coverage

    clean = Coverage()

    def short(item: str) -> str:
        return clipped(item, CARD_MAX_ITEM_CHARS)

    def part(p: CardPart) -> dict[str, Any]:
        return {
            "title": clean(p.title),
            "items": [clean(short(i)) for i in p.items[:CARD_MAX_ITEMS]],
            "empty": clean(p.empty),
            "total": len(p.items),
            "name": clean(_lower_first(p.title.split(" →")[0])),
        }

    return {
        "title": _(TITLE),
        "document_title": _("Pocket card: {title}").format(title=_(TITLE)),
        "lang": lang,
        "paper": paper,
        "fonts": list(FIRST_FONTS),
        "sizes": list(SIZES),
        "front": [part(p) for p in card.front],
        "back": [part(p) for p in card.back],
        "note": clean(card.note),
        "fold_note": _("Fold here"),
        "left_out_intro": _("Not on the card (see your plan): "),
    }


def fit_card(card: Card, paper: str = "us-letter", lang: str = "en") -> FittedCard:
    """Ask Typst how the card fits: the largest size from 8 to 6 pt, and what was left off."""
    import typst

    from workbook.export.fonts import typst_fonts
    from workbook.export.pdf import TEMPLATES

    raw = typst.query(
        str(TEMPLATES / "card.typ"),
        "<fit>",
        field="value",
        one=True,
        root=str(TEMPLATES),
        font_paths=typst_fonts(),
        sys_inputs={"report": orjson.dumps(card_data(card, paper, lang)).decode()},
    )
    chosen = orjson.loads(raw)
    front = [
        CardPart(p.title, p.items[:keep], p.empty) for p, keep in zip(card.front, chosen["front_keep"], strict=False)
    ]
    back = [CardPart(p.title, p.items[:keep], p.empty) for p, keep in zip(card.back, chosen["back_keep"], strict=False)]
    left = [
        _("{value} of {lower_first}").format(
            value=len(p.items) - keep, lower_first=_lower_first(p.title.split(" →")[0])
        )
        for p, keep in zip([*card.front, *card.back], [*chosen["front_keep"], *chosen["back_keep"]], strict=False)
        if keep < len(p.items)
    ]
    return FittedCard(float(chosen["size"]), front, back, card.note, left)


def _lower_first(title: str) -> str:
    """ "If I use: first steps" -> "if I use: first steps" (only the first letter: "I" stays)."""
    return title[:1].lower() + title[1:]


def render_card(card: Card, paper: str = "us-letter", lang: str = "en") -> bytes:
    """The pocket card as a PDF page with crop marks and a fold line."""
    from workbook.export.pdf import compile_template

    return compile_template("card", card_data(card, paper, lang), strict=False)
