"""Demo data: about forty plausible (fictional) enterprises across the ten districts (a district bureau's installation:
all in its own district), and one account per role it may hold.

Deterministic (fixed seed), so screenshots and manual tests see the same register every time. The demo accounts
share one documented password, DEMO_PASSWORD: nothing secret is stored. The setting `demo.logins` names them,
and only then does the sign-in screen offer them (with the password as a hint) so a visitor can try every role.
"""

from __future__ import annotations

import json
import random
from datetime import date

from app.models import Setting, User
from app.models.db import database
from app.services.accounts import users as accounts
from app.services.accounts.passwords import hash_password
from app.services.core import audit, installation, reference, settings
from app.services.core.permissions import Role
from app.services.core.validation import uscc_check_char
from app.services.enterprises import records as enterprise_records
from app.services.enterprises import register as enterprises
from app.text import name_key

_PLACES = [
    "金沙", "草原", "苏力德", "阿尔寨", "库布其", "乌兰", "巴图", "萨拉", "察汗", "朝克",
    "白音", "呼和", "敖包", "格日勒", "塔拉", "锡尼", "哈达", "宝日", "恩和", "图门",
]  # fmt: skip
# Trade word → (GB/T 4754 门类, 大类, main products)
_TRADES = {
    "能源": ("B", "06", "煤炭开采、洗选及销售"),
    "煤化工": ("C", "26", "煤制烯烃、甲醇及下游化工产品"),
    "羊绒制品": ("C", "17", "山羊绒纱线、针织服装"),
    "新材料": ("C", "30", "碳化硅、微晶材料"),
    "光伏科技": ("C", "38", "光伏组件、逆变器"),
    "生物科技": ("C", "27", "甘草提取物、中蒙药制剂"),
    "农牧业": ("A", "03", "绒山羊养殖、牛羊肉加工"),
    "乳业": ("C", "14", "液态奶、奶酪、奶食品"),
    "装备制造": ("C", "35", "矿用液压支架、掘进设备"),
    "信息技术": ("I", "65", "智慧矿山软件、工业互联网平台"),
    "氢能科技": ("D", "45", "绿氢制备、加氢站运营"),
    "稀土材料": ("C", "32", "稀土永磁材料"),
}
_FORMS = ["有限公司", "股份有限公司", "有限责任公司"]
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "建华", "海燕", "志强", "巴特尔", "乌云", "其木格", "额尔敦", "萨仁"]  # fmt: skip
_ASSOCIATIONS = [
    ("鄂托克旗阿尔巴斯绒山羊产业协会", "150624", "阿尔巴斯绒山羊"),
    ("杭锦旗甘草产业协会", "150625", "杭锦旗甘草"),
    ("乌审旗马铃薯产业协会", "150626", "乌审马铃薯"),
]
_DEMO_USERS = [
    ("shenhe", "市局审核员（演示）", Role.CITY_REVIEWER, None),
    ("dongsheng", "东胜区联络员（演示）", Role.DISTRICT_OFFICER, "150602"),
    ("dalate", "达拉特旗联络员（演示）", Role.DISTRICT_OFFICER, "150621"),
    ("chakan", "只读用户（演示）", Role.VIEWER, None),
]
# Public on purpose (shown on the demo sign-in screen); a demo database holds no real data.
DEMO_PASSWORD = "yanshi-2026"


