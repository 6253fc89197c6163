"""This installation's two key pairs: Ed25519 signs its packages, X25519 lets peers encrypt packages for it.

Generated on first use and kept in the database (app.models.ExchangeKey); the private keys never leave it
(a backup copies them along with the register, which is what a restored installation needs). Peers know the
public keys from a pairing file and confirm them by the fingerprint, read out as groups of digits.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from app.models import ExchangeKey
from app.models.db import database
from app.services.core import audit, installation
from app.services.exchange.errors import Refused

SIGN, BOX = "sign", "box"
_RAW = {"encoding": Encoding.Raw, "format": PublicFormat.Raw}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Identity:
    """Who this installation is to its peers: what a pairing file carries."""

    exchange_id: str
    scope: str
    body: str
    sign_key: str  # Ed25519 public key, base64
    box_key: str  # X25519 public key, base64

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.exchange_id, self.sign_key, self.box_key)


def fingerprint(exchange_id: str, sign_key: str, box_key: str) -> str:
    """Eight groups of five digits from SHA-256 of the identity and both public keys (about 130 bits)."""
    digest = hashlib.sha256(f"ipx-pair-1|{exchange_id}|{sign_key}|{box_key}".encode()).digest()
    groups = [int.from_bytes(digest[i * 4 : i * 4 + 4], "big") % 100000 for i in range(8)]
    return " ".join(f"{g:05d}" for g in groups)


def normalise_fingerprint(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    return " ".join(digits[i : i + 5] for i in range(0, len(digits), 5))


def _private_bytes(key) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _ensure_keys() -> dict[str, ExchangeKey]:
    """The key rows, made on first use (inside one transaction, so two processes cannot make two pairs)."""
    with database.atomic():
        rows = {row.purpose: row for row in ExchangeKey.select()}
        made = []
        for purpose, cls in ((SIGN, Ed25519PrivateKey), (BOX, X25519PrivateKey)):
            if purpose not in rows:
                key = cls.generate()
                rows[purpose] = ExchangeKey.create(
                    purpose=purpose, private_key=b64(_private_bytes(key)), public_key=b64(key.public_key().public_bytes(**_RAW))
                )
                made.append(purpose)
        if made:
            # The event names the public keys only: the audit trail is exported and must never hold a private key.
            public = {p: rows[p].public_key for p in made}
            audit.record_event(None, "exchange.keys", {"generated": made, **public})
    return rows


def identity() -> Identity:
    """This installation's identity and public keys; refuses a database older than the installation identity."""
    own = installation.current()
    if own.exchange_id is None:
        raise Refused("本数据库没有本机标识（早于“本机所属单位”设置的旧数据库），不能参与数据交换")
    rows = _ensure_keys()
    return Identity(own.exchange_id, own.scope, own.body, rows[SIGN].public_key, rows[BOX].public_key)


def show(actor) -> Identity:
    """The identity as the administrator asks for it (its first call makes the keys)."""
    from app.services.core.permissions import require_admin

    require_admin(actor)
    return identity()


def signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(unb64(_ensure_keys()[SIGN].private_key))


def box_key() -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(unb64(_ensure_keys()[BOX].private_key))


def verify_key(public: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(unb64(public))


def encryption_key(public: str) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(unb64(public))


def raw_public(key) -> bytes:
    return key.public_bytes(**_RAW)
