"""Provides the inbox: quick entries from the shell while the workbook is open in a window.

The window holds the writer lock, so the shell does not write the workbook. It writes one
small file per entry into a private folder beside it (``workbook.json.inbox/``), durably
(written whole, fsynced, renamed into place, the folder fsynced: a file there is complete
or absent) and under the same protection as the workbook (encrypted with its key when it
is encrypted). The window, or the next program that opens the workbook, reads the inbox,
saves its entries durably into the workbook, and only then removes their files. Every item
carries its own id, so an item read twice (a kill -9 between the save and the removal) is
merged once. An item that cannot be read is never removed: it is set aside under a name
that says so, for ``workbook check`` to name.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from workbook.store import fsutil
from workbook.store.codec import Codec

SUFFIX = ".item"
SET_ASIDE = ".unreadable"
MAX_ITEM = 1_000_000  # bytes: a quick entry is a few hundred
MAX_ITEMS = 10_000  # read at most this many at once (the rest wait for the next read)


def folder_of(path: Path) -> Path:
    """The inbox folder of the workbook at ``path``."""
    return path.with_name(path.name + ".inbox")


@dataclass(frozen=True)
class Item:
    """One quick entry from the shell: what it is (``kind``: "craving", "checkin" or "writing"), its
    own id, when it was written (RFC 3339) and its answers."""

    kind: str
    id: str
    written: str
    answers: dict[str, Any]
    file: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "written": self.written, "answers": self.answers}


def post(path: Path, kind: str, written: str, answers: dict[str, Any], codec: Codec) -> Item:
    """Put an entry in the inbox of the workbook at ``path``, durably (``OSError`` if the
    disk will not take it: then nothing is there)."""
    folder = folder_of(path)
    fsutil.ensure_private_dir(folder)
    fsutil.tighten_own_dir(folder)  # one left open to others by hand is closed again
    fsutil.fsync_dir(folder.parent)
    item = Item(kind, str(uuid.uuid4()), written, dict(answers))
    # Named by when it was written, so the inbox is read in the order it was filled.
    name = f"{written.replace(':', '').replace('+', 'p')}-{item.id}{SUFFIX}"
    fsutil.atomic_write(folder / name, codec.encode(orjson.dumps(item.to_dict())))
    return item


def waiting(path: Path) -> bool:
    """Whether the inbox of the workbook at ``path`` has anything in it (one directory read)."""
    try:
        with os.scandir(folder_of(path)) as found:
            return any(e.name.endswith(SUFFIX) for e in found)
    except OSError:
        return False


def read(path: Path, codec: Codec) -> list[Item]:
    """The items waiting, oldest first. One that cannot be read (damaged, another key, the
    wrong shape) is set aside, never lost."""
    folder = folder_of(path)
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(SUFFIX))[:MAX_ITEMS]
    except OSError:
        return []
    items = []
    for name in names:
        file = folder / name
        try:
            document = orjson.loads(codec.decode(fsutil.read_regular(file, MAX_ITEM)))
            item = _item(document, file)
        except Exception:  # anything at all: the item is kept, set aside, and the rest are read
            _set_aside(file)
            continue
        items.append(item)
    return items


_ID = re.compile(r"[0-9a-f-]{8,64}")


def _item(document: Any, file: Path) -> Item:
    """An item of the shape ``post`` writes, or ``ValueError``: an id of the kind it makes, a
    moment with its offset in the years the workbook keeps, answers as an object."""
    if not (
        isinstance(document, dict)
        and document.get("kind") in ("craving", "checkin", "writing")
        and isinstance(document.get("id"), str)
        and _ID.fullmatch(document["id"])
        and isinstance(document.get("written"), str)
        and isinstance(document.get("answers"), dict)
    ):
        raise ValueError("not an inbox item")
    written = datetime.fromisoformat(document["written"][:40])
    if written.tzinfo is None or not 1970 <= written.year <= 2200:
        raise ValueError("not a moment the workbook keeps")
    return Item(document["kind"], document["id"], document["written"][:40], document["answers"], file)


def _set_aside(file: Path) -> None:
    try:
        os.replace(file, file.with_name(file.name + SET_ASIDE))
        fsutil.fsync_dir(file.parent)
    except OSError:
        pass


def set_aside(items: list[Item]) -> None:
    """Keep items that cannot be merged beside the inbox, for ``check`` to name: never lost,
    never in the way of the ones after them."""
    for item in items:
        if item.file is not None:
            _set_aside(item.file)


def remove(items: list[Item]) -> None:
    """Forget items whose entries are saved in the workbook."""
    folders = set()
    for item in items:
        if item.file is None:
            continue
        try:
            item.file.unlink()
            folders.add(item.file.parent)
        except FileNotFoundError:
            pass
    for folder in folders:
        fsutil.fsync_dir(folder)


def set_aside_count(path: Path) -> int:
    """How many items could not be read (kept beside the inbox, for ``check`` to name)."""
    try:
        with os.scandir(folder_of(path)) as found:
            return sum(1 for e in found if e.name.endswith(SET_ASIDE))
    except OSError:
        return 0
