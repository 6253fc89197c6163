"""The 数据交换 page between two real installations (SQLite files): pairing through the page with the
fingerprint confirmed, a package sent from the district and received at the city with a conflict, the
conflict resolved through the page, the outcome read back from both databases; refusals shown in Chinese."""

from pathlib import Path

import pytest

from app.models import Enterprise, ExchangeConflict, ExchangePeer
from app.services.enterprises import register
from app.services.exchange import conflicts, keys
from app.services.system import database as setup
from app.ui.exchange import page as page_module
from app.ui.exchange.page import ExchangePage
from app.ui.session import Session
from tests.helpers.exchange_sites import DONGSHENG, PASSWORD, Site, new_enterprise
from tests.helpers.screens import SCREENS, misfits, shoot, shots_folder, use_screen

WAIT = 60000  # ms: the machine running the tests is often busy


class Office:
    """One installation and its page, as its administrator sees them on that office's PC."""

    def __init__(self, qtbot, site: Site):
        self.site = site
        admin = site.use()
        self.page = ExchangePage(Session(admin, site.path))
        qtbot.addWidget(self.page)
        self.page.refresh()

    def use(self) -> ExchangePage:
        """Switch the program to this office's database; its page, re-read."""
        self.site.use()
        self.page.session.user = self.site.use()
        self.page.refresh()
        return self.page


def _fresh(tmp_path: Path, name: str, scope: str) -> Site:
    path = tmp_path / f"{name}.db"
    setup.initialise(path, PASSWORD, scope=scope)
    setup.release_connection()
    return Site(name, path)


def _wait_for(qtbot, page: ExchangePage, words: str) -> str:
    qtbot.waitUntil(lambda: ERRORS or words in page.result_label.text(), timeout=WAIT)
    assert ERRORS == [] and words in page.result_label.text(), (ERRORS, page.result_label.text())
    return page.result_label.text()


def _answers(monkeypatch, **replies):
    """The page's questions answered as a person would: pairing confirmed, imports accepted, …"""
    asked = []
    monkeypatch.setattr(page_module, "confirm_pairing",
                        lambda parent, found: asked.append(found.fingerprint) or replies.get("pair", True))
    monkeypatch.setattr(page_module, "confirm_import", lambda parent, preview: asked.append(preview) or True)
    monkeypatch.setattr(page_module, "confirm", lambda parent, title, text: asked.append(text) or True)
    monkeypatch.setattr(page_module, "show_error", lambda parent, error: ERRORS.append(error))
    ERRORS.clear()
    return asked


ERRORS: list[Exception] = []  # unexpected faults the page would have shown in a message box


def _send(monkeypatch, qtbot, office: Office, peer_id: str, path: Path, full: bool = False) -> str:
    page = office.use()
    monkeypatch.setattr(page_module, "ask_send", lambda parent, own, peers, chosen: (peer_id, full, path))
    page.send_package()
    return _wait_for(qtbot, page, "已生成")


def _receive(qtbot, office: Office, path: Path, words: str = "已导入") -> str:
    page = office.use()
    page.receive_package(path)
    return _wait_for(qtbot, page, words)


