"""Password hashing (argon2id through argon2-cffi), the password policy, and generated one-time passwords.

Hashes written before v8 are scrypt (`scrypt$N$r$p$salt$digest`); they still verify, and `needs_rehash` tells
the sign-in to replace them with argon2id once the password is known to be right.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.paths import resources_dir

# OWASP's argon2id configuration (19 MiB, 2 passes, 1 lane): ~50 ms here, bearable on an old office PC.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
MIN_LENGTH = 8
MAX_LENGTH = 128


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith("scrypt$"):
        return _verify_scrypt(password, stored)
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True for a scrypt hash or an argon2 hash made with weaker parameters than today's."""
    if not stored.startswith("$argon2id$"):
        return True
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


@cache
def dummy_hash() -> str:
    """A hash no password is known for: an unknown login is checked against it, so it costs the same time."""
    return _HASHER.hash(secrets.token_urlsafe(24))


def _verify_scrypt(password: str, stored: str) -> bool:
    try:
        _scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=2**26,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def scrypt_hash(password: str) -> str:
    """A hash the way versions before v8 wrote it (kept for tests of the transparent re-hash)."""
    salt = secrets.token_bytes(16)
    n, r, p = 2**14, 8, 1
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of passwords guessed first (resources/accounts/common_passwords.txt), lower-cased."""
    text = (resources_dir() / "accounts" / "common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def policy_problem(password: str, login: str = "") -> str | None:
    """Why a new password is refused (Chinese), or None if it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"至少 {MIN_LENGTH} 位"
    if len(password) > MAX_LENGTH:
        return f"不能超过 {MAX_LENGTH} 位"
    if len(set(password)) == 1:
        return "不能全部是同一个字符"
    if password.strip().lower() in common_passwords():
        return "过于常见，容易被猜中，请换一个"
    if login and password.strip().lower() == login.strip().lower():
        return "不能与登录名相同"
    return None


def generate_password(length: int = 12) -> str:
    """A one-time password a person can type: no look-alike characters, always passes the policy."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        if policy_problem(password) is None:
            return password
