"""More of "Spanish everywhere": search sets accents and case aside; a new passphrase read
from standard input is compared with its second line; confirmations take the language's
own word and say which."""

from __future__ import annotations

import html
import io
import sys
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.store.codec import file_is_encrypted
from workbook.ui.screens.history import folded


def test_search_sets_accents_and_case_aside() -> None:
    assert "discusion" in folded("Una DISCUSIÓN con mi hermano")
    assert folded("Ánimo, AÑO") == folded("animo, ano")


def test_two_different_lines_of_a_new_passphrase_are_refused(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "craving", "3"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("café con leche\ncafe con leche\n"))
    assert main(["encrypt", "--passphrase-stdin"]) != 0
    assert "different" in capsys.readouterr().err and not file_is_encrypted(db_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("café con leche\ncafé con leche\n"))
    assert main(["encrypt", "--passphrase-stdin"]) == 0 and file_is_encrypted(db_path)


def test_a_confirmation_names_the_word_in_the_language_spoken(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "craving", "3"]) == 0
    asked: list[str] = []

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return "sí"

    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    assert main(["--lang", "es", "forget"]) == 0
    assert "Escribe sí" in asked[0]
    assert "No se cambió nada" not in capsys.readouterr().out  # "sí" was taken as yes


def test_an_encrypted_workbook_last_used_in_spanish_speaks_spanish_before_it_is_unlocked(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    from workbook.store.language_setting import LANGUAGE_SETTING
    from workbook.store.workbook_store import Store

    with Store.open(db_path) as store:  # as the app's language switch leaves it
        store.set_setting(LANGUAGE_SETTING, "es")
    assert main(["log", "craving", "3"]) == 0  # an older workbook: its language goes beside it
    monkeypatch.setattr(sys, "stdin", io.StringIO("una frase larga\n"))
    assert main(["encrypt", "--passphrase-stdin"]) == 0
    assert db_path.with_name(db_path.name + ".lang").read_text() == "es\n"
    capsys.readouterr()
    assert main(["today"]) == 0
    assert "cifrado" in capsys.readouterr().out
    assert main(["log", "craving", "abc"]) != 0
    assert "No se guardó nada" in capsys.readouterr().err


def test_system_refusals_are_said_in_the_language_spoken(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "es", "import", "/no/such/file.json"]) != 0
    err = capsys.readouterr().err
    assert "no existe ese archivo o carpeta" in err and "No such file" not in err


def test_an_export_s_lang_is_spoken_too_when_the_workbook_has_none(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "craving", "3"]) == 0
    capsys.readouterr()
    assert main(["export", "--lang", "es", "--format", "md", "-o", str(tmp_path)]) != 0
    assert "es una carpeta" in capsys.readouterr().err


def test_a_workbook_last_used_in_spanish_refuses_in_spanish_on_an_english_system(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    from workbook.store.language_setting import LANGUAGE_SETTING
    from workbook.store.workbook_store import Store

    with Store.open(db_path) as store:  # as the app leaves it after "Español"
        store.set_setting(LANGUAGE_SETTING, "es")
    assert main(["log", "craving", "3"]) == 0  # an older workbook's language goes beside it when next opened
    existing = tmp_path / "report.md"
    existing.write_text("mine")
    spanish = {
        ("log", "craving", "abc"): "No se guardó nada",
        ("--help",): "mostrar este mensaje de ayuda",
        ("export", "--format", "md", "-o", str(existing)): "ya existe",
        ("import", str(tmp_path / "missing.json")): "no existe ese archivo",
        ("today",): "Cuaderno de recuperación",
        ("remind",): "faltan estos argumentos obligatorios",
    }
    for argv, words in spanish.items():
        capsys.readouterr()
        try:
            main(list(argv))
        except SystemExit:
            pass
        out, err = capsys.readouterr()
        assert words in out + err, (argv, out + err)


def test_keys_are_named_as_the_person_s_keyboard_prints_them() -> None:
    from workbook.common import i18n
    from workbook.ui.base import key_in_words

    i18n.set_language("es")
    assert key_in_words("shift+tab") == "mayús+tab"
    assert key_in_words("^pgup") == "^repág"  # Textual's Ctrl, before the key's own name
    assert key_in_words("^p") == "^p" and key_in_words("f1") == "f1"
    i18n.set_language("en")
    assert key_in_words("shift+tab") == "shift+tab"


def test_words_are_cut_at_a_whole_word() -> None:
    from workbook.common.printable import clipped

    assert clipped("discusión con mi hermano sobre el dinero", 30) == "discusión con mi hermano…"
    assert clipped("short", 30) == "short"
    assert len(clipped("x" * 50, 10)) == 10  # one long word is cut rather than left out


def test_one_minute_is_said_in_the_singular_in_each_language() -> None:
    from workbook.common import i18n
    from workbook.worksheets.answers import format_answer
    from workbook.worksheets.builtin import Cravings
    from workbook.worksheets.loader import load_exercises
    from workbook.worksheets.translation import localized

    i18n.set_language("es")
    sheet = localized(load_exercises()[0][Cravings.ID], "es")
    spec = sheet.field(Cravings.surfed_minutes.id)
    assert spec is not None
    assert format_answer(spec, 1) == "1 minuto" and format_answer(spec, 15) == "15 minutos"
    assert spec.unit_for(1.0) == "minuto" and spec.unit_for(1.5) == "minutos"


def test_today_names_each_self_check_due(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "craving", "3"]) == 0
    capsys.readouterr()
    assert main(["today"]) == 0
    assert "2 self-checks (GAD-7 and PHQ-9)" in capsys.readouterr().out


@pytest.mark.asyncio
async def test_the_palette_says_no_matches_in_the_person_s_language() -> None:
    from app_helpers import make_app, settle

    app = make_app(lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await app.run_action("command_palette")
        await settle(pilot, lambda: type(app.screen).__name__ == "WorkbookPalette")
        await pilot.press(*"zzqqxx")
        await settle(pilot, lambda: "Nada coincide" in html.unescape(app.export_screenshot()).replace("\xa0", " "))


@pytest.mark.asyncio
async def test_a_long_tick_wraps_below_instead_of_ending_in_an_ellipsis() -> None:
    from textual.app import App, ComposeResult

    from workbook.ui.widgets.ticks import TickBox

    words = "GAD-7 (autoevaluación de la preocupación), with more words after it"

    class Ticks(App[None]):
        CSS_PATH = str(Path(__file__).parents[1] / "workbook" / "ui" / "app.tcss")

        def compose(self) -> ComposeResult:
            yield TickBox(words, compact=True)

    app = Ticks()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        box = app.query_one(TickBox)
        assert box.size.height >= 2 and "preocupación" in html.unescape(app.export_screenshot())


def test_a_narrow_header_keeps_the_worksheet_s_name_and_where_the_person_is() -> None:
    from workbook.ui.base import header_title

    title, where = "Nueva anotación: Registro de detonantes y ansias", "Qué estaba pasando · pregunta 6 de 20"
    assert header_title(title, where, 120).plain == f"{title} — {where}"
    assert header_title(title, where, 100).plain == f"{title} — pregunta 6 de 20"  # the section goes first
    at_80 = "Registro de detonantes y ansias — pregunta 6 de 20"  # then "Nueva anotación:"
    assert header_title(title, where, 80).plain == at_80
    assert header_title(title, where, 60).plain == "Registro… — pregunta 6 de 20"  # never "Registro de…"
