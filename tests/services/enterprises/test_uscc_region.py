"""The district a USCC names (characters 3–8) and the warning when it disagrees with the chosen district."""

import random

from app.services.enterprises.uscc_region import district_of, region_warning
from app.services.system.demo import make_uscc


def test_district_and_warnings(demo_db):
    dalate = make_uscc(random.Random(1), "150621")
    assert district_of(dalate).name == "达拉特旗" and district_of("9115") is None
    assert region_warning(dalate, "150621") == ""
    warning = region_warning(dalate, "150602")
    assert "150621" in warning and "达拉特旗" in warning and "东胜区" in warning
    assert region_warning(make_uscc(random.Random(2), "150600"), "150602") == ""  # issued by the city's office
    elsewhere = region_warning(make_uscc(random.Random(3), "110108"), "150602")
    assert "110108" in elsewhere and "不是本市" in elsewhere
    assert region_warning("", "150602") == "" and region_warning(dalate, "") == ""