def test_pair_send_receive_with_a_conflict_and_resolve_it_through_the_page(qtbot, tmp_path, monkeypatch):
    asked = _answers(monkeypatch)
    city = Office(qtbot, _fresh(tmp_path, "city", "city"))
    district = Office(qtbot, _fresh(tmp_path, "dongsheng", DONGSHENG))

    # Pairing: each exports its file; each imports the other's once the fingerprint shown is confirmed.
    page = city.use()
    city_id, city_fp = keys.identity().exchange_id, keys.identity().fingerprint
    assert page.fingerprint.text() == city_fp and "市局" in page.identity_label.text()
    assert not page.send_button.isEnabled()  # nobody to send to yet
    page.export_pairing(tmp_path / "city.pair")
    page = district.use()
    district_id, district_fp = keys.identity().exchange_id, keys.identity().fingerprint
    page.export_pairing(tmp_path / "dongsheng.pair")
    monkeypatch.setattr(page_module, "confirm_pairing", lambda parent, found: asked.append(found) and False)
    assert not page.import_pairing(tmp_path / "city.pair")  # not confirmed: not paired
    assert ExchangePeer.select().count() == 0 and "指纹未确认" in page.result_label.text()
    asked = _answers(monkeypatch)
    assert page.import_pairing(tmp_path / "city.pair")
    assert asked[-1] == city_fp
    assert [(p.body, p.scope_label, p.last_sent_at) for p in page.peer_model.rows] == [
        (ExchangePeer.get().body, "市局", None)
    ]
    assert city.use().import_pairing(tmp_path / "dongsheng.pair") and asked[-1] == district_fp
    assert [p.scope_label for p in city.page.peer_model.rows] == ["东胜区"]

    # The district registers an enterprise and sends it; the city receives it.
    district.use()
    made = new_enterprise(district.page.session.user, DONGSHENG, "东胜稀土科技有限公司", main_products="稀土材料")
    print(_send(monkeypatch, qtbot, district, city_id, tmp_path / "1.ipx"))
    assert (tmp_path / "1.ipx").is_file()
    text = _receive(qtbot, city, tmp_path / "1.ipx")
    assert "新增" in text and "没有冲突" in text
    assert Enterprise.get(Enterprise.uuid == made.uuid).main_products == "稀土材料"
    row = city.page.peer_model.rows[0]
    assert row.last_received_at is not None and row.last_sent_at is None

    # Both sides change the same two fields: the next package raises two conflicts at the city.
    register.update(city.site.use(), Enterprise.get(Enterprise.uuid == made.uuid).id,
                    {"name": "市局改的名称", "main_products": "煤化工"})  # fmt: skip
    register.update(district.site.use(), Enterprise.get(Enterprise.uuid == made.uuid).id,
                    {"name": "旗区改的名称", "main_products": "光伏组件"})  # fmt: skip
    _send(monkeypatch, qtbot, district, city_id, tmp_path / "2.ipx")
    text = _receive(qtbot, city, tmp_path / "2.ipx")
    assert "冲突 2 处" in text
    page = city.page
    shown = {(r.field, r.ours, r.theirs, r.from_body, r.from_label) for r in page.conflict_model.rows}
    body = ExchangePeer.get().body
    assert shown == {("企业名称", "市局改的名称", "旗区改的名称", body, "东胜区"),
                     ("主要产品", "煤化工", "光伏组件", body, "东胜区")}  # fmt: skip
    assert page.conflicts_box.title() == "待处理冲突（2）"
    assert Enterprise.get(Enterprise.uuid == made.uuid).name == "市局改的名称"  # the local value stands

    # Resolve through the page: 采用对方 for the products, a new value typed for the name.
    by_field = {r.field: r for r in page.conflict_model.rows}
    page.conflict_view.selectRow(page.conflict_model.row_of_key(by_field["主要产品"].id))
    page.resolve_buttons["theirs"].click()
    assert [r.field for r in page.conflict_model.rows] == ["企业名称"]  # the list refreshed itself
    page.conflict_view.selectRow(0)
    monkeypatch.setattr(page_module, "ask_value", lambda parent, row: asked.append(row.ours_typed) or "东胜稀土新材料有限公司")
    page.resolve_buttons[conflicts.VALUE].click()
    assert asked[-1] == "市局改的名称"  # 输入新值 starts from the local value
    assert page.conflict_model.rows == [] and page.conflicts_box.title() == "待处理冲突（无）"
    city_copy = Enterprise.get(Enterprise.uuid == made.uuid)
    assert (city_copy.name, city_copy.main_products) == ("东胜稀土新材料有限公司", "光伏组件")
    assert ExchangeConflict.select().where(ExchangeConflict.status == "open").count() == 0

    # The city's package settles both fields at the district, with no conflict there.
    _send(monkeypatch, qtbot, city, district_id, tmp_path / "3.ipx")
    text = _receive(qtbot, district, tmp_path / "3.ipx")
    assert "没有冲突" in text
    there = Enterprise.get(Enterprise.uuid == made.uuid)
    assert (there.name, there.main_products) == ("东胜稀土新材料有限公司", "光伏组件")
    assert district.page.peer_model.rows[0].last_sent_at is not None

    # The same package again changes nothing, and says so.
    text = _receive(qtbot, district, tmp_path / "3.ipx", "已导入过")
    assert "未作任何改动" in text


def test_a_tampered_or_misaddressed_package_is_refused_in_chinese(qtbot, sites, tmp_path, monkeypatch):
    _answers(monkeypatch)
    district = Office(qtbot, sites["dongsheng"])
    city = Office(qtbot, sites["city"])
    dalate = Office(qtbot, sites["dalate"])
    district.use()
    new_enterprise(district.page.session.user, DONGSHENG, "达拉特测试企业")
    city_id = next(p.exchange_id for p in district.page.peer_model.rows)
    _send(monkeypatch, qtbot, district, city_id, tmp_path / "p.ipx")
    data = bytearray((tmp_path / "p.ipx").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "bad.ipx").write_bytes(bytes(data))
    before = Enterprise.select().count() if city.use() else None
    text = _receive(qtbot, city, tmp_path / "bad.ipx", "拒收")
    assert "拒收：" in text and Enterprise.select().count() == before
    text = _receive(qtbot, dalate, tmp_path / "p.ipx", "拒收")
    assert "拒收：" in text


