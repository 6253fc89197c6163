"""`db copy`: the demo register (with attachments) copied to PostgreSQL and from there to a new SQLite file
holds the same records, table by table (row counts and content hashes), and the same attachment bytes; a
target that is not empty is refused untouched."""

import pytest

from app.cli import main
from app.models import Attachment, Enterprise
from app.models import db as dbmod
from app.services.core import attachments
from app.services.system import database as setup
from app.services.system import db_copy
from tests.helpers import pg as test_pg

pytestmark = pytest.mark.postgres


def _attach_two(admin, folder):
    enterprise = Enterprise.select().order_by(Enterprise.id).first()
    files = {folder / "盖章扫描件.pdf": b"%PDF-1.4\n" + b"x" * 1000, folder / "证书.pdf": b"%PDF-1.4\n" + b"y" * 900}
    for path, content in files.items():
        path.write_bytes(content)
        attachments.attach(admin, path, enterprise, "scan")
    return sorted(files.values())


def _state(location):
    setup.open_register(location, create=False)
    try:
        return db_copy.content_hashes(), sorted(Attachment.select(Attachment.sha256).tuples())
    finally:
        dbmod.close()


def test_demo_to_postgres_and_back_is_record_for_record_the_same(demo_db, demo_users, tmp_path, capsys):
    path, _ = demo_db
    contents = _attach_two(demo_users["admin"], tmp_path)
    dbmod.close()
    original, shas = _state(path)
    url = test_pg.new_database("copy")
    back = tmp_path / "back" / "register.db"

    assert main(["db", "copy", str(path), url]) == 0
    out = capsys.readouterr().out
    assert "附件文件：2 个" in out and f"enterprise：{original['enterprise'][0]} 行" in out
    assert _state(url) == (original, shas)
    assert main(["db", "copy", str(path), url]) == 1  # now holding a register: refused, left as it was
    assert "不是空的" in capsys.readouterr().err and _state(url) == (original, shas)
    assert main(["db", "copy", url, str(back)]) == 0
    capsys.readouterr()
    assert _state(back) == (original, shas)
    assert original["enterprise"][0] >= 40 and original["audit_log"][0] > 0

    setup.open_register(back, create=False)
    try:
        assert sorted(attachments.file_of(a).read_bytes() for a in Attachment.select()) == contents
    finally:
        dbmod.close()


def test_a_target_that_is_not_empty_is_refused(demo_db, empty_db, capsys):
    path, _ = demo_db
    dbmod.close()
    other, _ = empty_db
    dbmod.close()
    before = other.read_bytes()
    assert main(["db", "copy", str(path), str(other)]) == 1
    assert "不是空的" in capsys.readouterr().err
    assert other.read_bytes() == before
