"""Provides the counselor's caseload page: participants' shared files (FHIR Bundles, or PDF
reports carrying one) read, checked and sorted so that who needs attention comes first.

Order: a self-check question marked for care answered above its lowest option (PHQ-9's
question 9); a score in an ``urgent`` band (PHQ-9 moderately severe or worse, GAD-7 severe)
or a rise of a measure's ``notable_rise`` (5 points); a logged use; a craving of 8 or more;
missed medication or check-ins; overdue homework; then the rest, the latest file first.
Every flag is said in words, never by colour alone.

A file is read as data and never trusted: its size is limited, its JSON must be a FHIR
document Bundle of the shape this program writes, every value is checked for its type, and
every text is escaped where it is shown (a Bundle's own narrative markup is read as text).
A file that is not one is named with the reason and the page is made from the rest.
"""

from __future__ import annotations

import html
import io
import re
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import orjson
from babel import Locale

from workbook.common.i18n import N_, _, ngettext
from workbook.common.language import format_day, format_moment, locale_for
from workbook.export.fhir import PROJECT_CODES
from workbook.worksheets.definition import Exercise

MAX_FILE = 20_000_000  # bytes: a month's Bundle is tens of kilobytes, a report PDF a few megabytes
MAX_TEXT = 2_000  # characters of any one text shown from a file
MAX_TITLE = 200  # characters of a title or name repeated in flags
MAX_RESOURCES = 5_000  # resources read from one Bundle (a month has a few dozen)
MAX_COMPONENTS = 100  # components read from one Observation
MAX_ALERTS = 20  # alert flags kept for one participant
MAX_MEASURES = 20  # self-checks listed for one participant
MAX_NARRATIVE = 50_000  # characters of a narrative read as text
MAX_SECTIONS = 20
STRONG = 8  # a craving this strong or stronger is flagged
ATTACHMENT = "fhir-bundle.json"


class CaseloadFileError(ValueError):
    """A file the caseload cannot read, with the reason in words."""


@dataclass(frozen=True)
class CheckScore:
    """One self-check's latest total in a file, with the one before it if the file has it."""

    title: str
    total: int
    band: str
    day: str
    previous: int | None = None

    def describe(self, locale: Locale) -> str:
        now = _("{title}: {total} ({band}), {day}").format(
            title=self.title, total=self.total, band=self.band, day=shown_day(self.day, locale)
        )
        return now if self.previous is None else now + " " + _("(before: {total})").format(total=self.previous)


@dataclass
class Participant:
    """What one file says, as the caseload needs it."""

    source: str
    name: str
    start: str
    end: str
    made: str
    scores: list[CheckScore] = field(default_factory=list)
    flags: list[tuple[int, str]] = field(default_factory=list)  # (tier, words): tier 0 is the most urgent
    summary: list[tuple[str, list[str]]] = field(default_factory=list)  # (section, lines of text)
    figures_seen: set[str] = field(default_factory=set)  # the project's figure codes the file holds

    @property
    def rank(self) -> tuple[int, ...]:
        """Lower first: one place per kind of flag, then the latest file first."""
        tiers = {tier for tier, _words in self.flags}
        return tuple(0 if tier in tiers else 1 for tier in range(6))


