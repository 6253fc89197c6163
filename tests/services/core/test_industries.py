"""GB/T 4754-2017 industry names as reference data: every 大类 of every 门类 has its name."""

from app.services.core import reference


def test_every_division_of_every_section_has_a_name():
    names = reference.industry_divisions()
    assert len(names) == 97 and list(names) == [f"{n:02d}" for n in range(1, 98)]
    for section in reference.industry_sections():
        assert all(names[d] for d in section.divisions()), section.code
    covered = [d for s in reference.industry_sections() for d in s.divisions()]
    assert covered == list(names)  # the 门类 ranges cover 01–97 once each, in order


def test_names_of_the_2017_edition():
    names = reference.industry_divisions()
    # The 2017 edition renamed these (2011: 农、林、牧、渔服务业, 开采辅助活动, 装卸搬运和运输代理业, 仓储业).
    assert names["05"] == "农、林、牧、渔专业及辅助性活动"
    assert names["11"] == "开采专业及辅助性活动"
    assert (names["58"], names["59"]) == ("多式联运和运输代理业", "装卸搬运和仓储业")
    assert (names["06"], names["26"], names["30"], names["65"]) == (
        "煤炭开采和洗选业", "化学原料和化学制品制造业", "非金属矿物制品业", "软件和信息技术服务业",
    )  # fmt: skip


def test_industry_name_prefers_the_division_then_the_section_then_the_codes():
    assert reference.industry_name("C", "30") == "非金属矿物制品业"
    assert reference.industry_name("C") == "制造业"
    assert reference.industry_name("C", "") == "制造业"
    assert reference.industry_name("Z", "") == "Z"  # stored as typed by an old import: shown as stored
