"""The enterprise register: enterprises, their contacts, IP holdings by year, and honours."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from app.models.base import BaseModel
from app.models.files import Attachment
from app.models.reference import District

ENTERPRISE_KINDS = {"enterprise": "企业", "association": "行业协会"}
ENTERPRISE_SIZES = {"large": "大型", "medium": "中型", "small": "小型", "micro": "微型"}


class Enterprise(BaseModel):
    uscc = CharField(max_length=18, unique=True)
    name = CharField(max_length=200)
    # Name folded for duplicate detection and search: no spaces, half-width, no company-form suffix.
    name_key = CharField(max_length=200, index=True)
    kind = CharField(max_length=20, default="enterprise")
    district = ForeignKeyField(District, backref="enterprises", on_delete="RESTRICT")
    registered_address = CharField(max_length=300, default="")
    operating_address = CharField(max_length=300, default="")
    legal_representative = CharField(max_length=50, default="")
    founded_on = DateField(null=True)
    registered_capital = DecimalField(max_digits=16, decimal_places=2, null=True)  # 万元
    industry_section = CharField(max_length=1, default="")  # GB/T 4754 门类
    industry_division = CharField(max_length=2, default="")  # GB/T 4754 大类
    size = CharField(max_length=10, default="")
    main_products = TextField(default="")
    revenue = DecimalField(max_digits=16, decimal_places=2, null=True)  # last year, 万元
    rd_spend = DecimalField(max_digits=16, decimal_places=2, null=True)  # last year, 万元
    archived = BooleanField(default=False, index=True)
    # The year it last applied to the autonomous region's list: that year it enters the city list directly.
    applied_regional_year = IntegerField(null=True)

    class Meta:
        indexes = ((("district", "archived"), False),)

    def __str__(self) -> str:
        return self.name


class Contact(BaseModel):
    enterprise = ForeignKeyField(Enterprise, backref="contacts", on_delete="CASCADE")
    name = CharField(max_length=50)
    post = CharField(max_length=50, default="")
    phone = CharField(max_length=30, default="")
    mobile = CharField(max_length=20, default="")
    email = CharField(max_length=100, default="")
    is_primary = BooleanField(default=False)


# IP holding counts (domain.md §C), in form order, with their Chinese labels.
HOLDING_COUNTS = {
    "invention_patents": "有效发明专利",
    "utility_models": "实用新型专利",
    "designs": "外观设计专利",
    "foreign_patents": "境外专利（PCT等）",
    "trademarks_domestic": "国内注册商标",
    "trademarks_madrid": "马德里注册商标",
    "well_known_trademarks": "驰名商标",
    "gi_trademarks": "地理标志商标",
    "software_copyrights": "软件著作权",
    "other_copyrights": "其他著作权",
    "ic_layouts": "集成电路布图设计",
}


class IPHolding(BaseModel):
    enterprise = ForeignKeyField(Enterprise, backref="holdings", on_delete="CASCADE")
    year = IntegerField()
    invention_patents = IntegerField(default=0)
    utility_models = IntegerField(default=0)
    designs = IntegerField(default=0)
    foreign_patents = IntegerField(default=0)
    trademarks_domestic = IntegerField(default=0)
    trademarks_madrid = IntegerField(default=0)
    well_known_trademarks = IntegerField(default=0)
    gi_trademarks = IntegerField(default=0)
    software_copyrights = IntegerField(default=0)
    other_copyrights = IntegerField(default=0)
    ic_layouts = IntegerField(default=0)
    trade_secrets = BooleanField(default=False)

    class Meta:
        indexes = ((("enterprise", "year"), True),)


HONOR_LEVELS = {"national": "国家级", "regional": "自治区级"}
HONOR_KINDS = {"advantage": "知识产权优势企业", "demonstration": "知识产权示范企业"}


class Honor(BaseModel):
    enterprise = ForeignKeyField(Enterprise, backref="honors", on_delete="CASCADE")
    level = CharField(max_length=10)
    kind = CharField(max_length=20)
    year = IntegerField()
    title = CharField(max_length=200, default="")
    evidence = ForeignKeyField(Attachment, null=True, on_delete="SET NULL")
