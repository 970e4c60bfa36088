"""The workbook in Spanish: the catalog is complete and shipped compiled, the worksheets carry
their translations, the language comes from --lang, the workbook or the environment, exports
go out in the language chosen, and nothing a person sees skips the catalog (a pseudo-locale
marks every translated word, so a plain ASCII word on a screen or in a report did not pass
through it)."""

from __future__ import annotations

import asyncio
import html
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app_helpers import book_of, make_app, settle, welcomed_store
from workbook.cli import main
from workbook.common import i18n
from workbook.export.options import Options
from workbook.export.service import render_export
from workbook.store.language_setting import LANGUAGE_SETTING
from workbook.store.workbook_store import Store
from workbook.worksheets.crisis import crisis_list
from workbook.worksheets.definition import DefinitionError
from workbook.worksheets.loader import load_exercises, parse_exercise
from workbook.worksheets.translation import localized, missing_translations

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "workbook" / "locale" / "es" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[srd]|%[srd]")
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
# Words that stay as they are in any language: names of services and measures, and each
# language's own name in the language picker. (Keys' names go through the catalog.)
KEPT = {
    "PHQ",
    "GAD",
    "SAMHSA",
    "TTY",
    "ASL",
    "HELP",
    "HOME",
    "English",
    "Español",
}
# Textual's keys panel heads a widget's keys with its class name; it has no translation hook.
KEYS_PANEL_HEADINGS = {"Input", "TextArea", "Select", "OptionList", "SelectionList", "DataTable", "Button"}
GREEK = "Ελληνικά"  # what the person typed, in letters the pseudo-locale never makes


def _catalog():  # type: ignore[no-untyped-def]
    with open(LOCALE / "workbook.po", "rb") as source:
        return read_po(source)


def test_every_message_in_the_code_is_translated_with_its_placeholders() -> None:
    catalog = _catalog()
    wanted = {
        (message if isinstance(message, str) else message[0], context)
        for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT / "workbook"), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }
    problems = []
    for msgid, context in sorted(wanted, key=str):
        found = catalog.get(msgid, context=context)
        if found is None or found.fuzzy:
            problems.append(f"not in the catalog: {msgid[:60]!r}")
            continue
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        ids = found.id if isinstance(found.id, tuple) else (found.id,)
        if not all(strings):
            problems.append(f"not translated: {msgid[:60]!r}")
        for text in strings:
            if sorted(PLACEHOLDER.findall(text)) not in (sorted(PLACEHOLDER.findall(i)) for i in ids):
                problems.append(f"placeholders differ: {msgid[:60]!r}")
    assert not problems, "\n".join(problems[:30]) + "\nSee docs/translating.md for the three commands."


