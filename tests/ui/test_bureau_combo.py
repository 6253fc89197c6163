"""The one list of bureaus a record may be made for (events, publicity, enforcement): city staff choose the city or
any district, a district officer only their own district, a viewer nothing."""

from app.services.core import reference
from app.ui.widgets import bureau_combo


def _items(combo) -> list[tuple[str, str]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_city_staff_choose_the_city_or_any_district(qapp, demo_users):
    districts = [(d.name, d.code) for d in reference.districts()]
    assert _items(bureau_combo(demo_users["admin"], "市局")) == [("市局", ""), *districts]


def test_a_district_officer_records_for_their_own_district_only(qapp, demo_users):
    assert _items(bureau_combo(demo_users["dongsheng"])) == [("东胜区", "150602")]


def test_a_viewer_records_for_no_bureau(qapp, demo_users):
    assert _items(bureau_combo(demo_users["chakan"])) == []
