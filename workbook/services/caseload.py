"""Provides the counselor's caseload, the same from the shell as from anywhere else: files in,
one page out, most urgent first (``workbook.export.caseload`` says how). Nothing is written but
the page: no workbook is opened, nothing is kept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbook.common.clock import Clock
from workbook.common.i18n import _
from workbook.common.language import format_moment, locale_for
from workbook.export.caseload import (
    CaseloadFileError,
    Participant,
    Refused,
    bundle_from_json,
    bundle_from_pdf,
    is_protected_pdf,
    ordered,
    participant,
    render_html,
    render_markdown,
)
from workbook.worksheets.definition import Exercise


@dataclass(frozen=True)
class Caseload:
    page: bytes
    participants: list[Participant]
    refused: list[Refused]


def make_caseload(
    files: list[tuple[str, bytes]],
    exercises: dict[str, Exercise],
    clock: Clock,
    *,
    fmt: str = "html",
    lang: str | None = None,
    passphrase_for: Callable[[str], str | None] = lambda name: None,
    unread: list[Refused] | None = None,
) -> Caseload:
    """The caseload page from ``files`` ((name, bytes) each): FHIR Bundles or PDF reports
    carrying one (``passphrase_for`` is asked for a protected PDF's passphrase). A file that
    cannot be read is listed with its reason (``unread``: those the caller could not open);
    the page is made from the rest."""
    measures = {e.codes.total: e for e in exercises.values() if e.codes is not None and e.codes.total}
    found: list[Participant] = []
    refused: list[Refused] = list(unread or [])
    for name, raw in files:
        try:
            if raw.startswith(b"%PDF"):
                passphrase = passphrase_for(name) if is_protected_pdf(raw) else None
                bundle = bundle_from_pdf(raw, passphrase)
            else:
                bundle = bundle_from_json(raw)
            found.append(participant(bundle, name, measures))
        except CaseloadFileError as exc:
            refused.append(Refused(name, str(exc)))
    people = ordered(found)
    locale = locale_for(lang)
    made = format_moment(clock.now(), locale)
    if fmt == "md":
        page = render_markdown(people, refused, made, locale.language).encode("utf-8")
    elif fmt == "html":
        page = render_html(people, refused, made, locale.language).encode("utf-8")
    else:
        raise ValueError(_("A caseload is written as html or md, not {fmt}.").format(fmt=fmt))
    return Caseload(page, people, refused)
