"""Provides ``exercises list`` and ``exercises check``: the worksheets, and checking one you wrote."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbook.cli.common import EXIT_ERROR, EXIT_OK, load_worksheets, say, say_error


def exercises_list_command(args: argparse.Namespace) -> int:
    from workbook.store.paths import user_exercise_dirs
    exercises, problems = load_worksheets()
    for exercise in exercises.values():
        say(f"{exercise.id:<26} v{exercise.version:<3} {exercise.title}  ({len(exercise.fields)} fields, "
              f"{exercise.source})")
    for problem in problems:
        say_error(f"Not loaded: {problem}")
    folders = " or ".join(str(d) for d in user_exercise_dirs())
    say(f"Add your own worksheets as .toml files in {folders}.")
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
    played = f" Roles: {', '.join(roles)}." if roles else ""
    say(f"ok: {path} defines '{exercise.id}' version {exercise.version} with {len(exercise.fields)} fields.{played}")
    return EXIT_OK