def test_no_message_hides_inside_an_f_string() -> None:
    """Babel reads an f-string as plain text, so ``_()`` inside one never reaches the catalog."""
    import ast

    hidden = []
    for path in sorted((ROOT / "workbook").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                hidden += [
                    f"{path.name}:{call.lineno}"
                    for call in ast.walk(node)
                    if isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in KEYWORDS
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ]
    assert not hidden


def test_no_module_names_a_variable_underscore() -> None:
    """A local ``_`` would hide gettext in that function."""
    import ast

    shadowing = [
        f"{path.name}:{node.lineno}"
        for path in sorted((ROOT / "workbook").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
    ]
    assert not shadowing


def test_the_shipped_mo_is_compiled_from_the_po() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog())
    assert (LOCALE / "workbook.mo").read_bytes() == compiled.getvalue(), (
        "run: pybabel compile -d workbook/locale -D workbook"
    )


def test_every_shipped_worksheet_is_in_spanish() -> None:
    exercises, problems = load_exercises()
    assert not problems
    assert {
        key: missing_translations(e, i18n.SPANISH)
        for key, e in exercises.items()
        if missing_translations(e, i18n.SPANISH)
    } == {}


def test_a_translation_names_only_the_worksheets_own_ids() -> None:
    base = (
        'id = "mine"\nversion = 1\ntitle = "Mine"\nintro = "x"\n[[fields]]\nid = "a"\nkind = "choice"\n'
        'label = "A"\noptions = ["Yes", "No"]\n'
    )
    good = parse_exercise(
        base + '[translations.es]\ntitle = "Mía"\n[translations.es.fields.a]\nlabel = "Á"\noptions = { yes = "Sí" }\n',
        "mine.toml",
    )
    spanish = localized(good, "es")
    assert spanish.title == "Mía" and spanish.fields[0].option_label("yes") == "Sí"
    assert spanish.fields[0].option_label("no") == "No"  # left in English, and reported
    assert "a.options.no" in missing_translations(good, "es")
    assert localized(spanish, "en").title == "Mine"
    assert missing_translations(parse_exercise(base, "mine.toml"), "es") == ["the whole worksheet"]
    for broken in (
        '[translations.es.fields.b]\nlabel = "B"\n',
        '[translations.es.fields.a]\noptions = { maybe = "Q" }\n',
        '[translations.fr]\ntitle = "Le mien"\n',
        '[translations.es]\ntitle = "\x1b[2J"\n',
        '[translations.es]\nprompts = ["one"]\n',
        '[translations.es.fields.a]\nshort = "' + "x" * 41 + '"\n',
        '[translations.es.fields.a]\nunit = "horas"\n',  # the English field has no unit to translate
        '[translations.es.fields.a]\noptions = { yes = "Igual", no = "Igual" }\n',
    ):
        with pytest.raises(DefinitionError):
            parse_exercise(base + broken, "mine.toml")


def test_answers_do_not_depend_on_the_language_they_were_typed_in() -> None:
    store = Store.in_memory()
    i18n.set_language(i18n.SPANISH)
    store.add(
        "trigger-log",
        {"strength": 7, "note": "después de la llamada", "outcome": "did-not-use", "halt": ["lonely"]},
        created="2026-11-20T20:00:00+00:00",
    )
    exercises, _problems = load_exercises()
    options = Options(include=tuple(exercises))
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    crisis = crisis_list({})
    english = render_export("md", store.entries(), exercises, options, {}, crisis, lang="en", now=now).decode()
    spanish = render_export("md", store.entries(), exercises, options, {}, crisis, lang="es", now=now).decode()
    assert "Did not use" in english and "Trigger and craving log" in english and "988" in english
    assert "Registro de detonantes y ansias" in spanish and "marca 2" in spanish
    assert "después de la llamada" in english and "después de la llamada" in spanish  # typed words stay as typed
    assert i18n.language() == i18n.SPANISH  # the export's language was its own


def test_lang_beats_the_environment(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "es_US.UTF-8")
    assert main(["log", "craving", "4"]) == 0
    assert "Se guardó" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["log", "craving", "4"]) == 0
    assert "Saved" in capsys.readouterr().out
    assert main(["--lang", "es", "log", "craving", "3"]) == 0
    assert "Se guardó" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stopped:
        main(["--lang", "xx", "today"])
    assert stopped.value.code == 2 and "en, es" in capsys.readouterr().err


def test_the_app_remembers_a_language_chosen_with_lang(tmp_path: Path) -> None:

    store = welcomed_store()
    app = make_app(store, lang="es")

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            assert app.title == "Cuaderno de recuperación"
            assert app.exercises["trigger-log"].title == "Registro de detonantes y ansias"
            app.change_language("en")
            await settle(pilot, lambda: app.exercises["trigger-log"].title == "Trigger and craving log")

    asyncio.run(run())
    assert store.get_setting(LANGUAGE_SETTING) == "en"


def test_a_history_seen_before_the_language_changes_speaks_the_new_one() -> None:
    store = welcomed_store()
    store.add("trigger-log", {"strength": 6, "note": "after the call"})
    app = make_app(store)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2")
            await settle(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
            assert "Trigger and craving log" in app.screen.title
            await pilot.press("escape")
            await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            app.change_language("es")
            await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen" and app.title != "Recovery Workbook")
            await pilot.press("2")
            await settle(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
            assert "Registro de detonantes y ansias" in app.screen.title

    asyncio.run(run())


def _screen_words(app) -> set[str]:  # type: ignore[no-untyped-def]
    svg = app.export_screenshot()
    text = html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))).replace("\xa0", " ")
    text = re.sub(r"/\S+", "", text)  # file paths (the export's "Save as") are the computer's, not words
    return set(ASCII_WORD.findall(text)) - KEPT


