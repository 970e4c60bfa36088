"""The one place an export reaches the disk (or standard output).

Export files are written durably with mode 0600 and never replace an existing
file unless the caller says so.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbook.store import fsutil
from workbook.store.errors import WorkbookError


def write_output(destination: str | Path, payload: bytes, *, force: bool = False) -> Path | None:
    """Write ``payload`` to a file (``-`` means standard output); return the file path."""
    if str(destination) == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return None
    target = Path(destination).expanduser().absolute()
    if target.is_dir():
        raise WorkbookError(f"{target} is a folder. Give a file name, for example {target / 'workbook-export.json'}")
    if target.exists() and not force:
        raise WorkbookError(f"{target} already exists. Choose another name, or add --force to replace it.")
    if not target.parent.is_dir():
        raise WorkbookError(f"The folder {target.parent} does not exist. Create it first or choose another place.")
    try:
        fsutil.atomic_write(target, payload)
    except OSError as exc:
        raise WorkbookError(f"Could not write {target}: {exc.strerror or exc}. Nothing in the workbook changed.") from None
    return target
