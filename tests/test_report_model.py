"""The report model: the right days, a first page for the session, every field labelled, and
the same decisions for every format."""

from __future__ import annotations

from datetime import date

from export_samples import ALL, EXERCISES, FULL_CRAVING, NOW, november, sample
from workbook.export.document import Bullets, Chart, EntryBlock, Facts
from workbook.export.options import Options
from workbook.export.report import build_report
from workbook.worksheets.crisis import crisis_list
from workbook.worksheets.entry import Entry


def _report(**choices: object):  # type: ignore[no-untyped-def]
    store = sample()
    return build_report(
        store.entries(), EXERCISES, november(**choices), store.settings(), crisis_list({}), now=NOW, lang="en_US"
    )


def test_sections_come_in_the_order_of_a_session() -> None:
    report = _report()
    assert [s.id for s in report.sections] == [
        "brief",
        "glance",
        "relapse-prevention-plan" if False else "plan",
        "goal-setting",
        "trigger-log",
        "gratitude-journal",
        "crisis",
    ]
    assert report.person == "Sam R." and "Nov 1, 2026" in report.period and "Sam R." in report.footer


def test_an_entry_counts_for_the_moment_it_is_about() -> None:
    store = sample()
    weekend = Options(start=date(2026, 11, 21), end=date(2026, 11, 22), include=ALL)
    report = build_report(store.entries(), EXERCISES, weekend, store.settings(), crisis_list({}), now=NOW)
    log = next(s for s in report.sections if s.id == "trigger-log")
    [block] = log.blocks
    assert isinstance(block, EntryBlock) and "Nov 21, 2026" in block.heading and "9:00" in block.heading
    assert "Written Mon, Nov 23, 2026" in block.note
    monday = Options(start=date(2026, 11, 23), end=date(2026, 11, 23), include=ALL)
    report = build_report(store.entries(), EXERCISES, monday, store.settings(), crisis_list({}), now=NOW)
    assert next(s for s in report.sections if s.id == "trigger-log").blocks == []


def test_every_field_of_a_full_craving_entry_is_labelled() -> None:
    log = next(s for s in _report().sections if s.id == "trigger-log")
    block = next(b for b in log.blocks if isinstance(b, EntryBlock) and "Nov 21" in b.heading)
    labels = {item.label for item in block.items}
    expected = {EXERCISES["trigger-log"].field(f).label for f, v in FULL_CRAVING.items() if v}  # type: ignore[union-attr]
    assert expected == labels
    text = " ".join(item.text for item in block.items)
    for value in (
        "40 minutes",
        "home, the kitchen",
        "nobody, alone",
        "just one won't hurt",
        "restless and sad",
        "walking fast, cold air",
        "call before it gets that strong",
        "3 of 10",
        "A song on the radio".lower(),
    ):
        assert value.lower() in text.lower(), value


def test_the_first_page_compares_with_the_previous_period() -> None:
    report = _report()
    glance = report.sections[1]
    facts = {label: value for block in glance.blocks if isinstance(block, Facts) for label, value in block.rows}
    assert facts["Entries"] == "3 (previous period: 1)"
    assert facts["Days with use"] == "1 (previous period: 1)"
    assert facts["Ended without use"] == "2 of 3 entries that say how they ended"
    assert facts["Average strength (of 10)"].startswith("7.7, higher than before (2)")
    assert facts["Highest strength"] == "9 of 10"
    assert (
        "Tired (2)" in facts["Hungry, angry, lonely, tired"] and "Lonely (1)" in facts["Hungry, angry, lonely, tired"]
    )
    assert "walking fast, cold air" in facts["What helped when I did not use"]
    assert facts["Gratitude journal"] == "1 (nothing logged in the previous period)"
    charts = [b.title for b in glance.blocks if isinstance(b, Chart)]
    assert charts == ["Strength by week", "When in the week", "Use by week"]
    bullets = {b.title: b.items for b in glance.blocks if isinstance(b, Bullets)}
    brief = {b.title: b.items for b in report.sections[0].blocks if isinstance(b, Bullets)}
    assert brief["My plan in this period"] == ("No changes during this period.",)
    assert bullets["Active goals"] == ("Three meetings a week: 1 of 2 steps done; target date: Sun, Dec 20, 2026",)