_NONCHARACTERS = re.compile("[\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def _text(value: Any) -> str:
    """A text from a file, checked for its type and kept short."""
    if not isinstance(value, str):
        return ""
    from workbook.common.printable import clipped, printable

    text = " ".join(_NONCHARACTERS.sub("", printable(value[: MAX_TEXT * 4])).split())
    return clipped(text, MAX_TEXT)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and -(10**9) < value < 10**9 else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


_TAG = re.compile(r"<[^<>]{0,2000}>")
_BREAK = re.compile(r"(?i)<\s*/?\s*(p|br|li|div|tr)\b[^<>]{0,2000}>")
_SCRIPT = re.compile(r"(?is)<\s*(script|style)\b.{0,50000}?<\s*/\s*\1\s*>")


def narrative_lines(div: Any) -> list[str]:
    """The words of a narrative (XHTML from a file), as plain lines: every tag dropped, scripts
    and styles with their content, entities read. Linear regular expressions over a bounded
    text: a hostile narrative cannot make this slow."""
    if not isinstance(div, str):
        return []
    text = _SCRIPT.sub(" ", div[:MAX_NARRATIVE])
    text = _TAG.sub(" ", _BREAK.sub("\n", text)).replace("<", " ").replace(">", " ")
    return [t for line in html.unescape(text).split("\n") if (t := _text(line))][:60]


def bundle_from_json(raw: bytes) -> dict[str, Any]:
    """A FHIR document Bundle from a file's bytes (``CaseloadFileError`` saying why not)."""
    if len(raw) > MAX_FILE:
        raise CaseloadFileError(_("it is larger than a participant's file can be"))
    try:
        document = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError:
        raise CaseloadFileError(_("it is neither a PDF report nor a FHIR file (JSON)")) from None
    if not isinstance(document, dict) or document.get("resourceType") != "Bundle":
        raise CaseloadFileError(_("it is JSON but not a FHIR Bundle (a workbook backup, perhaps)"))
    if document.get("type") != "document":
        raise CaseloadFileError(_("it is a FHIR Bundle but not a document"))
    entries = _list(document.get("entry"))
    first = _dict(_dict(entries[0]).get("resource")) if entries else {}
    if first.get("resourceType") != "Composition":
        raise CaseloadFileError(_("its FHIR document does not start with a Composition"))
    return document


def bundle_from_pdf(raw: bytes, passphrase: str | None) -> dict[str, Any]:
    """The Bundle a PDF report carries (``CaseloadFileError`` saying why not)."""
    import pikepdf

    if len(raw) > MAX_FILE:
        raise CaseloadFileError(_("it is larger than a participant's file can be"))
    try:
        with pikepdf.open(io.BytesIO(raw), password=passphrase or "") as pdf:
            attached = pdf.attachments.get(ATTACHMENT)
            if attached is None:
                raise CaseloadFileError(
                    _("this PDF carries no data (it was made before reports carried their data, or by another program)")
                )
            data = attached.get_file().read_bytes()
    except pikepdf.PasswordError:
        raise CaseloadFileError(
            _("it is protected and the passphrase did not open it")
            if passphrase
            else _("it is protected: give its passphrase when asked, or with --passphrase-stdin")
        ) from None
    except pikepdf.PdfError:
        raise CaseloadFileError(_("it is not a PDF that can be read")) from None
    try:
        return bundle_from_json(data)
    except CaseloadFileError as exc:
        raise CaseloadFileError(_("the data this PDF carries cannot be read: {reason}").format(reason=exc)) from None


def _bounded(stream: Any) -> bytes:
    """An attachment's bytes, never more than ``MAX_FILE`` of them: a small file that would
    inflate to gigabytes is refused before it is inflated."""
    import pikepdf

    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else ([str(filters)] if filters else [])
    raw = stream.read_raw_bytes()
    if not names:
        data = raw
    elif names == ["/FlateDecode"] and stream.get("/DecodeParms") is None:
        inflate = zlib.decompressobj()
        data = inflate.decompress(raw, MAX_FILE + 1)
    else:
        raise CaseloadFileError(_("the data this PDF carries is stored in a way it cannot be read"))
    if len(data) > MAX_FILE:
        raise CaseloadFileError(_("the data this PDF carries is larger than a participant's file can be"))
    return bytes(data)


def is_protected_pdf(raw: bytes) -> bool:
    """True for a PDF that opens only with a passphrase."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(raw)):
            return False
    except pikepdf.PasswordError:
        return True
    except pikepdf.PdfError:
        return False


def _code(concept: Any) -> tuple[str, str]:
    coding = _dict(_list(_dict(concept).get("coding"))[0]) if _list(_dict(concept).get("coding")) else {}
    return _text(coding.get("system")), _text(coding.get("code"))


def participant(bundle: dict[str, Any], source: str, measures: dict[str, Exercise]) -> Participant:
    """What ``bundle`` (read from ``source``) says for the caseload. ``measures`` are this
    computer's self-checks, by the code of their total, for the bands that make a score urgent."""
    resources = [_dict(_dict(e).get("resource")) for e in _list(bundle.get("entry"))]
    composition = resources[0]
    patient = next((r for r in resources if r.get("resourceType") == "Patient"), {})
    name = _text(_dict(_list(patient.get("name"))[0]).get("text")) if _list(patient.get("name")) else ""
    identifier = (
        _text(_dict(_list(patient.get("identifier"))[0]).get("value")) if _list(patient.get("identifier")) else ""
    )
    period = _dict(_dict(_list(composition.get("event"))[0]).get("period")) if _list(composition.get("event")) else {}
    shown_source = _text(source) or "?"
    found = Participant(
        shown_source,
        " · ".join(bit for bit in (name, identifier) if bit) or shown_source,
        _text(period.get("start"))[:10],
        _text(period.get("end"))[:10],
        _text(bundle.get("timestamp"))[:25],
    )
    totals: dict[tuple[str, str], list[tuple[str, int, str, dict[str, Any]]]] = {}
    alerts = 0
    for resource in resources[:MAX_RESOURCES]:
        if resource.get("resourceType") != "Observation":
            continue
        system, code = _code(resource.get("code"))
        components = [_dict(c) for c in _list(resource.get("component"))[:MAX_COMPONENTS]]
        if system == PROJECT_CODES and code in ("log-summary", "homework"):
            _figures(found, _text(_dict(resource.get("code")).get("text")), components)
            continue
        day = _text(resource.get("effectiveDateTime"))[:10]
        title = _text(_dict(resource.get("code")).get("text"))[:MAX_TITLE] or code
        # An answer that needs care is read first, whether or not the self-check has a total.
        for component in components:
            if (
                alerts < MAX_ALERTS
                and _code(component.get("code")) == (PROJECT_CODES, "alert-answer")
                and (_int(component.get("valueInteger")) or 0) > 0
            ):
                alerts += 1
                question = _text(_dict(component.get("code")).get("text"))[:MAX_TITLE]
                found.flags.append(
                    (
                        0,
                        _(
                            "{title}, {day}: the question marked for care ({question}) was answered above "
                            "its lowest option. Please ask about it."
                        ).format(title=title, day=shown_day(day, locale_for(None)), question=question),
                    )
                )
        total = _int(resource.get("valueInteger"))
        if total is None:
            continue
        band = (
            _text(_dict(_list(resource.get("interpretation"))[0]).get("text"))[:MAX_TITLE]
            if _list(resource.get("interpretation"))
            else ""
        )
        totals.setdefault((system, code), []).append((day, total, band, resource))
    if not any(c == "mood-average" for c in found.figures_seen):
        found.flags.append((4, _("No check-ins in this period")))
    for (_system, code), scores in list(totals.items())[:MAX_MEASURES]:
        scores.sort(key=lambda s: s[0])
        day, total, band, resource = scores[-1]
        title = _text(_dict(resource.get("code")).get("text"))[:MAX_TITLE] or code
        previous = scores[-2][1] if len(scores) > 1 else None
        found.scores.append(CheckScore(title, total, band, day, previous))
        measure = measures.get(code)
        urgent = measure is not None and any(b.urgent and b.low <= total <= b.high for b in measure.bands)
        rise = (measure.notable_rise if measure is not None else None) or 5
        if urgent:
            found.flags.append(
                (
                    1,
                    _("{title}: {total} ({band}) on {day}").format(
                        title=title, total=total, band=band, day=shown_day(day, locale_for(None))
                    ),
                )
            )
        if previous is not None and total - previous >= rise:
            found.flags.append(
                (
                    1,
                    _("{title}: up {rise} points ({before} → {total})").format(
                        title=title, rise=total - previous, before=previous, total=total
                    ),
                )
            )
    for section in _list(composition.get("section"))[:MAX_SECTIONS]:
        section = _dict(section)
        lines = narrative_lines(_dict(section.get("text")).get("div"))
        if lines:
            found.summary.append((_text(section.get("title")), lines))
    return found


def _figures(found: Participant, title: str, components: list[dict[str, Any]]) -> None:
    values = {
        code: value
        for c in components
        if (code := _code(c.get("code")))[0] == PROJECT_CODES and (value := _int(c.get("valueInteger"))) is not None
    }
    figure = {code: value for (_system, code), value in values.items()}
    found.figures_seen.update(
        code for system, code in (_code(c.get("code")) for c in components) if system == PROJECT_CODES
    )
    if figure.get("use-days", 0) > 0:
        found.flags.append(
            (
                2,
                ngettext("{title}: use on {count} day", "{title}: use on {count} days", figure["use-days"]).format(
                    title=title, count=figure["use-days"]
                ),
            )
        )
    if figure.get("intensity-strongest", 0) >= STRONG:
        found.flags.append(
            (3, _("{title}: a craving of {value}").format(title=title, value=figure["intensity-strongest"]))
        )
    if figure.get("medication-missed-days", 0) > 0:
        found.flags.append(
            (
                4,
                ngettext(
                    "Medication missed on {count} day",
                    "Medication missed on {count} days",
                    figure["medication-missed-days"],
                ).format(count=figure["medication-missed-days"]),
            )
        )
    days = day_count(found.start, found.end)
    if "mood-average" in figure and "entries" in figure and days is not None:  # the check-in log
        check_ins_missed(found, figure["entries"], days)
    if figure.get("homework-overdue", 0) > 0:
        found.flags.append(
            (
                5,
                ngettext(
                    "{count} homework task overdue", "{count} homework tasks overdue", figure["homework-overdue"]
                ).format(count=figure["homework-overdue"]),
            )
        )


def check_ins_missed(found: Participant, entries: int, days: int) -> None:
    """Flag a check-in log with entries on fewer days than the period has."""
    if days - entries >= 2:
        found.flags.append((4, _("Check-ins on {count} of {days} days").format(count=entries, days=days)))


def ordered(participants: list[Participant]) -> list[Participant]:
    """The most urgent first; within the same flags, the latest file first. Two files with
    the same name stay two rows, each named with its file: two people can share initials,
    and merging them could hide one of them."""
    latest_first = sorted(participants, key=lambda p: p.made, reverse=True)
    return sorted(latest_first, key=lambda p: p.rank)


@dataclass(frozen=True)
class Refused:
    source: str
    reason: str


STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #000; background: #fff;
       max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid #000; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #000; padding: .3rem .4rem;
       text-align: left; vertical-align: top; } th { background: #e6e6e6; }
.note { font-style: italic; } .flag { font-weight: bold; }
@page { margin: 15mm 14mm; }
@media print { body { max-width: none; margin: 0; font-size: 10pt; } tr, section { break-inside: avoid; } }
"""


def shown_day(text: str, locale: Locale) -> str:
    """An ISO date or moment from a file, as the reader's language writes it (as given when it is not one)."""
    try:
        if len(text) > 10:
            return format_moment(datetime.fromisoformat(text), locale)
        return format_day(date.fromisoformat(text), locale)
    except ValueError:
        return text


def _words() -> dict[str, str]:
    """The page's own words, in the language in use (gettext calls kept out of f-strings,
    where the catalog could not find them)."""
    return {
        "nothing": _("nothing flagged"),
        "unread": _("Files that could not be read"),
        "title": _("Caseload"),
        "heading": _("Caseload: who needs attention first"),
        "caption": _("Participants, the most urgent first"),
        "period": _("Period"),
        "attention": _("Needs attention"),
    }


def render_html(participants: list[Participant], refused: list[Refused], made: str, lang: str) -> str:
    """The caseload as one self-contained page: no scripts, no outside requests."""
    e = html.escape
    locale = locale_for(lang)
    words = _words()
    rows = []
    for p in participants:
        flags = "".join(f'<li class="flag">{e(text)}</li>' for _tier, text in sorted(p.flags))
        scores = "".join(f"<li>{e(s.describe(locale))}</li>" for s in p.scores)
        made_at = _("made {made}").format(made=shown_day(p.made, locale))
        rows.append(
            "<tr>"
            f'<th scope="row">{e(p.name)}</th>'
            f"<td>{e(shown_day(p.start, locale))} – {e(shown_day(p.end, locale))}</td>"
            f"<td>{'<ul>' + flags + '</ul>' if flags else e(words['nothing'])}</td>"
            f"<td>{'<ul>' + scores + '</ul>' if scores else '–'}</td>"
            f'<td>{e(p.source)}<br><span class="note">{e(made_at)}</span></td>'
            "</tr>"
        )
    sections = []
    for n, p in enumerate(participants):
        parts = "".join(
            f"<h3>{e(title)}</h3><ul>{''.join(f'<li>{e(line)}</li>' for line in lines)}</ul>"
            for title, lines in p.summary
        )
        heading = f"{p.name} ({p.source})" if p.name != p.source else p.name
        sections.append(f'<section aria-labelledby="p{n}"><h2 id="p{n}">{e(heading)}</h2>{parts}</section>')
    problems = ""
    if refused:
        problems = (
            f"<h2>{e(words['unread'])}</h2><ul>"
            + "".join(f"<li>{e(_text(r.source))}: {e(_text(r.reason))}</li>" for r in refused)
            + "</ul>"
        )
    columns = (_("Participant"), words["period"], words["attention"], _("Self-checks (before)"), _("File"))
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in columns)
    safety = _made_line(made, len(participants)) + " " + _(SAFETY)
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(words['title'])}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{e(words['heading'])}</h1>\n"
        f'<p class="note">{e(safety)}</p>\n'
        f"<table>\n<caption>{e(words['caption'])}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n"
        + problems
        + "\n".join(sections)
        + "\n</main>\n</body>\n</html>\n"
    )


