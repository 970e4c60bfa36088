"""Provides ``WorksheetMemory``: the shipped worksheets' TOML as parsed, kept between runs.

Parsing the TOML of the fifteen shipped worksheets (and their translations) is about half of
loading them, which every start of the app and every command from the shell pays (issue 30).
The parsed words are kept in the user's cache folder, one JSON file (``worksheets.json``),
keyed by a hash of each file's exact words, so a changed or upgraded worksheet is parsed
again and a kept parse is only ever used for the same words. It holds no entry and no
setting: only what ships with the program, owner-only like every file the program writes.
Anything wrong with it (missing, damaged, altered, unreadable, a full disk) costs only the
parse it would have saved: the loader checks a kept parse like any TOML, and reads the words
themselves when it does not load.
"""

from __future__ import annotations

import hashlib
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

    def _read(self) -> dict[str, dict[str, Any]]:
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
            fsutil.atomic_write(self.path, orjson.dumps({"format": FORMAT, "parsed": self._used}))
        except Exception:  # only a saving of time is lost
            return