def test_revoking_a_peer_asks_first_and_stops_sending_to_it(qtbot, sites, monkeypatch):
    asked = _answers(monkeypatch)
    page = Office(qtbot, sites["city"]).page
    assert len(page.peer_model.rows) == 2
    page.peer_view.selectRow(0)
    body = page.selected_peer().body
    monkeypatch.setattr(page_module, "confirm", lambda parent, title, text: asked.append(text) and False)
    assert not page.revoke_peer() and not any(p.revoked for p in ExchangePeer.select())
    _answers(monkeypatch)
    page.peer_view.selectRow(0)
    assert page.revoke_peer()
    assert ExchangePeer.get(ExchangePeer.body == body).revoked
    revoked = next(r for r in page.peer_model.rows if r.body == body)
    assert revoked.revoked and page.peer_model.data(page.peer_model.index(0, 6)) in ("已撤销", "已配对")
    page.peer_view.selectRow(page.peer_model.row_of_key(revoked.exchange_id))
    assert not page.revoke_button.isEnabled()


def test_the_confirmation_shows_the_fingerprint_and_needs_a_tick(qtbot, sites, tmp_path):
    from app.services.exchange import pairing
    from app.ui.exchange.pair_dialog import PairConfirmDialog

    admin = sites["dalate"].use()
    own = pairing.export_file(admin, tmp_path / "d.pair")
    dialog = PairConfirmDialog(pairing.read_file(tmp_path / "d.pair"))
    qtbot.addWidget(dialog)
    assert dialog.fingerprint.text().split() == own.fingerprint.split() and not dialog.ok.isEnabled()
    dialog.agreed.setChecked(True)
    assert dialog.ok.isEnabled()


@pytest.mark.parametrize("screen_id", list(SCREENS))
def test_the_page_with_peers_and_conflicts_fits_the_screen(qtbot, sites, tmp_path, monkeypatch, screen_id):
    from PySide6.QtWidgets import QMainWindow

    from app.ui import screen_fit
    from tests.helpers.exchange_sites import ship
    from tests.helpers.screens import column_problems

    use_screen(monkeypatch, SCREENS[screen_id])
    admin = sites["dongsheng"].use()
    made = new_enterprise(admin, DONGSHENG, "东胜稀土新材料科技有限公司", main_products="稀土材料")
    ship(sites["dongsheng"], sites["city"], tmp_path, "1.ipx")
    register.update(sites["city"].use(), Enterprise.get(Enterprise.uuid == made.uuid).id, {"main_products": "煤化工"})
    register.update(sites["dongsheng"].use(), made.id, {"main_products": "光伏组件"})
    ship(sites["dongsheng"], sites["city"], tmp_path, "2.ipx")
    window = QMainWindow()  # the page as the main window shows it: beside a 150 px navigation list
    qtbot.addWidget(window)
    page = ExchangePage(Session(sites["city"].use(), sites["city"].path))
    window.setCentralWidget(page)
    size = screen_fit.usable_size()
    window.resize(size.width() - 150, size.height() - 50)
    window.show()
    page.refresh()
    page.receive_package(tmp_path / "2.ipx")  # once more, for the result line under the peers
    qtbot.waitUntil(lambda: "已导入过" in page.result_label.text(), timeout=WAIT)
    problems = misfits(window, SCREENS[screen_id]) + column_problems(page)
    header = page.conflict_view.horizontalHeader()
    problems += [] if header.length() <= page.conflict_view.viewport().width() else ["冲突列表需横向滚动"]
    shoot(window, shots_folder(tmp_path / "shots"), f"{screen_id}-数据交换")
    assert len(page.conflict_model.rows) == 1 and problems == [], problems


def test_a_send_cancelled_leaves_no_file_and_sends_nothing(sites, tmp_path):
    from app.ui.exchange import jobs
    from app.ui.tasks import Cancelled, TaskState

    admin = sites["dongsheng"].use()
    state = TaskState(lambda percent, text: state.cancel())  # the user cancels as soon as the dialog shows
    with pytest.raises(Cancelled):
        jobs.send_job(admin, "city", tmp_path / "p.ipx", False, state)
    assert not (tmp_path / "p.ipx").exists() and ExchangePeer.get().last_sent_at is None


def test_the_send_dialog_suggests_a_file_and_refuses_a_missing_folder(qtbot, tmp_path):
    from datetime import datetime

    from app.services.exchange.overview import PeerRow
    from app.ui.exchange.send_dialog import SendDialog

    peers = [PeerRow(n, f"{n}局", n, f"{n}区", "", revoked, datetime(2026, 12, 1), None, None, 0)
             for n, revoked in (("a", False), ("b", True), ("c", False))]  # fmt: skip
    dialog = SendDialog("市局", peers, chosen="c")
    qtbot.addWidget(dialog)
    assert [dialog.peer_combo.itemData(i) for i in range(dialog.peer_combo.count())] == ["a", "c"]  # not revoked
    assert dialog.peer.exchange_id == "c" and dialog.path.name.startswith("市局发c区_") and dialog.path.suffix == ".ipx"
    dialog.path_edit.setText(str(tmp_path / "no-such-drive" / "包"))
    dialog.accept_if_ready()
    assert dialog.result() == 0 and "不存在" in dialog.message.text()
    dialog.path_edit.setText(str(tmp_path / "包"))
    dialog.full_box.setChecked(True)
    dialog.accept_if_ready()
    assert dialog.result() == 1 and dialog.path == tmp_path / "包.ipx" and dialog.full
