"""Every command's refusals pass through the catalog: each is run in the pseudo-locale (which
swaps every translated letter for a look-alike), so a plain ASCII word in what it prints did
not. Paths, dates, numbers, command and option names are the computer's, not words."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.common import i18n
from workbook.worksheets.loader import load_exercises

ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
# What a person types at the prompt: the program, its commands and options, formats, and
# names of services and measures, the same in every language.
COMPUTER_WORDS = {
    "workbook",
    "db",
    "lang",
    "passphrase",
    "stdin",
    "force",
    "format",
    "output",
    "period",
    "from",
    "to",
    "include",
    "since",
    "last",
    "all",
    "pdf",
    "html",
    "md",
    "csv",
    "json",
    "card",
    "fhir",
    "bearable",
    "daylio",
    "en",
    "es",
    "on",
    "off",
    "at",
    "status",
    "craving",
    "checkin",
    "use",
    "mood",
    "halt",
    "log",
    "export",
    "import",
    "restore",
    "forget",
    "encrypt",
    "decrypt",
    "caseload",
    "remind",
    "write",
    "exercises",
    "check",
    "backup",
    "today",
    "versions",
    "dry",
    "run",
    "sí",
    "COMMAND",
    "PATH",
    "FILE",
    "YYYY",
    "MM",
    "DD",
    "HH",
    "PHQ",
    "GAD",
    "SAMHSA",
    "TTY",
    "EDITOR",
    "UTF",
}


def _typed_words() -> set[str]:
    """Worksheets' ids and their options' values: what a person types on the command line."""
    exercises, _problems = load_exercises()
    found: set[str] = set()
    for exercise in exercises.values():
        found.update(ASCII_WORD.findall(exercise.id))
        for field in exercise.fields:
            for option in field.options:
                found.update(ASCII_WORD.findall(option.id))
    return found


def _words(text: str, tmp_path: Path, argv: list[str]) -> set[str]:
    text = text.replace(str(tmp_path), "")
    for typed in sorted(argv, key=len, reverse=True):  # what the person typed, said back
        text = text.replace(typed, " ")
    text = re.sub(r"(?:/[^\s:,;'\"]*)+", " ", text)  # paths
    text = re.sub(r"--?[a-z][a-z-]*", " ", text)  # options, as typed
    text = re.sub(r"\d{4}-\d\d-\d\d(T[\d:.+-]+)?", " ", text)
    return set(ASCII_WORD.findall(text)) - COMPUTER_WORDS - _typed_words()


def _refusals(tmp_path: Path) -> list[tuple[list[str], str]]:
    """Each refusal a command can give, with what goes to standard input."""
    existing = tmp_path / "there.pdf"
    existing.write_bytes(b"%PDF-1.4\n")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    csv = tmp_path / "odd.csv"
    csv.write_text("this,is,not\nwhat,bearable,writes\n")
    return [
        (["log", "craving", "abc"], ""),
        (["log", "craving", "42"], ""),
        (["log", "checkin", "--mood", "9"], ""),
        (["log", "checkin", "--halt", "purple"], ""),
        (["export", "--format", "md", "-o", str(existing)], ""),
        (["export", "--format", "md", "-o", str(tmp_path / "nowhere" / "x.md")], ""),
        (["export", "--format", "md", "-o", "-", "--from", "2026-13-40"], ""),
        (["export", "--format", "md", "-o", "-", "--include", "no-such-sheet"], ""),
        (["import", str(tmp_path / "missing.json")], ""),
        (["import", str(broken)], ""),
        (["import", "--from", "bearable", str(csv)], ""),
        (["restore", "no-such-backup"], ""),
        (["forget"], ""),
        (["encrypt", "--passphrase-stdin"], "short\nshort\n"),
        (["encrypt", "--passphrase-stdin"], "a long phrase one\na long phrase two\n"),
        (["decrypt", "--passphrase-stdin"], ""),
        (["passphrase", "--passphrase-stdin"], ""),
        (["caseload", str(tmp_path / "no-folder")], ""),
        (["remind", "--at", "25:99"], ""),
        (["write", "no-such-sheet"], ""),
        (["exercises", "check", str(broken)], ""),
        (["no-such-command"], ""),
        (["log", "craving"], ""),
    ]


def test_every_commands_refusal_passes_through_the_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "craving", "3"]) == 0  # a workbook to refuse things in
    capsys.readouterr()
    skipped: dict[str, set[str]] = {}
    for argv, given in _refusals(tmp_path):
        monkeypatch.setattr(sys, "stdin", io.StringIO(given))
        try:
            code = main(["--lang", i18n.PSEUDO, *argv])
        except SystemExit as stop:  # argparse's own refusals
            code = stop.code
        out, err = capsys.readouterr()
        assert code not in (0, None), argv
        assert err.strip() or out.strip(), argv  # every refusal says something
        left = _words(out + err, tmp_path, argv)
        if left:
            skipped[" ".join(argv)] = left
    assert not skipped, "\n".join(f"{k}: {sorted(v)}" for k, v in skipped.items())
