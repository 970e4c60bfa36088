"""More of "Spanish everywhere": search sets accents and case aside; a new passphrase read
from standard input is compared with its second line; confirmations take the language's
own word and say which."""

from __future__ import annotations

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