def _pseudo_store() -> Store:
    store = welcomed_store()
    store.add(
        "relapse-prevention-plan",
        {
            "reasons": GREEK,
            "coping": ["deep-breathing", GREEK],
            "contacts": [{"name": GREEK, "role": GREEK, "phone": "555-0100"}],
            "lapse_first_steps": [GREEK],
        },
        created="2026-10-01T10:00:00+00:00",
    )
    store.add(
        "goal-setting",
        {
            "goal": GREEK,
            "status": "active",
            "target_date": "2026-12-20",
            "steps": [{"step": GREEK, "done": True}, {"step": GREEK}],
        },
        created="2026-11-02T09:00:00+00:00",
    )
    store.add(
        "trigger-log",
        {"strength": 6, "note": GREEK, "outcome": "did-not-use", "halt": ["tired"], "external_triggers": ["money"]},
        created="2026-11-20T20:00:00+00:00",
    )
    store.add("trigger-log", {"strength": 9, "note": GREEK, "outcome": "used"}, created="2026-11-12T22:00:00+00:00")
    store.add(
        "phq-9",
        {"date": "2026-11-20", **{f"item{i}": "several-days" for i in range(1, 10)}},
        created="2026-11-20T10:00:00+00:00",
    )
    return store


_ACTIONS = (
    "check_in",
    "practice",
    "quick_log",
    "crisis",
    "export",
    "help",
    "recovery_time",
    "forget_deleted",
    "command_palette",
)


def _forms_worth_seeing() -> list[str]:
    """The worksheets whose forms bring a kind of field no earlier one had: a form's own words
    come from its kinds of field (the worksheets' words are checked in their TOML), and forms
    are the slowest screens to build."""
    seen: set[tuple[object, ...]] = set()
    chosen = []
    for sheet in load_exercises()[0].values():
        kinds = {(f.kind, f.multiple, bool(f.options), bool(f.columns), f.role) for f in sheet.fields}
        if kinds - seen:
            chosen.append(sheet.id)
            seen |= kinds
    return chosen


_SHEETS = load_exercises()[0]
_VISITS = (
    [("home", "")]
    + [("open", e) for e, sheet in _SHEETS.items() if not sheet.single]  # each history
    + [("new", e) for e in _forms_worth_seeing()]
    + [("open", e) for e in ("relapse-prevention-plan",)]  # a living document's own page
    + [("action", a) for a in _ACTIONS]
    + [("keys", "trigger-log"), ("keys", "goal-setting")]
)
_PARTS = 4  # the visits in four tests, so the suite's workers share them


@pytest.mark.parametrize("part", range(_PARTS))
def test_no_screen_shows_a_word_that_skipped_the_catalog(part: int) -> None:
    i18n.set_language(i18n.PSEUDO)
    app = make_app(_pseudo_store())
    found: dict[str, set[str]] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            for kind, what in _VISITS[part::_PARTS]:
                while len(app.screen_stack) > 2:
                    app.pop_screen()
                    await pilot.pause()
                if kind == "open":
                    app.open_exercise(what)
                elif kind == "new":
                    app.open_new_entry(app.exercises[what])
                elif kind == "action":
                    await app.run_action(what)
                elif kind == "keys":  # Textual's own keys panel, over a form's text box
                    app.open_new_entry(app.exercises[what])
                    await settle(pilot, lambda: type(app.screen).__name__ == "FormScreen")
                    await app.run_action("show_help_panel")
                await app.workers.wait_for_complete()  # e.g. a history's older years, read in a worker
                for _n in range(3):
                    await pilot.pause()
                left = _screen_words(app) - (KEYS_PANEL_HEADINGS if kind == "keys" else set())
                if left:
                    found[f"{kind} {what} ({type(app.screen).__name__})"] = left

    asyncio.run(run())
    assert not found, found