SAFETY = N_(
    "This page shows only what participants chose to share, as of when each file was made (under "
    "File). It is not monitoring: nothing here is live, and a participant in crisis needs a call, "
    "not this page."
)


def _made_line(made: str, count: int) -> str:
    return ngettext("Made {made} from {count} file.", "Made {made} from {count} files.", count).format(
        made=made, count=count
    )


def render_markdown(participants: list[Participant], refused: list[Refused], made: str, lang: str) -> str:
    """The caseload as Markdown: a list per participant (a table would cut their flags)."""
    from workbook.export.markdown import escape_line

    locale = locale_for(lang)
    words = _words()
    safety = _made_line(made, len(participants)) + " " + _(SAFETY)
    lines = [f"# {escape_line(words['heading'])}", "", f"*{escape_line(safety)}*", ""]
    for p in participants:
        lines += [
            f"## {escape_line(f'{p.name} ({p.source})' if p.name != p.source else p.name)}",
            "",
            f"- **{escape_line(words['period'])}:** "
            f"{escape_line(shown_day(p.start, locale))} – {escape_line(shown_day(p.end, locale))}",
        ]
        for _tier, text in sorted(p.flags):
            lines.append(f"- **{escape_line(words['attention'])}:** {escape_line(text)}")
        lines += [f"- {escape_line(s.describe(locale))}" for s in p.scores]
        made_at = _("made {made}").format(made=shown_day(p.made, locale))
        lines += [f"- *{escape_line(p.source)}, {escape_line(made_at)}*", ""]
        for title, texts in p.summary:
            lines += [f"### {escape_line(title)}", ""] + [f"- {escape_line(t)}" for t in texts] + [""]
    if refused:
        lines += [f"## {escape_line(words['unread'])}", ""]
        lines += [f"- {escape_line(r.source)}: {escape_line(r.reason)}" for r in refused]
    return "\n".join(lines) + "\n"


def day_count(start: str, end: str) -> int | None:
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
    except ValueError:
        return None
