"""Passphrase encryption of backups that leave the data folder: scrypt for the key, AES-256-GCM in chunks.

File layout: MAGIC, a 16-byte salt, the scrypt cost (log2 n, r, p: one byte each), a 7-byte nonce prefix, then
chunks of `length (4 bytes, big-endian) + ciphertext`. Chunk i is sealed with the nonce `prefix + i (4 bytes)
+ last (1 byte)` and the header as associated data, so a reordered, truncated, extended or re-headed file fails
to open instead of yielding a damaged register. Chunks keep memory flat for a register of any size.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.services.core.errors import DomainError

MAGIC = b"IPRBAK\x01"
CHUNK = 1 << 20
_LOG_N, _R, _P = 15, 8, 1  # 32 MiB of memory per key: a guessing attack pays that for every try
MIN_PASSPHRASE = 8
WRONG = "口令不正确，或备份文件已损坏/不完整，无法解密；未作任何改动"


def is_encrypted(path: Path | str) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE or len(set(passphrase)) < 2:
        raise DomainError(f"备份口令至少 {MIN_PASSPHRASE} 位，且不能全是同一个字符")


def _key(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=1 << log_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def encrypt_file(source: Path, target: Path, passphrase: str) -> None:
    """Write `source` encrypted to `target` (a new file; the caller renames it into place)."""
    check_passphrase(passphrase)
    salt, prefix = os.urandom(16), os.urandom(7)
    header = MAGIC + salt + bytes([_LOG_N, _R, _P]) + prefix
    sealer = AESGCM(_key(passphrase, salt, _LOG_N, _R, _P))
    with open(source, "rb") as src, open(target, "xb") as out:
        out.write(header)
        index, block = 0, src.read(CHUNK)
        while True:
            following = src.read(CHUNK) if len(block) == CHUNK else b""
            last = not following
            sealed = sealer.encrypt(_nonce(prefix, index, last), block, header)
            out.write(struct.pack(">I", len(sealed)) + sealed)
            if last:
                break
            index, block = index + 1, following
        out.flush()
        os.fsync(out.fileno())


def decrypt_file(source: Path, target: Path, passphrase: str) -> None:
    """Write the plain content of `source` to the new file `target`; DomainError for a wrong passphrase or a
    damaged file (then `target` is removed)."""
    try:
        with open(source, "rb") as src, open(target, "xb") as out:
            header = src.read(len(MAGIC) + 16 + 3 + 7)
            if len(header) != len(MAGIC) + 26 or not header.startswith(MAGIC):
                raise DomainError(f"{source.name} 不是本系统的加密备份")
            salt = header[len(MAGIC) : len(MAGIC) + 16]
            log_n, r, p = header[len(MAGIC) + 16 : len(MAGIC) + 19]
            if not (10 <= log_n <= 17 and 1 <= r <= 32 and 1 <= p <= 16):
                raise DomainError(WRONG)
            prefix = header[-7:]
            opener = AESGCM(_key(passphrase, salt, log_n, r, p))
            index = 0
            while True:
                length_bytes = src.read(4)
                if len(length_bytes) != 4:
                    raise DomainError(WRONG)  # ended before the chunk marked last: truncated
                (length,) = struct.unpack(">I", length_bytes)
                if length > CHUNK + 16:
                    raise DomainError(WRONG)
                sealed = src.read(length)
                try:
                    block = opener.decrypt(_nonce(prefix, index, False), sealed, header)
                    last = False
                except InvalidTag:
                    try:
                        block = opener.decrypt(_nonce(prefix, index, True), sealed, header)
                    except InvalidTag:
                        raise DomainError(WRONG) from None
                    last = True
                out.write(block)
                if last:
                    if src.read(1):
                        raise DomainError(WRONG)  # something appended after the last chunk
                    break
                index += 1
    except BaseException:
        Path(target).unlink(missing_ok=True)
        raise
