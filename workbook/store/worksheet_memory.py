"""Provides ``WorksheetMemory``: the shipped worksheets' TOML as parsed, kept between runs.

Parsing the TOML of the shipped worksheet files (and their translations) is about half of
loading them, which every start of the app and every command from the shell pays (issue 30).
The parsed words are kept in the user's cache folder, one JSON file (``worksheets.json``),
keyed by a hash of each file's exact words, so a changed or upgraded worksheet is parsed
again and a kept parse is only ever used for the same words. It holds no entry and no
setting: only what ships with the program, owner-only like every file the program writes.

Anything wrong with it (missing, damaged, unreadable, a full disk) costs only the parse it
would have saved: the loader checks a kept parse like any TOML, and reads the words
themselves when it does not load. A file or folder another account owns or may write to is
neither read nor written. A kept parse changed by the person's own account to one that still
loads is used as it is, as an edit of the installed worksheet files would be: the cache is
trusted as far as the program's own files are, no further.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

from workbook.store import fsutil
from workbook.store.paths import worksheet_memory_path

FORMAT = 1
MAX_BYTES = 4_000_000  # the shipped worksheets' parse is about 80 KB


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class WorksheetMemory:
    """Parsed TOML by the hash of its words (``workbook.worksheets.loader.ParsedMemory``)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else worksheet_memory_path()
        self._kept: dict[str, dict[str, Any]] | None = None  # read when first asked
        self._used: dict[str, dict[str, Any]] = {}
        self._changed = False

    def _ours(self) -> bool:
        """The file and its folder belong to this account and no other can write to them: a
        cache in a shared folder (XDG_CACHE_HOME pointing at /tmp, say) is neither read nor
        written, so another account cannot plant worksheets in it."""
        if not hasattr(os, "getuid"):
            return True  # Windows: the per-user folder is the person's own
        for path, look in ((self.path.parent, os.stat), (self.path, os.lstat)):
            try:
                found = look(path)
            except FileNotFoundError:
                continue  # not made yet: it will be made owner-only
            except OSError:
                return False
            if found.st_uid != os.getuid() or found.st_mode & 0o022:
                return False
        return True

    def _read(self) -> dict[str, dict[str, Any]]:
        if not self._ours():
            return {}
        try:
            data = orjson.loads(fsutil.read_regular(self.path, MAX_BYTES))
        except Exception:  # missing, not a file, too large, not JSON: parse as if never kept
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("parsed"), dict):
            return {}
        return {key: raw for key, raw in data["parsed"].items() if isinstance(raw, dict)}

    def recall(self, text: str) -> dict[str, Any] | None:
        if self._kept is None:
            self._kept = self._read()
        key = _key(text)
        raw = self._kept.get(key)
        if raw is not None:
            self._used[key] = raw
        return raw

    def keep(self, text: str, raw: dict[str, Any]) -> None:
        try:
            # A TOML date or time would come back as text: such a parse is not kept.
            if orjson.loads(orjson.dumps(raw)) != raw:
                return
        except (TypeError, orjson.JSONEncodeError):
            return
        self._used[_key(text)] = raw
        self._changed = True

    def save(self) -> None:
        """Write what was used this time (a worksheet gone or changed is dropped), when
        something new was parsed; silently nothing when the cache folder cannot be written."""
        if not self._changed:
            return
        self._changed = False
        try:
            fsutil.ensure_private_dir(self.path.parent)
            if not self._ours():
                return
            fsutil.atomic_write(self.path, orjson.dumps({"format": FORMAT, "parsed": self._used}))
        except Exception:  # only a saving of time is lost
            return
