"""Provides ``exercises list`` and ``exercises check``: the worksheets, and checking one you wrote."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbook.cli.common import EXIT_ERROR, EXIT_OK, load_worksheets, say, say_error
from workbook.common.i18n import _


def exercises_list_command(args: argparse.Namespace) -> int:
    from workbook.services.opening import worksheet_folders

    exercises, problems = load_worksheets()
    for exercise in exercises.values():
        say(
            _("{id:<26} v{version:<3} {title}  ({count} fields, {source})").format(
                id=exercise.id,
                version=exercise.version,
                title=exercise.title,
                count=len(exercise.fields),
                source=exercise.source,
            )
        )
    for problem in problems:
        say_error(_("Not loaded: {problem}").format(problem=problem))
    folders = _(" or ").join(str(d) for d in worksheet_folders())
    say(_("Add your own worksheets as .toml files in {folders}.").format(folders=folders))
    return EXIT_ERROR if problems else EXIT_OK


def exercises_check_command(args: argparse.Namespace) -> int:
    from workbook.worksheets.definition import DefinitionError, Problem
    from workbook.worksheets.loader import load_file

    path = Path(args.file).expanduser()
    try:
        exercise = load_file(path)
    except DefinitionError as exc:
        say_error(str(Problem(str(path), exc.field_id, exc.reason)))
        return EXIT_ERROR
    roles = sorted({f.role for f in exercise.fields if f.role})
    played = _(" Roles: {join}.").format(join=", ".join(roles)) if roles else ""
    from workbook.common.i18n import LANGUAGES
    from workbook.worksheets.translation import missing_translations

    # A worksheet may be in English only; one that starts a translation should finish it.
    unfinished = {lang: missing_translations(exercise, lang) for lang in exercise.translations}
    for lang, missing in unfinished.items():
        if missing:
            say_error(
                _("The {language} translation leaves out: {missing}.").format(
                    language=LANGUAGES.get(lang, lang),
                    missing=", ".join(missing[:20]) + (" …" if len(missing) > 20 else ""),
                )
            )
    if any(unfinished.values()):
        return EXIT_ERROR
    say(
        _("ok: {path} defines '{id}' version {version} with {count} fields.{played}").format(
            path=path, id=exercise.id, version=exercise.version, count=len(exercise.fields), played=played
        )
    )
    return EXIT_OK
