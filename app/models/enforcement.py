"""执法协作 (notice §3(二)): partner agencies, cooperation agreements, joint enforcement actions and the records
of information shared with the agencies."""

from peewee import BooleanField, CharField, DateField, ForeignKeyField, TextField

from app.models.accounts import User
from app.models.base import BaseModel
from app.models.cases import Case
from app.models.enterprises import Enterprise
from app.models.reference import District

AGENCY_KINDS = {"police": "公安", "agriculture": "农牧", "customs": "海关", "culture": "文旅", "court": "法院",
                "other": "其他"}  # fmt: skip
SHARE_FORMATS = {"pdf": "PDF", "xlsx": "Excel"}


class PartnerAgency(BaseModel):
    """A department the bureaus enforce with or share information with; reference data kept by the city."""

    name = CharField(max_length=100, unique=True)
    kind = CharField(max_length=12, default="other")
    contact_person = CharField(max_length=50, default="")
    contact_phone = CharField(max_length=30, default="")
    note = TextField(default="")
    active = BooleanField(default=True)


class CooperationAgreement(BaseModel):
    """执法协作机制: an agreement signed by the bureau (of a district, or the city when None) with agencies."""

    district = ForeignKeyField(District, null=True, backref="+", on_delete="RESTRICT")
    signed_on = DateField()
    title = CharField(max_length=200)
    scope = TextField(default="")
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")


class AgreementParty(BaseModel):
    agreement = ForeignKeyField(CooperationAgreement, backref="parties", on_delete="CASCADE")
    agency = ForeignKeyField(PartnerAgency, backref="+", on_delete="RESTRICT")


class JointAction(BaseModel):
    """联合执法行动: when, with whom, against what, which enterprises it protected and what came of it."""

    district = ForeignKeyField(District, null=True, backref="+", on_delete="RESTRICT")  # None: the city's
    held_on = DateField(index=True)
    title = CharField(max_length=200)
    target = TextField(default="")
    results = TextField(default="")
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")


class ActionPartner(BaseModel):
    action = ForeignKeyField(JointAction, backref="partners", on_delete="CASCADE")
    agency = ForeignKeyField(PartnerAgency, backref="+", on_delete="RESTRICT")


class ActionEnterprise(BaseModel):
    """An enterprise whose rights the action protected."""

    action = ForeignKeyField(JointAction, backref="enterprises", on_delete="CASCADE")
    enterprise = ForeignKeyField(Enterprise, backref="+", on_delete="RESTRICT")


class ActionCase(BaseModel):
    """A case opened in (or taken up by) the action."""

    action = ForeignKeyField(JointAction, backref="cases", on_delete="CASCADE")
    case = ForeignKeyField(Case, backref="+", on_delete="RESTRICT")


class ShareRecord(BaseModel):
    """信息共享: what was handed to which agency, when and by whom; a case extract names the fields it held."""

    district = ForeignKeyField(District, null=True, backref="+", on_delete="RESTRICT")  # the sharer's; None: city
    agency = ForeignKeyField(PartnerAgency, backref="+", on_delete="RESTRICT")
    shared_on = DateField(index=True)
    shared_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    subject = CharField(max_length=200)
    case = ForeignKeyField(Case, null=True, backref="+", on_delete="RESTRICT")
    fields = TextField(default="")  # the extract's field keys, comma-separated, in their printed order
    format = CharField(max_length=8, default="")  # pdf / xlsx, or "" for something shared outside the register
    note = TextField(default="")
