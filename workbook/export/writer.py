"""Provides the one place an export reaches the disk (or standard output).

Export files are written durably with mode 0600, never replace an existing file unless
the caller says so, and are never written over the workbook, its lock or anything in its
backups folder, however the path is spelled, even with ``--force``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbook.common.errors import WorkbookError, os_reason
from workbook.common.i18n import _
from workbook.store import fsutil
from workbook.store.paths import protected_reason


def check_destination(destination: Path, db_path: Path | None, *, force: bool, suffix: str = ".pdf") -> Path:
    """The absolute target for an export, or a ``WorkbookError`` saying why it cannot be used
    (``suffix``: the ending of the name suggested for a folder)."""
    target = Path(destination).expanduser().absolute()
    try:
        return _checked(target, db_path, force=force, suffix=suffix)
    except OSError as exc:  # a name too long for the system, a folder that cannot be looked into
        raise WorkbookError(
            _("{target} cannot be used for an export ({reason}). Choose another name. Nothing was written.").format(
                target=target, reason=os_reason(exc)
            )
        ) from None


def _checked(target: Path, db_path: Path | None, *, force: bool, suffix: str) -> Path:
    if db_path is not None:
        reason = protected_reason(target, db_path)
        if reason is not None:
            raise WorkbookError(
                _("{target} cannot be used for an export: {reason}. Choose another name. Nothing was written.").format(
                    target=target, reason=reason
                )
            )
    if target.is_dir():
        raise WorkbookError(
            _("{target} is a folder. Give a file name, for example {value}").format(
                target=target, value=target / f"workbook-export{suffix}"
            )
        )
    if target.exists() and not target.is_file():
        raise WorkbookError(
            _("{target} is not an ordinary file. Choose another name. Nothing was written.").format(target=target)
        )
    if target.exists() and not force:
        raise WorkbookError(
            _("{target} already exists. Choose another name, or add --force to replace it.").format(target=target)
        )
    if not target.parent.is_dir():
        raise WorkbookError(
            _("The folder {parent} does not exist. Create it first or choose another place.").format(
                parent=target.parent
            )
        )
    return target


def write_output(destination: str | Path, payload: bytes, db_path: Path | None, *, force: bool = False) -> Path | None:
    """Write ``payload`` to a file (``-`` means standard output); return the file path."""
    if str(destination) == "-":
        if sys.stdout is None:  # started with standard output closed
            raise WorkbookError(
                _(
                    "Standard output is closed, so there is nowhere to write. Give a file "
                    "name with -o. Nothing was written."
                )
            )
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return None
    target = check_destination(Path(destination), db_path, force=force)
    fsutil.remove_leftovers(target)  # temporary files an earlier, interrupted export of this file left
    try:
        fsutil.atomic_write(target, payload)
    except OSError as exc:
        raise WorkbookError(
            _("Could not write {target}: {value}. Nothing in the workbook changed.").format(
                target=target, value=os_reason(exc)
            )
        ) from None
    return target
