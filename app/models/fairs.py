"""展会与海关保护 (notice §2(二)2): the trade fairs a listed enterprise attended with the protection given there,
and its customs IP recordals (海关知识产权备案) with their expiry."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField, TextField

from app.models.base import BaseModel
from app.models.enterprises import Enterprise

RIGHT_KINDS = {"trademark": "商标", "patent": "专利", "copyright": "著作权", "other": "其他"}


class TradeFair(BaseModel):
    """One fair an enterprise attended (参展) and how its IP was protected there."""

    enterprise = ForeignKeyField(Enterprise, backref="+", on_delete="RESTRICT")
    name = CharField(max_length=200)
    place = CharField(max_length=200, default="")
    starts_on = DateField(index=True)
    ends_on = DateField()
    products = TextField(default="")
    pre_check = BooleanField(default=False)  # 展前知识产权检查
    complaint_desk = BooleanField(default=False)  # 现场投诉受理点
    cases = IntegerField(default=0)  # complaints or cases handled on site
    note = TextField(default="")


class CustomsRecordal(BaseModel):
    """A right recorded with customs (海关知识产权备案), which lapses on `valid_until` unless renewed."""

    enterprise = ForeignKeyField(Enterprise, backref="+", on_delete="RESTRICT")
    right_kind = CharField(max_length=12)
    right_title = CharField(max_length=200)  # the mark, patent or work as registered, with its number
    recordal_number = CharField(max_length=50, unique=True)
    valid_until = DateField(index=True)
    note = TextField(default="")
