"""宣传报道 (notice §3(四)): reports on TV, radio, newspapers, websites, Weibo and WeChat, and the listed
enterprises each one featured."""

from peewee import CharField, DateField, ForeignKeyField, TextField

from app.models.accounts import User
from app.models.base import BaseModel
from app.models.enterprises import Enterprise
from app.models.reference import District

CHANNELS = {"tv": "电视", "radio": "广播", "newspaper": "报纸", "website": "网站", "weibo": "微博",
            "wechat": "微信", "other": "其他"}  # fmt: skip


class PublicityItem(BaseModel):
    """One report; `district` is the bureau that made it known (None: the city bureau)."""

    district = ForeignKeyField(District, null=True, backref="publicity_items", on_delete="RESTRICT")
    channel = CharField(max_length=12, index=True)
    outlet = CharField(max_length=100)
    title = CharField(max_length=300)
    published_on = DateField(index=True)
    link = CharField(max_length=1000, default="")
    note = TextField(default="")
    recorded_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")


class PublicityFeature(BaseModel):
    """An enterprise featured in a report."""

    item = ForeignKeyField(PublicityItem, backref="features", on_delete="CASCADE")
    enterprise = ForeignKeyField(Enterprise, backref="publicity_features", on_delete="RESTRICT")

    class Meta:
        indexes = ((("item", "enterprise"), True),)
