"""Provides the codec seam: how the serialised database becomes the bytes on disk.

``Codec`` is what the storage asks; ``PlainCodec`` stores JSON as it is and
``workbook.store.encrypted_codec.EncryptedCodec`` encrypts it. "Is it encrypted?" is asked
one way: ``codec.encrypted`` for an open workbook, ``file_is_encrypted`` for a file on
disk (its first bytes, without importing the crypto libraries).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

# The first bytes of an encrypted workbook (see ``workbook.store.encrypted_codec``).
ENCRYPTED_MAGIC = b"RWBENC"


def bytes_are_encrypted(raw: bytes) -> bool:
    """True when bytes (or the start of a file) are in the encrypted format."""
    return raw[: len(ENCRYPTED_MAGIC)] == ENCRYPTED_MAGIC


def file_is_encrypted(path: Path) -> bool:
    """True when ``path`` is an ordinary file in the encrypted format (checked without the
    crypto libraries, and without blocking on a pipe or a device)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        return bytes_are_encrypted(os.read(fd, len(ENCRYPTED_MAGIC)))
    except OSError:
        return False
    finally:
        os.close(fd)


class Codec(Protocol):
    """Turns the serialised database into the bytes on disk and back."""

    @property
    def encrypted(self) -> bool:
        """True when the bytes on disk are encrypted."""

    @property
    def signature(self) -> bytes:
        """The bytes every file written by this codec starts with (empty for plain JSON)."""

    @property
    def upgraded(self) -> bool:
        """True when the file was read in an older form that the next save writes anew."""

    def encode(self, plaintext: bytes) -> bytes: ...

    def decode(self, stored: bytes) -> bytes: ...

    def verify(self, passphrase: str) -> bool:
        """True when ``passphrase`` opens this workbook (always true when it has none)."""


class PlainCodec:
    """Stores JSON as it is (encryption off)."""

    encrypted = False
    signature = b""
    upgraded = False

    def encode(self, plaintext: bytes) -> bytes:
        return plaintext

    def decode(self, stored: bytes) -> bytes:
        return stored

    def verify(self, passphrase: str) -> bool:
        return True