def organisation_code(rng: random.Random) -> str:
    """A 9-character organisation code (GB 11714) with its own check digit."""
    body = [rng.randint(0, 9) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "".join(map(str, body)) + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(rng: random.Random, district_code: str, entity: str = "91") -> str:
    division = district_code if district_code.isdigit() else "150602"
    first17 = entity + division + organisation_code(rng)
    return first17 + uscc_check_char(first17)


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def _mobile(rng: random.Random) -> str:
    return rng.choice(["139", "138", "150", "186", "177", "135"]) + f"{rng.randint(0, 99999999):08d}"


def populate(admin: User, count: int = 40, seed: int = 2022) -> dict[str, str]:
    """Fill a fresh database; returns the demo accounts' login → password."""
    rng = random.Random(seed)
    own = installation.current().district  # a district bureau's demo holds its own district only
    districts = [own] if own is not None else reference.districts()
    names = set()
    for i in range(count - len(_ASSOCIATIONS)):
        district = districts[i % len(districts)]
        while True:
            trade = rng.choice(list(_TRADES))
            name = f"鄂尔多斯市{rng.choice(_PLACES)}{trade}{rng.choice(_FORMS)}"
            if name_key(name) not in names:
                names.add(name_key(name))
                break
        _demo_enterprise(admin, rng, name, district, trade, i)
    for name, code, gi in _ASSOCIATIONS:
        if own is None or own.code == code:
            _demo_association(admin, rng, name, reference.district_by_code(code), gi)
    users = _DEMO_USERS if own is None else _district_demo_users(own)
    for login, display, role, code in users:
        district = reference.district_by_code(code) if code else None
        accounts.create_user(admin, login, display, role, DEMO_PASSWORD, district)
    logins = [login for login, *_ in users]
    settings.set_value(admin, "demo.logins", logins)
    return dict.fromkeys(logins, DEMO_PASSWORD)


def _district_demo_users(own) -> list[tuple]:
    """A district bureau's demo accounts: its own officer and a viewer of its district (no city accounts)."""
    return [
        ("lianluo", f"{own.name}联络员（演示）", Role.DISTRICT_OFFICER, own.code),
        ("chakan", f"{own.name}只读用户（演示）", Role.VIEWER, own.code),
    ]


def sign_in_hints() -> dict[str, str]:
    """Login → password for the sign-in screen: the demo accounts of a demo database that are still in use."""
    logins = settings.get("demo.logins")
    if not logins:
        return {}
    active = {u.login for u in User.select().where(User.login.in_(logins), User.active == True)}  # noqa: E712
    return {login: DEMO_PASSWORD for login in logins if login in active}


def retire_stored_passwords() -> None:
    """Demo databases made before v8 kept their demo passwords in plain text in the setting `demo.accounts`.

    Those accounts get DEMO_PASSWORD, `demo.logins` names them, and the plain-text row goes; the old passwords
    left in the audit trail of that setting stop working with it.
    """
    row = Setting.get_or_none(Setting.key == "demo.accounts")
    if row is None:
        return
    logins = list(json.loads(row.value) or {})
    with database.atomic():
        for user in User.select().where(User.login.in_(logins)):
            before = _without_hash(user)
            user.password_hash = hash_password(DEMO_PASSWORD)
            user.save()
            audit.record(None, "user.password", user, before, _without_hash(user))
        audit.record(None, "setting.delete", row, {"key": row.key, "value": logins}, None)
        row.delete_instance()
        Setting.create(key="demo.logins", value=json.dumps(logins, ensure_ascii=False))


def _without_hash(user: User) -> dict:
    data = audit.snapshot(user)
    data.pop("password_hash", None)
    return data


def _demo_enterprise(admin: User, rng: random.Random, name: str, district, trade: str, index: int) -> None:
    section, division, products = _TRADES[trade]
    size = rng.choice(["large", "medium", "medium", "small", "small", "micro"])
    scale = {"large": 40, "medium": 12, "small": 4, "micro": 1}[size]
    data = {
        "name": name,
        "uscc": make_uscc(rng, district.code),
        "kind": "enterprise",
        "district": district.code,
        "registered_address": f"内蒙古自治区鄂尔多斯市{district.name}{rng.choice(_PLACES)}路{rng.randint(1, 300)}号",
        "legal_representative": _person(rng),
        "founded_on": date(rng.randint(1995, 2019), rng.randint(1, 12), rng.randint(1, 28)),
        "registered_capital": rng.randint(5, 200) * 100 * scale // 10,
        "industry_section": section,
        "industry_division": division,
        "size": size,
        "main_products": products,
        "revenue": rng.randint(20, 500) * scale * 10,
        "rd_spend": rng.randint(1, 30) * scale * 5,
    }
    enterprise = enterprises.create(admin, data).enterprise
    _demo_contacts(admin, rng, enterprise.id)
    # Every third enterprise has ≥ 10 invention patents, every fifth ≥ 50 trademarks: some qualify, some not.
    inventions = rng.randint(10, 60) if index % 3 == 0 else rng.randint(0, 8)
    trademarks = rng.randint(50, 160) if index % 5 == 0 else rng.randint(0, 30)
    for year, shrink in ((2024, 0.8), (2025, 1.0)):
        enterprise_records.save_holding(
            admin,
            enterprise.id,
            year,
            {
                "invention_patents": int(inventions * shrink),
                "utility_models": rng.randint(0, 80),
                "designs": rng.randint(0, 10),
                "foreign_patents": rng.randint(0, 3) if inventions > 20 else 0,
                "trademarks_domestic": int(trademarks * shrink),
                "software_copyrights": rng.randint(0, 40) if section == "I" else rng.randint(0, 5),
                "well_known_trademarks": 1 if index % 11 == 4 else 0,
                "trade_secrets": rng.random() < 0.5,
            },
        )
    if index % 7 == 1:
        level = "national" if index % 14 == 1 else "regional"
        enterprise_records.add_honor(
            admin, enterprise.id, level, rng.choice(["advantage", "demonstration"]), 2023
        )


def _demo_association(admin: User, rng: random.Random, name: str, district, gi: str) -> None:
    data = {
        "name": name,
        "uscc": make_uscc(rng, district.code, entity="51"),
        "kind": "association",
        "district": district.code,
        "registered_address": f"内蒙古自治区鄂尔多斯市{district.name}",
        "legal_representative": _person(rng),
        "industry_section": "S",
        "industry_division": "95",
        "main_products": f"“{gi}”地理标志商标的管理与使用许可",
    }
    enterprise = enterprises.create(admin, data).enterprise
    _demo_contacts(admin, rng, enterprise.id)
    enterprise_records.save_holding(
        admin, enterprise.id, 2025, {"gi_trademarks": 1, "trademarks_domestic": 3}
    )


def _demo_contacts(admin: User, rng: random.Random, enterprise_id: int) -> None:
    for n in range(rng.randint(1, 2)):
        enterprise_records.save_contact(
            admin,
            enterprise_id,
            {
                "name": _person(rng),
                "post": "知识产权专员" if n == 0 else "总经理办公室主任",
                "phone": f"0477-{rng.randint(2000000, 8999999)}",
                "mobile": _mobile(rng),
                "email": f"ip{rng.randint(100, 999)}@example.com",
                "is_primary": n == 0,
            },
        )
