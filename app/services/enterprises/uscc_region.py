"""The district a USCC names: characters 3–8 are the administrative division where the code was issued.

The register files an enterprise under the district it chose; a code issued elsewhere is possible (a move, a
registration at the city's office), so a disagreement is a warning to check, never a refusal.
"""

from __future__ import annotations

from app.models import District
from app.services.core import reference
from app.services.core.validation import uscc_region


def district_of(uscc: str) -> District | None:
    """The district whose division code the USCC carries; None when it names none of ours."""
    region = uscc_region(uscc)
    return next((d for d in reference.districts() if d.code == region), None) if region else None


def _city_prefix(districts: list[District]) -> str:
    """The city's 4-digit prefix (1506 for 鄂尔多斯市): what every district code shares."""
    codes = [d.code for d in districts]
    return codes[0][:4] if codes and all(c[:4] == codes[0][:4] for c in codes) else ""


def region_warning(uscc: str, district_code: str) -> str:
    """'' when the code's region agrees with the chosen district (or says nothing), else a Chinese warning."""
    region = uscc_region(uscc)
    districts = reference.districts()
    chosen = next((d for d in districts if d.code == district_code), None)
    if not region or chosen is None or region == chosen.code:
        return ""
    found = next((d for d in districts if d.code == region), None)
    if found is not None:
        return f"信用代码第3–8位 {region} 是{found.name}的区划代码，与所选所属旗区“{chosen.name}”不一致，请核对"
    prefix = _city_prefix(districts)
    if prefix and region.startswith(prefix):
        return ""  # issued by the city's own office (e.g. 150600): no district to compare with
    return f"信用代码第3–8位 {region} 不是本市的区划代码，请核对信用代码和所属旗区"
