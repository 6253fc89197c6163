"""The enterprise sheet's columns, declared once for the template, the importer and the exporter.

Each column accepts the synonyms clerks actually type; headers are folded by `io.sheet_cells.fold_header`.
"""

from __future__ import annotations

from app.models.enterprises import ENTERPRISE_KINDS, ENTERPRISE_SIZES, HOLDING_COUNTS
from app.services.enterprises.fields import LABELS
from app.services.io.sheet_cells import AMOUNT, COUNT, DATE, TEXT, YEAR, YES_NO, Column, fold_header

__all__ = ["AMOUNT", "COLUMNS_BY_KEY", "COUNT", "DATE", "ENTERPRISE_COLUMNS", "TEXT", "YEAR", "YES_NO", "Column",
           "match_header"]


def _holding(key: str, *synonyms: str, width: int = 10) -> Column:
    return Column(key, HOLDING_COUNTS[key], synonyms, COUNT, width=width, note="整数，可写“12件”，空白为0")


YES_NO_CHOICES = ("是", "否")

ENTERPRISE_COLUMNS: tuple[Column, ...] = (
    Column("uscc", LABELS["uscc"], ("社会信用代码", "信用代码", "统一代码"), required=True, width=22,
           note="18位，字母大写，不含 I、O、S、V、Z"),
    Column("name", LABELS["name"], ("单位名称", "名称", "企业(单位)名称"), required=True, width=34),
    Column("kind", LABELS["kind"], ("类型", "单位类型"), choices=tuple(ENTERPRISE_KINDS.values()), width=10,
           note="企业 或 行业协会，空白为企业"),
    Column("district", LABELS["district"], ("所在旗区", "旗区", "地区", "所属地区"), required=True, width=16,
           note="如 达拉特旗，可写“达拉特”"),
    Column("registered_address", LABELS["registered_address"], ("注册地", "住所"), width=30),
    Column("operating_address", LABELS["operating_address"], ("生产经营地址", "经营地"), width=30),
    Column("legal_representative", LABELS["legal_representative"], ("法人代表", "法人"), width=12),
    Column("founded_on", LABELS["founded_on"], ("成立时间", "注册日期"), DATE, width=12,
           note="如 2015-03-01、2015/3/1、2015年3月1日"),
    Column("registered_capital", LABELS["registered_capital"], ("注册资本",), AMOUNT, width=12),
    Column("industry_section", LABELS["industry_section"], ("门类", "所属行业门类"), width=10, note="A–T"),
    Column("industry_division", LABELS["industry_division"], ("大类", "行业代码"), width=10, note="两位数字"),
    Column("size", LABELS["size"], ("规模",), choices=tuple(ENTERPRISE_SIZES.values()), width=10),
    Column("main_products", LABELS["main_products"], ("主营产品", "主要产品(服务)"), width=30),
    Column("revenue", LABELS["revenue"], ("营业收入", "上年营业收入"), AMOUNT, width=14),
    Column("rd_spend", LABELS["rd_spend"], ("研发投入", "上年研发投入"), AMOUNT, width=14),
    Column("contact_name", "联系人", ("知识产权联系人", "联系人姓名"), width=10),
    Column("contact_phone", "联系电话", ("电话", "固定电话", "办公电话"), width=16, note="固话带区号，或手机号"),
    Column("contact_mobile", "手机", ("手机号", "手机号码", "移动电话"), width=14),
    Column("contact_email", "电子邮箱", ("邮箱", "email", "e-mail"), width=22),
    Column("holding_year", "统计年度", ("年度", "数据年度"), YEAR, width=10, note="知识产权数量所属年度，空白为上一年"),
    _holding("invention_patents", "发明专利", "发明专利数", "有效发明专利数", "发明专利拥有量"),
    _holding("utility_models", "实用新型", "实用新型专利数"),
    _holding("designs", "外观设计", "外观设计专利数"),
    _holding("trademarks_domestic", "注册商标", "注册商标数", "商标", "国内注册商标数"),
    _holding("well_known_trademarks", "驰名商标数"),
    _holding("gi_trademarks", "地理标志", "地理标志商标数"),
    _holding("software_copyrights", "软件著作权数", "软著"),
    Column("national_title", "国家级知识产权优势/示范企业", ("国家级优势示范企业", "国家级知识产权示范企业",
           "国家级知识产权优势企业"), YES_NO, choices=YES_NO_CHOICES, width=14),
    Column("regional_title", "自治区级知识产权优势/示范企业", ("自治区级优势示范企业", "自治区级知识产权示范企业",
           "自治区级知识产权优势企业"), YES_NO, choices=YES_NO_CHOICES, width=14),
    Column("applied_regional", "本年度已申报自治区名录", ("已申报自治区名录", "已申报自治区重点企业保护名录"),
           YES_NO, choices=YES_NO_CHOICES, width=14),
)  # fmt: skip
COLUMNS_BY_KEY = {c.key: c for c in ENTERPRISE_COLUMNS}

_BY_FOLDED = {fold_header(name): c for c in ENTERPRISE_COLUMNS for name in (c.header, *c.synonyms)}


def match_header(text) -> Column | None:
    return _BY_FOLDED.get(fold_header(text))
