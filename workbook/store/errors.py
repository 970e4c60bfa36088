"""Provides the errors the program explains to a person, never as a traceback.

Every message here is written for the participant: what happened, that their
saved words are safe, and what to do next. Messages never contain entry text.
"""

from __future__ import annotations

from pathlib import Path


class WorkbookError(Exception):
    """An expected problem with a message meant for the person using the program."""

    exit_code = 1


class WorkbookLockedError(WorkbookError):
    """Another process has the workbook open for writing."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Another window has the workbook open ({path}).\n"
            "Close the other window first, then try again. Nothing was changed."
        )


class DamagedFileError(WorkbookError):
    """The data file cannot be read as a workbook; it is left untouched."""

    def __init__(self, path: Path, reason: str, newest_backup: Path | None = None, *,
                 backup_encrypted: bool = False, no_permission: bool = False) -> None:
        self.path = path
        self.reason = reason
        self.newest_backup = newest_backup
        self.no_permission = no_permission
        lines = [
            f"The workbook file could not be read: {path}",
            f"What is wrong: {reason}",
            "The file has been left exactly as it was.",
        ]
        if no_permission:
            # Nothing is damaged: the words are all there, and a restore could not read them either.
            lines.append(f'Your words are most likely all there. As the file\'s owner, run: chmod 600 "{path}" '
                         "and start the program again.")
        elif newest_backup is not None:
            kind = "Newest encrypted backup (your passphrase opens it)" if backup_encrypted else "Newest good backup"
            lines.append(f"{kind}: {newest_backup}")
            lines.append(f'To go back to it, run: workbook restore "{newest_backup}"')
        else:
            lines.append("No good backup was found beside it. To start a new workbook, move this file to another "
                         "folder (keep it: its words may still be recovered) and start the program again.")
        super().__init__("\n".join(lines))


class NewerFormatError(WorkbookError):
    """The data file was written by a newer version of the program."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"The workbook file {path} was made by a newer version of Recovery Workbook "
            f"(format {found}; this version reads up to {supported}).\n"
            "Please update the program. The file has not been changed."
        )


class SaveError(WorkbookError):
    """A save could not be completed; the file on disk still holds the last good save."""

    def __init__(self, path: Path, reason: str, *, disk: bool = True) -> None:
        advice = ("Free some space or check the folder, then try again." if disk else
                  "Please report this. Change the answer and save again.")
        super().__init__(
            f"Your last change could not be saved to {path}: {reason}.\n"
            f"Everything saved before it is still safe. {advice}"
        )


class ImportFormatError(WorkbookError):
    """A file handed to ``workbook import`` is not a workbook export."""


class PassphraseError(WorkbookError):
    """A wrong or missing passphrase; nothing was changed."""
