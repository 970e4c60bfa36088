"""Provides ``write``: a longer journal entry, typed in the person's own editor ($VISUAL or
$EDITOR) or read from standard input.

The editor works on a private temporary file (mode 0600, in a private folder), which is
removed whatever happens. Whatever is in it when the editor ends (even if the editor
crashed) is saved; a first line starting with "# " becomes the title. While the workbook is
open in a window, the entry waits in its inbox like a quick log.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from workbook.cli.common import EXIT_OK, clock_of, open_workbook, say
from workbook.common.errors import WorkbookError, WorkbookLockedError, os_reason
from workbook.common.i18n import _

MAX_TEXT = 1_000_000  # characters: a long entry is a few thousand


def _editor() -> list[str]:
    for name in ("VISUAL", "EDITOR"):
        chosen = os.environ.get(name, "").strip()
        if chosen:
            try:
                return shlex.split(chosen)
            except ValueError:
                raise WorkbookError(
                    _("${name} cannot be read as a command ({value}). Nothing was saved.").format(
                        name=name, value=chosen[:60]
                    )
                ) from None
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise WorkbookError(
        _(
            "No editor was found: set $EDITOR (for example EDITOR=nano), or pipe the text in: "
            "echo 'words' | workbook write"
        )
    )


def _typed_in_editor(folder: Path) -> tuple[str, bool]:
    """What was typed in the editor (in a private file in ``folder``), and whether the editor
    ended well."""
    draft = folder / "entry.md"
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    try:
        ended = subprocess.run([*_editor(), str(draft)], check=False).returncode == 0
    except OSError as exc:
        raise WorkbookError(
            _("The editor could not be started ({value}). Nothing was saved.").format(value=os_reason(exc))
        ) from None
    from workbook.common.regular_files import NotARegularFileError, read_regular_file

    try:  # the file as it is: an editor that left a link or a device in its place is not followed
        data = read_regular_file(draft, MAX_TEXT * 4)
    except (NotARegularFileError, OSError):
        raise WorkbookError(_("The editor left no ordinary file behind, so there was nothing to save.")) from None
    return data.decode("utf-8", errors="replace"), ended


def _answers(text: str, now: str) -> dict[str, object]:
    from workbook.worksheets.builtin import Journal

    lines = text.strip().splitlines()
    answers: dict[str, object] = {Journal.when.id: now}
    if lines and lines[0].startswith("# ") and len(lines) > 1:
        answers[Journal.title.id] = lines[0][2:].strip()[:200]
        lines = lines[1:]
    answers[Journal.text.id] = "\n".join(lines).strip()
    return answers


def write_command(args: argparse.Namespace) -> int:
    folder = Path(tempfile.mkdtemp(prefix="workbook-"))  # private: created 0700
    try:
        if sys.stdin is not None and not sys.stdin.isatty():
            # Piped words go into the private file first, so a save that fails keeps them too.
            raw = sys.stdin.buffer.read(MAX_TEXT * 4) if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
            text, ended = raw.decode("utf-8", errors="replace"), True
            descriptor = os.open(folder / "entry.md", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as piped:
                piped.write(text)
        else:
            text, ended = _typed_in_editor(folder)
        if not text.strip():
            say(_("Nothing was written, so nothing was saved."))
            shutil.rmtree(folder, ignore_errors=True)
            return EXIT_OK
        _save(args, text)
    except WorkbookError as exc:
        kept = folder / "entry.md"
        if kept.exists() and kept.read_text(encoding="utf-8", errors="replace").strip():
            # Never lost: the words stay in their private file until they are saved.
            raise WorkbookError(
                _("{exc}\nYour words are kept in {kept} (only you can read it).").format(exc=exc, kept=kept)
            ) from None
        shutil.rmtree(folder, ignore_errors=True)
        raise
    shutil.rmtree(folder, ignore_errors=True)
    if not ended:
        say(_("The editor did not end cleanly, but what it had written was saved."))
    return EXIT_OK


def _save(args: argparse.Namespace, text: str) -> None:
    from workbook.services.inbox import JOURNAL
    from workbook.worksheets.builtin import Journal
    from workbook.worksheets.loader import load_shipped

    sheet = load_shipped(Journal.ID)
    if sheet is None:
        raise WorkbookError(_("This computer has no journal worksheet. Nothing was saved."))
    answers = _answers(text, clock_of(args).now().strftime("%Y-%m-%d %H:%M"))
    try:
        with open_workbook(args, {Journal.ID: sheet}) as book:
            book.save(sheet, answers)
        say(_("Saved in your journal ({count} characters).").format(count=len(str(answers[Journal.text.id]))))
    except WorkbookLockedError:
        from workbook.cli.common import Passphrases, db_path
        from workbook.services.inbox import post

        post(db_path(args), JOURNAL, sheet, answers, Passphrases(args).current, clock_of(args))
        say(_("The workbook is open in another window: this goes in as soon as that window sees it, within seconds."))
