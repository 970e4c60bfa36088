"""Provides the errors the program explains to a person, never as a traceback.

Every message here is written for the participant: what happened, that their
saved words are safe, and what to do next. Messages never contain entry text.
"""

from __future__ import annotations

from pathlib import Path

from workbook.common.i18n import N_, _


class WorkbookError(Exception):
    """An expected problem with a message meant for the person using the program."""

    exit_code = 1


class WorkbookLockedError(WorkbookError):
    """Another process has the workbook open for writing."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "Another window has the workbook open ({path}).\nClose the other window first, then try "
                "again. Nothing was changed."
            ).format(path=path)
        )


class DamagedFileError(WorkbookError):
    """The data file cannot be read as a workbook; it is left untouched."""

    def __init__(
        self,
        path: Path,
        reason: str,
        newest_backup: Path | None = None,
        *,
        backup_encrypted: bool = False,
        no_permission: bool = False,
    ) -> None:
        self.path = path
        self.reason = reason
        self.newest_backup = newest_backup
        self.no_permission = no_permission
        lines = [
            _("The workbook file could not be read: {path}").format(path=path),
            _("What is wrong: {reason}").format(reason=reason),
            _("The file has been left exactly as it was."),
        ]
        if no_permission:
            # Nothing is damaged: the words are all there, and a restore could not read them either.
            lines.append(
                _(
                    "Your words are most likely all there. As the file's owner, run: chmod "
                    '600 "{path}" and start the program again.'
                ).format(path=path)
            )
        elif newest_backup is not None:
            kind = (
                _("Newest encrypted backup (your passphrase opens it)") if backup_encrypted else _("Newest good backup")
            )
            lines.append(f"{kind}: {newest_backup}")
            lines.append(
                _('To go back to it, run: workbook restore "{newest_backup}"').format(newest_backup=newest_backup)
            )
        else:
            lines.append(
                _(
                    "No good backup was found beside it. To start a new workbook, move this "
                    "file to another folder (keep it: its words may still be recovered) and "
                    "start the program again."
                )
            )
        super().__init__("\n".join(lines))


class NewerFormatError(WorkbookError):
    """The data file was written by a newer version of the program."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            _(
                "The workbook file {path} was made by a newer version of Recovery Workbook (format "
                "{found}; this version reads up to {supported}).\nPlease update the program. The file "
                "has not been changed."
            ).format(path=path, found=found, supported=supported)
        )


class SaveError(WorkbookError):
    """A save could not be completed; the file on disk still holds the last good save."""

    def __init__(self, path: Path, reason: str, *, disk: bool = True, advice: str | None = None) -> None:
        self.reason = reason
        advice = advice or (
            _("Free some space or check the folder, then try again.")
            if disk
            else _("Please report this. Change the answer and save again.")
        )
        super().__init__(
            _(
                "Your last change could not be saved to {path}: {reason}.\nEverything saved before it "
                "is still safe. {advice}"
            ).format(path=path, reason=reason, advice=advice)
        )


class ImportFormatError(WorkbookError):
    """A file handed to ``workbook import`` is not a workbook export."""


class PassphraseError(WorkbookError):
    """A wrong or missing passphrase; nothing was changed."""


class EncryptionChangeError(WorkbookError):
    """An encryption change (encrypt, decrypt, a new passphrase) that could not be made or
    finished; its message says which passphrase opens which file and what to do."""


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the person's language for the common cases (the system's own
    words are English whatever language is spoken), else the system's words."""
    import errno

    words = {
        errno.ENOENT: N_("no such file or folder"),
        errno.EACCES: N_("permission denied"),
        errno.EPERM: N_("not allowed"),
        errno.ENOSPC: N_("no space left on the disk"),
        errno.EDQUOT: N_("the disk quota is used up"),
        errno.EISDIR: N_("it is a folder"),
        errno.ENOTDIR: N_("a part of the path is not a folder"),
        errno.EROFS: N_("the disk is read-only"),
        errno.EEXIST: N_("it already exists"),
        errno.ENAMETOOLONG: N_("the name is too long"),
        errno.ELOOP: N_("too many links in the path"),
        errno.EIO: N_("the disk could not be read or written"),
    }
    said = words.get(exc.errno) if exc.errno is not None else None
    return _(said) if said else (exc.strerror or type(exc).__name__)
