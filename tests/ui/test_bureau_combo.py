"""The one list of bureaus a record may be made for (events, publicity, enforcement): city staff choose the city or
any district, a district officer only their own district, a viewer nothing."""

from PySide6.QtCore import Qt

from app.services.core import reference
from app.ui.district_names import district_text
from app.ui.widgets import bureau_combo


def _items(combo) -> list[tuple[str, str]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_city_staff_choose_the_city_or_any_district(qapp, demo_users):
    districts = [(district_text(d.name), d.code) for d in reference.districts()]
    combo = bureau_combo(demo_users["admin"], "市局")
    assert _items(combo) == [("市局", ""), *districts] and ("高新区", "1506GX") in districts
    tips = {combo.itemData(i): combo.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(combo.count())}
    assert tips["1506GX"] == "鄂尔多斯高新技术产业开发区"  # the official name, as a tooltip


def test_a_district_officer_records_for_their_own_district_only(qapp, demo_users):
    assert _items(bureau_combo(demo_users["dongsheng"])) == [("东胜区", "150602")]


def test_a_viewer_records_for_no_bureau(qapp, demo_users):
    assert _items(bureau_combo(demo_users["chakan"])) == []