def test_no_dialog_or_lock_screen_word_skipped_the_catalog(db_path: Path) -> None:
    """The questions a person answers (delete, unsaved typing, quitting, a lapse, a draft to
    continue) and the lock screen with a wrong passphrase, in the pseudo-locale."""
    from workbook.services.workbook import Workbook
    from workbook.store import encryption_changes
    from workbook.ui import navigation
    from workbook.ui.app import WorkbookApp

    i18n.set_language(i18n.PSEUDO)
    store = _pseudo_store()
    app = make_app(store)
    found: dict[str, set[str]] = {}

    async def look(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot, lambda: type(app.screen).__name__ in ("ConfirmScreen", "SupportScreen", "UnlockScreen"))
        await pilot.pause()
        left = _screen_words(app)
        if left:
            found[name] = left

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            lapse = next(e for e in store.entries() if e.answers.get("outcome") == "used")
            navigation.delete_with_confirm(app, lapse)
            await look(pilot, "delete")
            await pilot.press("escape")
            navigation.after_save(app, lapse)
            await look(pilot, "lapse")
            app.pop_screen()
            app.open_new_entry(app.exercises["gratitude-journal"])
            await settle(pilot, lambda: type(app.screen).__name__ == "FormScreen")
            await pilot.press(*"x")
            await pilot.press("escape")
            await look(pilot, "unsaved")
            await pilot.press("escape")
            await settle(pilot, lambda: type(app.screen).__name__ == "FormScreen")
            await app.run_action("quit")
            await look(pilot, "quit")
            app.pop_screen()

    asyncio.run(run())
    store.close()

    with Store.open(db_path) as opened:
        opened.set_setting("welcomed", True)
        encryption_changes.encrypt(opened, "tea and toast")
    locked = WorkbookApp(None, opener=lambda passphrase: Workbook(Store.open(db_path, passphrase=passphrase)))

    async def unlock() -> None:
        async with locked.run_test(size=(80, 24)) as pilot:
            await settle(pilot, lambda: type(locked.screen).__name__ == "UnlockScreen")
            await pilot.press(*"wrong guess", "enter")
            message = locked.screen.query_one("#unlock-message")
            await settle(pilot, lambda: bool(str(message.render()).strip()))
            left = _screen_words(locked)
            if left:
                found["lock screen"] = left

    asyncio.run(unlock())
    assert not found, found


def test_no_report_word_skipped_the_catalog() -> None:
    store = _pseudo_store()
    i18n.set_language(i18n.PSEUDO)
    exercises, _problems = load_exercises()
    options = Options(include=tuple(exercises))
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    for fmt in ("md", "csv", "html"):
        text = render_export(fmt, store.entries(), exercises, options, {}, crisis_list({}), now=now).decode("utf-8-sig")
        if fmt == "html":  # the words a browser shows, the charts' included: no markup, no style sheet
            text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<style>.*?</style>", "", text)))
        text = re.sub(r"\d{4}-\d\d-\d\d(T[\d:.+-]+)?|[0-9a-f-]{8,}", "", text)  # dates and ids, as saved
        assert set(ASCII_WORD.findall(text)) - KEPT - {"org", "lifeline"} == set(), fmt


def test_the_command_lines_help_and_errors_skip_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", i18n.PSEUDO, "--help"])
    shown = capsys.readouterr().out
    commands = {
        "workbook",
        "COMMAND",
        "PATH",
        "db",
        "passphrase",
        "stdin",
        "lang",
        "en",
        "es",
        "version",
        "check",
        "backup",
        "restore",
        "export",
        "import",
        "forget",
        "today",
        "encrypt",
        "decrypt",
        "log",
        "help",
        "exercises",
        "caseload",
        "status",
        "remind",
        "write",
    }
    assert set(ASCII_WORD.findall(shown)) - commands - KEPT == set()


@pytest.mark.usefixtures("no_blink")
def test_home_in_spanish_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    i18n.set_language(i18n.SPANISH)
    assert snap_compare(make_app(), terminal_size=(80, 24))


@pytest.mark.usefixtures("no_blink")
def test_craving_form_in_spanish_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    i18n.set_language(i18n.SPANISH)
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["2", "n"])


def test_exercises_check_reports_an_unfinished_translation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = 'id = "mine"\nversion = 1\ntitle = "Mine"\nintro = "x"\n[[fields]]\nid = "a"\nkind = "text"\nlabel = "A"\n'
    english_only = tmp_path / "english.toml"
    english_only.write_text(base, encoding="utf-8")
    assert main(["exercises", "check", str(english_only)]) == 0  # one language is fine
    unfinished = tmp_path / "unfinished.toml"
    unfinished.write_text(base + '[translations.es]\ntitle = "Mía"\n', encoding="utf-8")
    assert main(["exercises", "check", str(unfinished)]) == 1
    assert "intro" in capsys.readouterr().err


