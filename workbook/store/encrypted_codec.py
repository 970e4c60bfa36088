"""Provides encryption at rest: a versioned file format over AES-256-GCM with a data key
wrapped by a key derived from the passphrase with Argon2id.

File layout, format 2 (integers big-endian)::

    magic "RWBENC" | format 2 (u8) | kdf 1 = Argon2id (u8) | memory KiB (u32) | iterations (u32)
    | lanes (u32) | salt (16) | wrap nonce (12) | wrapped data key (48) | check (8)   <- key block
    | data nonce (12) | AES-GCM ciphertext of the JSON (tag included)

``check`` is the first 8 bytes of SHA-256 over the key block before it. It is verified,
and the key-derivation settings are checked against allowed ranges, before anything is
derived: a damaged header is reported as damage (never as a wrong passphrase) and can
never make Argon2 run for seconds or take gigabytes. A wrong passphrase fails to unwrap
the key (``PassphraseError``); a damaged body fails the data tag (``DamagedFileError``).
Format 1 (no check) is still read, and upgraded to format 2 when it is next saved.
Every write uses a fresh nonce, and the whole header is bound to the ciphertext.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from workbook.common.errors import DamagedFileError, PassphraseError
from workbook.common.i18n import N_, _
from workbook.store.codec import ENCRYPTED_MAGIC as MAGIC
from workbook.store.codec import bytes_are_encrypted

FORMAT = 2
KDF_ARGON2ID = 1
# Above OWASP's Argon2id minimums (19 MiB, t=2, p=1); about 0.2 s on a 2-core machine.
KDF_MEMORY_KIB = 64 * 1024
KDF_ITERATIONS = 3
KDF_LANES = 4
# What a header may ask for: anything outside is damage, not a setting to obey.
MEMORY_RANGE_KIB = (1024, 256 * 1024)
ITERATIONS_RANGE = (1, 10)
LANES_RANGE = (1, 16)
MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024

_PREFIX = struct.Struct(">6sBBIII")
_SALT, _NONCE, _WRAPPED, _CHECK = 16, 12, 48, 8
_SIZES = {1: _PREFIX.size + _SALT + _NONCE + _WRAPPED, 2: _PREFIX.size + _SALT + _NONCE + _WRAPPED + _CHECK}
KEY_BLOCK_SIZE = _SIZES[FORMAT]
HEADER_SIZE = KEY_BLOCK_SIZE + _NONCE
LONGEST_HEADER = max(_SIZES.values()) + _NONCE

WRONG_PASSPHRASE = N_("That passphrase does not open this workbook. Nothing was changed. Please try again.")
DAMAGED_HEADER = N_("the encryption header is damaged (its check failed)")


def check_new_passphrase(passphrase: str) -> None:
    """Raise ``PassphraseError`` with a kind message when a new passphrase cannot be used."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError(
            _(
                "Please choose a passphrase of at least {MIN_PASSPHRASE} characters. "
                "A few unrelated words are easy to remember and hard to guess."
            ).format(MIN_PASSPHRASE=MIN_PASSPHRASE)
        )
    if len(passphrase) > MAX_PASSPHRASE:
        raise PassphraseError(
            _("Please choose a passphrase of at most {MAX_PASSPHRASE} characters.").format(
                MAX_PASSPHRASE=MAX_PASSPHRASE
            )
        )


def spellings(passphrase: str) -> list[str]:
    """The ways the same passphrase can be spelled in Unicode, the one new keys use first.

    "café" typed on one keyboard is é (one character), on another e and a combining accent:
    the same words, other bytes. New keys use the composed form (NFC); opening also tries
    the form as typed and the decomposed one, so a key made before this (or elsewhere) opens.
    """
    found = [unicodedata.normalize("NFC", passphrase), passphrase, unicodedata.normalize("NFD", passphrase)]
    return list(dict.fromkeys(found))


def _derive(passphrase: str, salt: bytes, memory: int, iterations: int, lanes: int) -> bytes:
    kdf = Argon2id(salt=salt, length=32, iterations=iterations, lanes=lanes, memory_cost=memory)
    return kdf.derive(passphrase.encode("utf-8", "surrogatepass"))


def _check(body: bytes) -> bytes:
    return hashlib.sha256(body).digest()[:_CHECK]