def test_private_entries_stay_out_unless_asked() -> None:
    def texts(report):  # type: ignore[no-untyped-def]
        return " ".join(i.text for s in report.sections for b in s.blocks if isinstance(b, EntryBlock) for i in b.items)

    assert "a secret joy" not in texts(_report())
    shown = _report(include_private=True)
    assert "a secret joy" in texts(shown)
    assert any(b.private for s in shown.sections for b in s.blocks if isinstance(b, EntryBlock))


def test_a_counselor_s_own_log_is_dated_counted_and_charted_with_no_python() -> None:
    from workbook.worksheets.loader import parse_exercise

    sleep = parse_exercise(
        'id = "sleep-log"\nversion = 1\ntitle = "Sleep log"\nintro = "How did you sleep?"\n'
        '[[fields]]\nid = "night"\nkind = "date"\nrole = "when"\nlabel = "Night of"\n'
        '[[fields]]\nid = "rest"\nkind = "scale"\nrole = "intensity"\nlabel = "How rested"\n'
        'short = "Rest"\nmin = 1\nmax = 5\n',
        "sleep.toml",
    )
    exercises = {**EXERCISES, "sleep-log": sleep}
    store = sample()
    store.add("sleep-log", {"night": "2026-11-05", "rest": 2}, created="2026-11-20T08:00:00+00:00")
    store.add("sleep-log", {"night": "2026-11-06", "rest": 4}, created="2026-11-20T08:05:00+00:00")
    options = Options(start=date(2026, 11, 1), end=date(2026, 11, 7), include=tuple(exercises))
    report = build_report(store.entries(), exercises, options, store.settings(), crisis_list({}), now=NOW)
    facts = next(b for b in report.sections[1].blocks if isinstance(b, Facts) and b.title == "Sleep log")
    assert dict(facts.rows)["Entries"] == "2 (nothing logged in the previous period)"
    assert dict(facts.rows)["Average rest (of 5)"] == "3"
    assert any(isinstance(b, Chart) and b.title == "Rest by week" for b in report.sections[1].blocks)
    brief = next(b for b in report.sections[0].blocks if isinstance(b, Facts) and "Sleep log" in dict(b.rows))
    assert dict(brief.rows)["Sleep log"].startswith(
        "2 entries (nothing logged in the previous period); rest on average 3"
    )
    section = next(s for s in report.sections if s.id == "sleep-log")
    assert [b.heading for b in section.blocks] == ["Thu, Nov 5, 2026", "Fri, Nov 6, 2026"]  # type: ignore[union-attr]


def test_all_entries_has_no_comparison_and_an_empty_workbook_says_so() -> None:
    store = sample()
    report = build_report(store.entries(), EXERCISES, Options(include=ALL), store.settings(), crisis_list({}), now=NOW)
    assert report.period == "All entries"
    assert "(previous period" not in str(report.sections[0].blocks) + str(report.sections[1].blocks)
    from workbook.store.workbook_store import Store

    empty = build_report([], EXERCISES, Options(include=ALL), {}, crisis_list({}), now=NOW)
    assert empty.is_empty() and Store.in_memory().count() == 0


def test_entries_that_do_not_say_how_they_ended_are_not_counted_as_use() -> None:
    from workbook.common.language import locale_for
    from workbook.export.summary import log_facts

    locale = locale_for("en_US")
    log = EXERCISES["trigger-log"]
    quick = [Entry.new("trigger-log", {"strength": 6}) for _ in range(4)]
    ended = Entry.new("trigger-log", {"strength": 8, "outcome": "did-not-use"})
    rows = dict(log_facts(log, [*quick, ended], None, locale).rows)
    assert rows["Ended without use"] == "1 of 1 entry that says how it ended (4 more do not say)"
