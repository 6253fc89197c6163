"""Keys and pairing: keys made once and kept in the database, the private halves never written to the audit
trail, fingerprints as digit groups, and a pairing file accepted only with the fingerprint read out."""

import json
import re

import pytest

from app.models import AuditLog, ExchangeKey, ExchangePeer
from app.services.exchange import keys, pairing
from app.services.exchange.errors import Refused


def test_keys_are_made_once_and_their_private_halves_never_reach_the_audit_trail(sites):
    sites["city"].use()
    first = keys.identity()
    assert keys.identity() == first and ExchangeKey.select().count() == 2
    assert re.fullmatch(r"(\d{5} ){7}\d{5}", first.fingerprint)
    private = [row.private_key for row in ExchangeKey.select()]
    trail = " ".join(f"{e.before or ''} {e.after or ''}" for e in AuditLog.select())
    assert all(p not in trail for p in private) and first.sign_key in trail


def test_the_pairing_file_carries_identity_and_public_keys_only(sites, tmp_path):
    admin = sites["dongsheng"].use()
    own = pairing.export_file(admin, tmp_path / "d.pair")
    data = json.loads((tmp_path / "d.pair").read_text(encoding="utf-8"))
    assert data["exchange_id"] == own.exchange_id and data["scope"] == "150602"
    assert set(data) == {"format", "exchange_id", "scope", "body", "sign_key", "box_key"}
    assert all(row.private_key not in (tmp_path / "d.pair").read_text() for row in ExchangeKey.select())


def test_a_wrong_fingerprint_own_file_or_two_districts_are_refused(sites, tmp_path):
    admin = sites["dalate"].use()
    pairing.export_file(admin, tmp_path / "dalate.pair")
    admin = sites["dongsheng"].use()
    own = pairing.export_file(admin, tmp_path / "own.pair")
    other = pairing.read_file(tmp_path / "dalate.pair")
    before = ExchangePeer.select().count()
    with pytest.raises(Refused, match="指纹不符"):
        pairing.import_file(admin, tmp_path / "dalate.pair", "00000 " * 8)
    with pytest.raises(Refused, match="本机自己"):
        pairing.import_file(admin, tmp_path / "own.pair", own.fingerprint)
    with pytest.raises(Refused, match="只能在市局与旗区局之间配对"):
        pairing.import_file(admin, tmp_path / "dalate.pair", other.fingerprint.replace(" ", "-"))
    assert ExchangePeer.select().count() == before == 1


def test_pairing_again_with_the_same_file_changes_nothing(sites, tmp_path):
    admin = sites["dongsheng"].use()
    pairing.export_file(admin, tmp_path / "d.pair")
    admin = sites["city"].use()
    found = pairing.read_file(tmp_path / "d.pair")
    before = AuditLog.select().count()
    peer = pairing.import_file(admin, tmp_path / "d.pair", found.fingerprint)
    assert peer.scope == "150602" and AuditLog.select().count() == before


def test_a_revoked_peer_is_refused_until_paired_again_with_its_fingerprint(sites, tmp_path):
    from tests.helpers.exchange_sites import DONGSHENG, new_enterprise, send_only

    new_enterprise(sites["dongsheng"].use(), DONGSHENG, "甲公司")
    path = send_only(sites["dongsheng"], sites["city"], tmp_path / "p.ipx")
    city = sites["city"].use()
    pairing.revoke(city, DONGSHENG)
    from app.services.exchange import receive

    with pytest.raises(Refused, match="已撤销"):
        receive.receive(city, path)
    assert [a.action for a in AuditLog.select().order_by(AuditLog.id.desc()).limit(1)] == ["exchange.revoke"]
    admin = sites["dongsheng"].use()
    fingerprint = pairing.export_file(admin, tmp_path / "d.pair").fingerprint
    city = sites["city"].use()
    pairing.import_file(city, tmp_path / "d.pair", fingerprint)
    assert receive.receive(city, path).created == 1
