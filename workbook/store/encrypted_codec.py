"""Encryption at rest: a versioned file format over AES-256-GCM with an Argon2id-wrapped key.

File layout (all integers big-endian)::

    magic "RWBENC" | format 1 (u8) | kdf 1 = Argon2id (u8) | memory KiB (u32) | iterations (u32)
    | lanes (u32) | salt (16) | wrap nonce (12) | wrapped data key (48)       <- the "key block"
    | data nonce (12) | AES-GCM ciphertext of the JSON (tag included)

A random 256-bit data key encrypts the data; the passphrase (through Argon2id)
only wraps that key. Changing the passphrase therefore rewrites the key block,
and a file always opens with exactly one passphrase. A wrong passphrase fails
to unwrap the key (``PassphraseError``); a damaged body fails the data tag
(``DamagedFileError``), so the two are never confused. Every write uses a fresh
nonce, and the whole header is bound to the ciphertext as associated data.
Only the ``cryptography`` package's primitives are used.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from workbook.store.errors import DamagedFileError, PassphraseError
from workbook.store.storage import ENCRYPTED_MAGIC as MAGIC

FORMAT = 1
KDF_ARGON2ID = 1
# Above OWASP's Argon2id minimums (19 MiB, t=2, p=1); about 0.2 s on a 2-core machine.
KDF_MEMORY_KIB = 64 * 1024
KDF_ITERATIONS = 3
KDF_LANES = 4
MIN_PASSPHRASE = 8

_PREFIX = struct.Struct(">6sBBIII")
_SALT, _NONCE, _WRAPPED = 16, 12, 48
KEY_BLOCK_SIZE = _PREFIX.size + _SALT + _NONCE + _WRAPPED
HEADER_SIZE = KEY_BLOCK_SIZE + _NONCE

WRONG_PASSPHRASE = "That passphrase does not open this workbook. Nothing was changed. Please try again."


def is_encrypted(raw: bytes) -> bool:
    """True when bytes (or the start of a file) are in the encrypted format."""
    return raw[: len(MAGIC)] == MAGIC


def check_new_passphrase(passphrase: str) -> None:
    """Raise ``PassphraseError`` with a kind message when a new passphrase is too weak."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError(f"Please choose a passphrase of at least {MIN_PASSPHRASE} characters. "
                              "A few unrelated words are easy to remember and hard to guess.")


def _derive(passphrase: str, salt: bytes, memory: int, iterations: int, lanes: int) -> bytes:
    kdf = Argon2id(salt=salt, length=32, iterations=iterations, lanes=lanes, memory_cost=memory)
    return kdf.derive(passphrase.encode("utf-8"))


@dataclass(frozen=True)
class KeyBlock:
    """The parsed key block of an encrypted file."""

    raw: bytes
    memory: int
    iterations: int
    lanes: int
    salt: bytes
    wrap_nonce: bytes
    wrapped: bytes

    @classmethod
    def parse(cls, raw: bytes, path: Path | None = None) -> KeyBlock:
        if len(raw) < HEADER_SIZE or not is_encrypted(raw):
            raise DamagedFileError(path or Path("?"), "the encrypted file is too short to hold its header")
        magic, version, kdf, memory, iterations, lanes = _PREFIX.unpack_from(raw)
        if version != FORMAT or kdf != KDF_ARGON2ID:
            raise DamagedFileError(path or Path("?"), f"unknown encryption format {version}.{kdf} "
                                   "(made by a newer version of the program?)")
        if not (8 <= memory <= 4 * 1024 * 1024 and 1 <= iterations <= 100 and 1 <= lanes <= 64):
            raise DamagedFileError(path or Path("?"), "the encryption header is damaged")
        at = _PREFIX.size
        salt, at = raw[at:at + _SALT], at + _SALT
        nonce, at = raw[at:at + _NONCE], at + _NONCE
        wrapped = raw[at:at + _WRAPPED]
        return cls(raw[:KEY_BLOCK_SIZE], memory, iterations, lanes, salt, nonce, wrapped)

    def unwrap(self, passphrase: str) -> bytes:
        kek = _derive(passphrase, self.salt, self.memory, self.iterations, self.lanes)
        try:
            return AESGCM(kek).decrypt(self.wrap_nonce, self.wrapped, self.raw[: _PREFIX.size + _SALT])
        except InvalidTag:
            raise PassphraseError(WRONG_PASSPHRASE) from None


def make_key_block(data_key: bytes, passphrase: str) -> bytes:
    """A new key block (fresh salt) wrapping ``data_key`` under ``passphrase``."""
    salt = os.urandom(_SALT)
    prefix = _PREFIX.pack(MAGIC, FORMAT, KDF_ARGON2ID, KDF_MEMORY_KIB, KDF_ITERATIONS, KDF_LANES) + salt
    kek = _derive(passphrase, salt, KDF_MEMORY_KIB, KDF_ITERATIONS, KDF_LANES)
    nonce = os.urandom(_NONCE)
    return prefix + nonce + AESGCM(kek).encrypt(nonce, data_key, prefix)


class EncryptedCodec:
    """A storage ``Codec`` that encrypts every save with the workbook's data key."""

    def __init__(self, data_key: bytes, key_block: bytes, path: Path | None = None) -> None:
        self._aead = AESGCM(data_key)
        self._data_key = data_key
        self.key_block = key_block
        self.path = path

    @classmethod
    def create(cls, passphrase: str) -> EncryptedCodec:
        """A codec with a brand-new data key (turning encryption on)."""
        data_key = AESGCM.generate_key(bit_length=256)
        return cls(data_key, make_key_block(data_key, passphrase))

    @classmethod
    def unlock(cls, raw: bytes, passphrase: str, path: Path | None = None) -> EncryptedCodec:
        """Open an encrypted file's key with ``passphrase`` (``PassphraseError`` when wrong)."""
        block = KeyBlock.parse(raw, path)
        return cls(block.unwrap(passphrase), block.raw, path)

    def with_passphrase(self, passphrase: str) -> EncryptedCodec:
        """The same data key under a new passphrase."""
        return EncryptedCodec(self._data_key, make_key_block(self._data_key, passphrase), self.path)

    def verify(self, passphrase: str) -> bool:
        """True when ``passphrase`` opens this workbook's key (used to unhide the screen)."""
        try:
            return KeyBlock.parse(self.key_block + bytes(_NONCE)).unwrap(passphrase) == self._data_key
        except PassphraseError:
            return False

    def encode(self, plaintext: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        header = self.key_block + nonce
        return header + self._aead.encrypt(nonce, plaintext, header)

    def decode(self, stored: bytes) -> bytes:
        path = self.path or Path("?")
        if not is_encrypted(stored):
            return stored  # a backup from before encryption was turned on
        KeyBlock.parse(stored, path)
        header = stored[:HEADER_SIZE]
        try:
            return self._aead.decrypt(header[KEY_BLOCK_SIZE:], stored[HEADER_SIZE:], header)
        except InvalidTag:
            raise DamagedFileError(path, "the encrypted data is damaged (its check failed)") from None
