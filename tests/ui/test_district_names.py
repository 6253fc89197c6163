"""Screens show 高新区 where the official name would crowd them — filters, the enterprise chooser, 活动培训,
工作方案, 统计报表 — with the official name as the tooltip; an export of the same list keeps the official name."""

from datetime import date

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.models import District
from app.services.core import reference
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.liaison import events as outreach
from app.services.plans import work_plans
from app.ui.district_names import fill_district_combo

OFFICIAL = "鄂尔多斯高新技术产业开发区"


def _zone() -> District:
    return next(d for d in reference.districts() if d.name == OFFICIAL)


def test_a_district_filter_shows_the_short_name_with_the_official_one_as_its_tooltip(qtbot, demo_db):
    combo = QComboBox()
    qtbot.addWidget(combo)
    fill_district_combo(combo, reference.districts(), "全部旗区")
    index = combo.findData(_zone().code)
    assert combo.itemText(index) == "高新区"
    assert combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == OFFICIAL
    assert combo.itemText(0) == "全部旗区" and combo.itemData(0) == ""
    short = combo.findText("鄂托克前旗")  # short enough already: shown as it is, no tooltip
    assert short > 0 and combo.itemData(short, Qt.ItemDataRole.ToolTipRole) is None


def test_events_show_the_short_name_and_export_the_official_one(qtbot, session_for, demo_users, tmp_path,
                                                                 monkeypatch):  # fmt: skip
    from PySide6.QtWidgets import QMessageBox

    from app.ui.liaison.events_page import EventsPage

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, _text: told.append(title))

    admin, zone = demo_users["admin"], _zone()
    [ent] = search_ids(admin, EnterpriseQuery(district_code=zone.code))[:1]
    outreach.record_event(admin, {"kind": "risk_training", "held_on": date.today(), "district": zone.code,
                                  "topic": "海外知识产权风险防范", "place": "高新区管委会"}, {ent: 2})  # fmt: skip
    page = EventsPage(session_for("admin"))
    qtbot.addWidget(page)
    cell = page.table.item(0, 3)
    assert (cell.text(), cell.toolTip()) == ("高新区", OFFICIAL)
    page.table.selectRow(0)
    assert page.attendance.item(0, 1).text() == "高新区"
    assert page.counts.item(0, 0).text() == "高新区" and page.counts.item(0, 0).toolTip() == OFFICIAL
    out = tmp_path / "活动.xlsx"
    page.export(out)
    qtbot.waitUntil(lambda: told == ["导出完成"], timeout=30000)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][rows[0].index("组织旗区")] == OFFICIAL


def test_the_plan_of_the_high_tech_zone_is_found_under_its_short_name(qtbot, session_for, demo_users):
    from app.ui.plans.page import PlansPage

    zone, year = _zone(), date.today().year
    work_plans.create_plan(demo_users["admin"], zone.code, year, {"title": f"{OFFICIAL}{year}年工作实施方案"})
    page = PlansPage(session_for("admin"))
    qtbot.addWidget(page)
    page.district.setCurrentIndex(page.district.findData(zone.code))
    assert page.district.currentText() == "高新区"
    assert page.plan is not None and page.plan.district.name == OFFICIAL
    row = next(r for r in range(page.districts.rowCount()) if page.districts.item(r, 0).text() == "高新区")
    assert page.districts.item(row, 0).toolTip() == OFFICIAL and page.districts.item(row, 1).text() != "未制定"