def test_the_check_in_from_the_shell_takes_the_options_in_spanish(db_path: Path) -> None:
    assert (
        main(
            [
                "--lang",
                "es",
                "log",
                "checkin",
                "--mood",
                "3",
                "--halt",
                "CANSANCIO, soledad",
                "--medication",
                "lo tomé como me lo recetaron",
                "--meeting",
                "planned",
            ]
        )
        == 0
    )
    with Store.open(db_path) as opened:
        [entry] = opened.entries("daily-checkin")
    assert entry.answers["halt"] == ["tired", "lonely"] and entry.answers["medication"] == "taken"
    assert entry.answers["meeting"] == "planned"


HOSTILE_WORDS = """id = "odd"
version = 1
title = "Odd [/] [b]"
intro = "[/bold] intro"
[[fields]]
id = "pick"
kind = "choice"
label = "Pick [/]"
options = [{ id = "low", label = "low [/]" }, { id = "high", label = "[@click=app.quit]high[/]" }]
[[fields]]
id = "many"
kind = "choice"
multiple = true
label = "Many"
options = [{ id = "a", label = "a [/]" }, { id = "b", label = "b [optional]" }]
[[fields]]
id = "rows"
kind = "table"
label = "Rows"
columns = [{ id = "c", label = "col [/]", kind = "choice", options = ["x [/]"] }, { id = "t", label = "text [/]" }]
[translations.es]
title = "Raro [/]"
[translations.es.fields.pick]
options = { low = "bajo [/]" }
"""


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.paints  # every frame painted: a word read as markup breaks a frame, not the first
def test_a_worksheets_words_are_never_read_as_markup(lang: str) -> None:
    """Brackets in a worksheet's (or its translation's) words are shown as written: Textual
    would read "[/]" as markup and stop, and "[@click=...]" as an action."""
    from workbook.ui.app import WorkbookApp
    from workbook.worksheets.definition import Problem

    i18n.set_language(lang)
    exercises, _problems = load_exercises()
    odd = localized(parse_exercise(HOSTILE_WORDS, "odd.toml"), lang)
    app = WorkbookApp(
        book_of(
            welcomed_store(),
            exercises={**exercises, odd.id: odd},
            problems=[Problem("x [/].toml", "[/]", "a [b]reason[/]")],
        )
    )

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            app.open_new_entry(odd)
            await settle(pilot, lambda: type(app.screen).__name__ == "FormScreen")
            await pilot.press("tab", "enter")  # open the first choice's list
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            await app.run_action("command_palette")
            await pilot.pause()
            await pilot.press("o", "d", "d")
            await pilot.pause(0.3)
            assert app.return_code in (None, 0)
            await pilot.press("escape")
            while len(app.screen_stack) > 2:
                app.pop_screen()
                await pilot.pause()
            await app.run_action("export")  # every worksheet's title, as a tick box
            await settle(pilot, lambda: type(app.screen).__name__ == "ExportScreen")
            await pilot.pause(0.3)

    asyncio.run(run())
    assert app.return_code in (None, 0)


def test_the_workbooks_language_answers_the_shell(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(db_path) as opened:
        opened.set_setting(LANGUAGE_SETTING, "es")
    assert main(["today"]) == 0
    assert "Cuaderno de recuperación" in capsys.readouterr().out
    assert main(["log", "checkin", "--mood", "3", "--halt", "cansancio"]) == 0  # read in the workbook's language
    assert "registro del día" in capsys.readouterr().out
    assert db_path.with_name(db_path.name + ".lang").read_text() == "es\n"  # kept beside it too
    with Store.open(db_path) as opened:
        opened.set_setting(LANGUAGE_SETTING, "x-pseudo")  # never taken from a file
    db_path.with_name(db_path.name + ".lang").write_text("x-pseudo\n")
    assert main(["today"]) == 0
    assert "Recovery Workbook" in capsys.readouterr().out