def _within(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


@dataclass(frozen=True)
class KeyBlock:
    """The parsed, checked key block of an encrypted file."""

    raw: bytes
    format: int
    memory: int
    iterations: int
    lanes: int
    salt: bytes
    wrap_nonce: bytes
    wrapped: bytes

    @classmethod
    def parse(cls, raw: bytes, path: Path | None = None) -> KeyBlock:
        """Parse and check the key block at the start of ``raw`` (``DamagedFileError`` when damaged)."""
        where = path or Path("?")
        if len(raw) < _PREFIX.size or not bytes_are_encrypted(raw):
            raise DamagedFileError(where, _("the encrypted file is too short to hold its header"))
        _magic, version, kdf, memory, iterations, lanes = _PREFIX.unpack_from(raw)
        if version not in _SIZES or kdf != KDF_ARGON2ID:
            raise DamagedFileError(
                where,
                _(
                    "unknown encryption format {version}.{kdf} (damaged, or made by a newer version of the program)"
                ).format(version=version, kdf=kdf),
            )
        size = _SIZES[version]
        if len(raw) < size + _NONCE:
            raise DamagedFileError(where, _("the encrypted file is too short to hold its header"))
        if version >= 2 and not hmac.compare_digest(_check(raw[: size - _CHECK]), raw[size - _CHECK : size]):
            raise DamagedFileError(where, _(DAMAGED_HEADER))
        if not (
            _within(memory, MEMORY_RANGE_KIB)
            and _within(iterations, ITERATIONS_RANGE)
            and _within(lanes, LANES_RANGE)
            and memory >= 8 * lanes
        ):
            raise DamagedFileError(where, _("the encryption header is damaged (its settings are out of range)"))
        at = _PREFIX.size
        salt, nonce = raw[at : at + _SALT], raw[at + _SALT : at + _SALT + _NONCE]
        wrapped = raw[at + _SALT + _NONCE : at + _SALT + _NONCE + _WRAPPED]
        return cls(raw[:size], version, memory, iterations, lanes, salt, nonce, wrapped)

    def kek(self, passphrase: str) -> bytes:
        return _derive(passphrase, self.salt, self.memory, self.iterations, self.lanes)

    def unwrap_with(self, kek: bytes) -> bytes:
        try:
            return AESGCM(kek).decrypt(self.wrap_nonce, self.wrapped, self.raw[: _PREFIX.size + _SALT])
        except InvalidTag:
            raise PassphraseError(_(WRONG_PASSPHRASE)) from None


def _block(data_key: bytes, kek: bytes, salt: bytes, memory: int, iterations: int, lanes: int) -> bytes:
    prefix = _PREFIX.pack(MAGIC, FORMAT, KDF_ARGON2ID, memory, iterations, lanes) + salt
    nonce = os.urandom(_NONCE)
    body = prefix + nonce + AESGCM(kek).encrypt(nonce, data_key, prefix)
    return body + _check(body)


def make_key_block(data_key: bytes, passphrase: str) -> bytes:
    """A new key block (fresh salt) wrapping ``data_key`` under ``passphrase``."""
    salt = os.urandom(_SALT)
    kek = _derive(spellings(passphrase)[0], salt, KDF_MEMORY_KIB, KDF_ITERATIONS, KDF_LANES)
    return _block(data_key, kek, salt, KDF_MEMORY_KIB, KDF_ITERATIONS, KDF_LANES)


class EncryptedCodec:
    """A storage ``Codec`` that encrypts every save with the workbook's data key."""

    encrypted = True

    def __init__(self, data_key: bytes, key_block: bytes, path: Path | None = None, *, upgraded: bool = False) -> None:
        self._aead = AESGCM(data_key)
        self._data_key = data_key
        self.key_block = key_block
        self.path = path
        self.upgraded = upgraded  # the file's key block was format 1: the next save writes format 2

    def __repr__(self) -> str:  # never show the key, even in a debugger
        return f"EncryptedCodec(path={self.path!r})"

    @property
    def signature(self) -> bytes:
        return self.key_block

    @classmethod
    def create(cls, passphrase: str, path: Path | None = None) -> EncryptedCodec:
        """A codec with a brand-new data key (turning encryption on)."""
        data_key = AESGCM.generate_key(bit_length=256)
        return cls(data_key, make_key_block(data_key, passphrase), path)

    @classmethod
    def unlock(cls, raw: bytes, passphrase: str, path: Path | None = None) -> EncryptedCodec:
        """Open an encrypted file's key with ``passphrase``.

        ``DamagedFileError`` when its header is damaged (checked before any key is derived),
        ``PassphraseError`` when the passphrase is wrong.
        """
        block = KeyBlock.parse(raw, path)
        for number, spelling in enumerate(spellings(passphrase)):
            kek = block.kek(spelling)
            try:
                data_key = block.unwrap_with(kek)
                break
            except PassphraseError:
                if number == len(spellings(passphrase)) - 1:
                    raise
        if block.format == FORMAT:
            return cls(data_key, block.raw, path)
        upgraded = _block(data_key, kek, block.salt, block.memory, block.iterations, block.lanes)
        return cls(data_key, upgraded, path, upgraded=True)

    def with_passphrase(self, passphrase: str) -> EncryptedCodec:
        """The same data key under a new passphrase."""
        return EncryptedCodec(self._data_key, make_key_block(self._data_key, passphrase), self.path)

    def verify(self, passphrase: str) -> bool:
        """True when ``passphrase`` opens this workbook's key (used to unhide the screen)."""
        try:
            block = KeyBlock.parse(self.key_block + bytes(_NONCE))
        except DamagedFileError:
            return False
        for spelling in spellings(passphrase):
            try:
                if hmac.compare_digest(block.unwrap_with(block.kek(spelling)), self._data_key):
                    return True
            except PassphraseError:
                continue
        return False

    def encode(self, plaintext: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        header = self.key_block + nonce
        return header + self._aead.encrypt(nonce, plaintext, header)

    def decode(self, stored: bytes) -> bytes:
        path = self.path or Path("?")
        if not bytes_are_encrypted(stored):
            return stored  # a backup from before encryption was turned on
        block = KeyBlock.parse(stored, path)
        header_size = len(block.raw) + _NONCE
        header = stored[:header_size]
        try:
            return self._aead.decrypt(header[len(block.raw) :], stored[header_size:], header)
        except InvalidTag:
            raise DamagedFileError(path, _("the encrypted data is damaged (its check failed)")) from None
