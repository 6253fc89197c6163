"""Pairing: two installations swap small files naming their identity and public keys, and each side's
administrator confirms the other's fingerprint (read over the phone) before the peer is stored.

Only the city and a district pair: districts exchange through the city, never with each other.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.models import ExchangePeer, User
from app.models.db import database
from app.services.core import audit, installation
from app.services.core.permissions import require_admin
from app.services.exchange import keys
from app.services.exchange.errors import Refused

FORMAT = "ipreg-pairing-1"
MAX_BYTES = 64 * 1024


def export_file(actor: User, target: Path | str) -> keys.Identity:
    """Write this installation's pairing file; returns the identity (its fingerprint is shown to the user)."""
    require_admin(actor)
    own = keys.identity()
    data = {"format": FORMAT, **own.__dict__}
    Path(target).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return own


def read_file(source: Path | str) -> keys.Identity:
    path = Path(source)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Refused(f"{path.name} 不是配对文件（文件过大）")
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise Refused(f"{path.name} 不是本程序的配对文件")
        found = keys.Identity(
            str(data["exchange_id"]), str(data["scope"]), str(data["body"]), str(data["sign_key"]), str(data["box_key"])
        )
        keys.verify_key(found.sign_key), keys.encryption_key(found.box_key)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise Refused(f"无法读取配对文件 {path.name}：{exc}") from exc
    return found


def import_file(actor: User, source: Path | str, confirmed_fingerprint: str) -> ExchangePeer:
    """Store the peer named by a pairing file once its fingerprint matches what its administrator read out."""
    require_admin(actor)
    found = read_file(source)
    if keys.normalise_fingerprint(confirmed_fingerprint) != found.fingerprint:
        raise Refused(f"指纹不符：配对文件的指纹是 {found.fingerprint}，请与对方管理员核对后重试；未配对")
    own = keys.identity()
    _check_partners(own, found)
    with database.atomic():
        peer = ExchangePeer.get_or_none(ExchangePeer.exchange_id == found.exchange_id)
        if peer is not None and peer.revoked:  # paired again after a revocation: the keys confirmed just now
            before = audit.snapshot(peer)
            peer.sign_key, peer.box_key, peer.fingerprint = found.sign_key, found.box_key, found.fingerprint
            peer.revoked = False
            peer.save()
            audit.record(actor, "exchange.pair", peer, before, audit.snapshot(peer))
            return peer
        if peer is not None:
            if (peer.sign_key, peer.box_key) != (found.sign_key, found.box_key):
                raise Refused(f"已与“{peer.body}”配对，但此文件的密钥不同；密钥变更须先撤销原配对")
            return peer
        peer = ExchangePeer.create(
            exchange_id=found.exchange_id, scope=found.scope, body=found.body, sign_key=found.sign_key,
            box_key=found.box_key, fingerprint=found.fingerprint,
        )  # fmt: skip
        audit.record(actor, "exchange.pair", peer, None, audit.snapshot(peer))
    return peer


def revoke(actor: User, peer_name: str) -> ExchangePeer:
    """Stop trusting a peer (a lost or replaced PC): its packages are refused from now on, and nothing is sent
    to it, until it is paired again with the fingerprint read out."""
    require_admin(actor)
    with database.atomic():
        peer = peer_by_name(peer_name)
        before = audit.snapshot(peer)
        peer.revoked = True
        peer.save()
        audit.record(actor, "exchange.revoke", peer, before, audit.snapshot(peer))
    return peer


def _check_partners(own: keys.Identity, other: keys.Identity) -> None:
    if other.exchange_id == own.exchange_id:
        raise Refused("这是本机自己的配对文件")
    if (own.scope == installation.CITY) == (other.scope == installation.CITY):
        raise Refused(f"只能在市局与旗区局之间配对：本机与“{other.body}”同为{'市局' if own.scope == installation.CITY else '旗区局'}")


def peer_by_name(text: str) -> ExchangePeer:
    """A paired peer by its exchange id, scope code or (part of) its body's name."""
    text = text.strip()
    peers = list(ExchangePeer.select().where(ExchangePeer.revoked == False))  # noqa: E712
    for peer in peers:
        if text in (peer.exchange_id, peer.scope, peer.body):
            return peer
    matches = [p for p in peers if text and text in p.body]
    if len(matches) == 1:
        return matches[0]
    from app.services.core.errors import NotFound

    raise NotFound(f"没有已配对的交换对象“{text}”" + ("（匹配多个，请写全称）" if matches else ""))


def peers() -> list[ExchangePeer]:
    return list(ExchangePeer.select().order_by(ExchangePeer.scope))
