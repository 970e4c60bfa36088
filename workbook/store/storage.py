"""TinyDB storage that never leaves a half-written file.

``DurableStorage`` keeps the database in memory (it is the only writer, see
``workbook.store.lock``), serialises with ``orjson`` and saves through
``fsutil.atomic_write``. Bytes pass through a ``Codec`` on their way to and from
the disk, which is where encryption plugs in; nothing outside this module knows
how the bytes are laid out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import orjson
from tinydb.storages import Storage

from workbook.store import fsutil
from workbook.store.errors import DamagedFileError, PassphraseError, SaveError

Data = dict[str, dict[str, Any]]

# The first bytes of an encrypted workbook (see ``workbook.store.encrypted_codec``); kept here so
# telling the two apart never needs the crypto libraries.
ENCRYPTED_MAGIC = b"RWBENC"


def file_is_encrypted(path: Path) -> bool:
    """True when the file at ``path`` is an encrypted workbook (checked without the crypto libraries)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC
    except OSError:
        return False


class NeedsPassphraseError(PassphraseError):
    """The file is encrypted and no passphrase was given."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"The workbook {path} is encrypted. Enter its passphrase to open it.")


class Codec(Protocol):
    """Turns the serialised database into the bytes on disk and back."""

    def encode(self, plaintext: bytes) -> bytes: ...

    def decode(self, stored: bytes) -> bytes: ...


class PlainCodec:
    """Stores JSON as it is (encryption off)."""

    def encode(self, plaintext: bytes) -> bytes:
        return plaintext

    def decode(self, stored: bytes) -> bytes:
        return stored


def structure_problem(data: Any) -> str | None:
    """Why ``data`` is not a TinyDB database, or ``None`` when it is one."""
    if not isinstance(data, dict):
        return "the file does not hold a workbook (expected a JSON object of tables)"
    for table_name, table in data.items():
        if not isinstance(table, dict):
            return f"the table '{table_name}' is not a JSON object"
        for doc_id, document in table.items():
            if not isinstance(document, dict):
                return f"record {doc_id} in table '{table_name}' is not a JSON object"
    return None


def parse_database(raw: bytes, path: Path, codec: Codec) -> Data:
    """Decode and parse stored bytes, raising ``DamagedFileError`` with a plain reason."""
    if not raw:
        raise DamagedFileError(path, "the file is empty (0 bytes)")
    if raw.startswith(ENCRYPTED_MAGIC) and isinstance(codec, PlainCodec):
        raise NeedsPassphraseError(path)
    plaintext = codec.decode(raw)
    try:
        data = orjson.loads(plaintext)
    except orjson.JSONDecodeError as exc:
        raise DamagedFileError(path, f"the file is not valid JSON ({_position(exc)})") from None
    problem = structure_problem(data)
    if problem is not None:
        raise DamagedFileError(path, problem)
    return data  # type: ignore[no-any-return]


def _position(exc: orjson.JSONDecodeError) -> str:
    # The message names a position only, never the text around it.
    return f"stopped at character {exc.pos}" if exc.pos is not None else "unreadable"


def serialise(data: Data) -> bytes:
    """The JSON bytes of a database (orjson: about 10x faster than ``json``)."""
    return orjson.dumps(data)


class DurableStorage(Storage):
    """A TinyDB ``Storage`` with atomic, fsynced, owner-only writes."""

    def __init__(self, path: Path, codec: Codec | None = None) -> None:
        self.path = Path(path)
        self.codec: Codec = codec or PlainCodec()
        self._cache: Data | None = None

    def read(self) -> Data | None:
        if self._cache is None:
            try:
                raw = fsutil.read_bytes(self.path)
            except FileNotFoundError:
                return None
            except OSError as exc:
                raise DamagedFileError(self.path, f"the file cannot be opened ({exc.strerror})") from None
            self._cache = parse_database(raw, self.path, self.codec)
        return self._cache

    def write(self, data: Data) -> None:
        try:
            payload = self.codec.encode(serialise(data))
            fsutil.atomic_write(self.path, payload)
        except (OSError, TypeError, orjson.JSONEncodeError) as exc:
            # TinyDB changed the cached dict in place before calling us; forget it so
            # the next read reloads the last good save from disk.
            self._cache = None
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
            raise SaveError(self.path, reason) from None
        self._cache = data

    def close(self) -> None:
        self._cache = None
