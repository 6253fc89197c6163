"""`exchange …` end to end through the CLI on two installations' files: exit code 0 when a package applies
cleanly, 1 when it applied with conflicts, 2 when it is refused; JSON outputs parse."""

import json

import pytest

from app.cli import main
from app.models import Enterprise
from app.services.enterprises import register
from app.services.system import database as setup
from tests.helpers import exchange_sites
from tests.helpers.exchange_sites import DONGSHENG, PASSWORD, new_enterprise

sites_template, sites = exchange_sites.sites_template, exchange_sites.sites  # the installations' fixtures


@pytest.fixture(autouse=True)
def _password(monkeypatch):
    monkeypatch.setenv("IPREG_PASSWORD", PASSWORD)


def _run(capsys, site, *argv):
    setup.release_connection()
    code = main(["--db", str(site.path), "exchange", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_identity_send_receive_conflict_resolve_and_status(sites, tmp_path, capsys):
    city, district = sites["city"], sites["dongsheng"]
    code, out, _ = _run(capsys, district, "identity", "--json")
    assert code == 0 and json.loads(out)["scope"] == DONGSHENG and len(json.loads(out)["fingerprint"]) == 47
    made = new_enterprise(district.use(), DONGSHENG, "命令行企业")
    assert _run(capsys, district, "send", "city", str(tmp_path / "1.ipx"))[0] == 0
    code, out, _ = _run(capsys, city, "receive", str(tmp_path / "1.ipx"), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["created"] == 1 and json.loads(out)["dry_run"]
    code, out, _ = _run(capsys, city, "receive", str(tmp_path / "1.ipx"))
    assert code == 0 and "新增 1" in out
    code, out, _ = _run(capsys, city, "receive", str(tmp_path / "1.ipx"))
    assert code == 0 and "已导入过" in out

    for site, name in ((city, "市局名"), (district, "旗区名")):
        admin = site.use()
        register.update(admin, Enterprise.get(Enterprise.uuid == made.uuid).id, {"name": name})
    _run(capsys, district, "send", "city", str(tmp_path / "2.ipx"))
    code, out, _ = _run(capsys, city, "receive", str(tmp_path / "2.ipx"))
    assert code == 1 and "冲突 1" in out
    code, out, _ = _run(capsys, city, "conflicts", "--json")
    [row] = json.loads(out)
    assert (row["local_value"], row["remote_value"]) == ("市局名", "旗区名")
    assert _run(capsys, city, "resolve", str(row["id"]), "theirs")[0] == 0
    code, out, _ = _run(capsys, city, "status", "--json")
    status = json.loads(out)
    assert code == 0 and status["open_conflicts"] == 0 and status["peers"][0]["scope"] == DONGSHENG


def test_refused_packages_and_pairing_files_exit_with_2(sites, tmp_path, capsys):
    city, district = sites["city"], sites["dongsheng"]
    _run(capsys, district, "send", "city", str(tmp_path / "1.ipx"))
    data = bytearray((tmp_path / "1.ipx").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "bad.ipx").write_bytes(bytes(data))
    code, _, err = _run(capsys, city, "receive", str(tmp_path / "bad.ipx"))
    assert code == 2 and err.startswith("拒绝：")
    assert _run(capsys, district, "pair", "export", str(tmp_path / "d.pair"))[0] == 0
    code, _, err = _run(capsys, city, "pair", "import", str(tmp_path / "d.pair"), "--fingerprint", "12345")
    assert code == 2 and "指纹不符" in err


def test_a_conflict_settled_with_a_typed_value_travels_and_a_revoked_peer_is_refused(sites, tmp_path, capsys):
    city, district = sites["city"], sites["dongsheng"]
    made = new_enterprise(district.use(), DONGSHENG, "原名")
    _run(capsys, district, "send", "city", str(tmp_path / "1.ipx"))
    _run(capsys, city, "receive", str(tmp_path / "1.ipx"))
    for site, name in ((city, "市局名"), (district, "旗区名")):
        admin = site.use()
        register.update(admin, Enterprise.get(Enterprise.uuid == made.uuid).id, {"name": name})
    _run(capsys, district, "send", "city", str(tmp_path / "2.ipx"))
    assert _run(capsys, city, "receive", str(tmp_path / "2.ipx"))[0] == 1
    [row] = json.loads(_run(capsys, city, "conflicts", "--json")[1])
    assert _run(capsys, city, "resolve", str(row["id"]))[0] == 1  # neither a choice nor a value
    code, out, _ = _run(capsys, city, "resolve", str(row["id"]), "--value", "  商定的名称（集团）  ")
    assert code == 0 and "商定的名称" in out
    _run(capsys, city, "send", DONGSHENG, str(tmp_path / "3.ipx"))
    assert _run(capsys, district, "receive", str(tmp_path / "3.ipx"))[0] == 0
    district.use()
    assert Enterprise.get(Enterprise.uuid == made.uuid).name == "  商定的名称（集团）  "  # as typed

    code, out, _ = _run(capsys, city, "revoke", DONGSHENG)
    assert code == 0 and "已撤销" in out
    new_enterprise(district.use(), DONGSHENG, "撤销后的企业")
    _run(capsys, district, "send", "city", str(tmp_path / "4.ipx"))
    code, _, err = _run(capsys, city, "receive", str(tmp_path / "4.ipx"))
    assert code == 2 and "已撤销" in err
    code, _, err = _run(capsys, city, "send", DONGSHENG, str(tmp_path / "5.ipx"))
    assert code != 0 and not (tmp_path / "5.ipx").exists()
