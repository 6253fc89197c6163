"""The record kinds that travel between installations: one table-driven description per kind.

A kind's fields are read off its model: every column but the local id, the bookkeeping columns and references
to local user accounts (accounts never travel). A reference to another record travels as that record's UUID, a
district as its code, never a local id. `scope_by` says whose a record is: the first set of its references
named there — a district (the record's district) or a parent kind (the parent's scope) — and `unassigned` if
none is set (or none is named); an attachment is its owner record's (OWNED). A scope is a district code, CITY
(the city's own: never sent to a district) or ALL
(city reference data every installation holds). `city_authored` says, from a record's values, whether only
the city may send it (decisions, the list, designs…); anything else its district sends, and the city may
send its own edits of it too.

A round is referred to by its year: a district opens the year's round locally when it first needs one, and
adopts the city's round of that year when it arrives. A district's plans travel (duties, work plan, projects,
tasks), and so do support entries, publicity, joint enforcement, trade fairs and customs recordals. `also` names
a second reference whose record the holder must hold too (a report featuring an enterprise, an action linked to
a case): the scope is then the `meet` of both, so a link to a record a district does not hold never reaches it.
Liaison assignments stay local (their officer is a local user account, which no other installation has), and
so do honours (their evidence is an attachment, listed after them), consultations, the work calendar and
settings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from app.models import (
    ActionCase,
    ActionEnterprise,
    ActionPartner,
    AgreementParty,
    Application,
    Attachment,
    AuditLog,
    Case,
    CaseEvent,
    CaseParty,
    CaseRight,
    CityReport,
    Contact,
    CooperationAgreement,
    CustomsRecordal,
    District,
    Enterprise,
    Event,
    EventAttendance,
    Expert,
    FollowUp,
    IPHolding,
    JointAction,
    ListEntry,
    PartnerAgency,
    PlanProject,
    PlanTask,
    Publication,
    PublicityFeature,
    PublicityItem,
    Question,
    Questionnaire,
    Response,
    Responsibility,
    Review,
    Round,
    ShareRecord,
    SupportEntry,
    TradeFair,
    User,
    Visit,
    WorkPlan,
)
from app.services.core import reference
from app.services.enterprises import fields as enterprise_fields
from app.text import name_key

DELETED = "_deleted"  # the pseudo-field of a record's existence; its vector covers the whole record at deletion
CITY, ALL = "city", "*"
DISTRICT = "district"  # the target of a district reference
_LOCAL = {"id", "uuid", "created_at", "updated_at", "row_version"}
# The subject an exchange write is filed under in the audit trail: the first of these a record refers to.
_SUBJECTS = ("enterprise", "case", "questionnaire", "event", "application", "entry")
COMMON_LABELS = {
    "status": "状态", "note": "备注", "opinion": "意见", "outcome": "结果", "name": "名称", "title": "标题",
    "kind": "类别", "description": "说明", "summary": "案情摘要", "enterprise": "所属企业", "archived": "是否归档",
    "answers": "答卷内容", "topic": "主题", "place": "地点", "phone": "电话", "email": "电子邮箱",
    "resolution": "办理结果", "due_on": "完成期限", "closed_on": "办结日期", "visited_on": "走访日期",
    "notes": "走访记录", "problems": "反映的问题", "held_on": "举办日期", "feedback": "反馈", "field": "专业领域",
    "organisation": "工作单位", "active": "是否启用", "deadline": "推荐截止日期", "form": "申报表内容",
    "acknowledged_on": "市局签收日期", "reported_on": "上报日期", "outcome_note": "结案说明",
}  # fmt: skip


_TRUE, _FALSE = {"是", "true", "1", "yes"}, {"否", "false", "0", "no"}


class Unplaced(ValueError):
    """A reference to a record this installation does not hold."""


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _writer(model_field):
    if isinstance(model_field, DateTimeField):
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(model_field, DateField):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(model_field, DecimalField):
        return lambda v: None if v is None else Decimal(str(v))
    if isinstance(model_field, BooleanField):
        return lambda v: None if v is None else bool(v)
    return lambda v: v


@dataclass(frozen=True)
class Kind:
    entity: str  # the table name, as in the audit log
    label: str
    model: type[Model]
    scope_by: tuple[str, ...] = ()  # the first of these set decides (an opinion is on a form or on an entry)
    unassigned: str = ALL
    # References whose records the holder must hold too: the scope narrows to what both allow (`meet`), so a
    # city action's link to a district's case reaches that district only, a district action's link to a case
    # the city handles reaches no district.
    also: tuple[str, ...] = ()
    authored_by: str = ""  # the reference whose record's authorship this one's follows (a city action's rows)
    city_authored: Callable[[dict], bool] = lambda values: False
    describe_by: tuple[str, ...] = ("name",)
    exclude: tuple[str, ...] = ()
    key: str = "uuid"  # how a reference to one travels: the UUID, or a natural key every installation shares
    labels: dict[str, str] = field(default_factory=dict)
    fields: tuple[str, ...] = ()
    refs: dict[str, str] = field(default_factory=dict)  # field → DISTRICT or the referenced kind's entity

    def __post_init__(self):
        names, refs = [], {}
        for f in self.model._meta.sorted_fields:
            if f.name in _LOCAL or f.name in self.exclude:
                continue
            if isinstance(f, ForeignKeyField):
                if f.rel_model is User:
                    continue
                refs[f.name] = DISTRICT if f.rel_model is District else f.rel_model._meta.table_name
            names.append(f.name)
        object.__setattr__(self, "fields", tuple(names))
        object.__setattr__(self, "refs", refs)

    def field_of(self, audit_key: str) -> str | None:
        name = audit_key[:-3] if audit_key.endswith("_id") and audit_key[:-3] in self.refs else audit_key
        return name if name in self.fields else None

    def read(self, record: Model, name: str):
        if name not in self.refs:
            return _plain(getattr(record, name))
        target = getattr(record, name)
        if target is None:
            return None
        if self.refs[name] == DISTRICT:
            return target.code
        return _plain(getattr(target, KINDS[self.refs[name]].key))

    def wire(self, record: Model) -> dict:
        return {f: self.read(record, f) for f in self.fields}

    def assign(self, record: Model, name: str, value, ids=None) -> None:
        """Set a field from its travelling value; `ids` (a batch.Reader) places references without a query each."""
        if name in self.refs and ids is not None:
            ref = None if value is None else ids.id_of(self.refs[name], value)
            if value is not None and ref is None:
                _resolve(self.refs[name], value)  # raises Unplaced, naming what is missing
            setattr(record, self.model._meta.fields[name].object_id_name, ref)
        elif name in self.refs:
            setattr(record, name, None if value is None else _resolve(self.refs[name], value))
        else:
            setattr(record, name, _writer(self.model._meta.fields[name])(value))
        if name == "name" and isinstance(record, Enterprise):
            record.name_key = name_key(value)

    def parse(self, name: str, text: str):
        """A value typed by a person for one field, as it travels; ValueError names the field in Chinese."""
        model_field, label = self.model._meta.fields[name], self.label_of(name)
        text = text.strip() if not isinstance(model_field, CharField | TextField) else text
        try:
            if name in self.refs:
                _resolve(self.refs[name], text)
                return text
            if isinstance(model_field, BooleanField):
                if text.lower() not in _TRUE | _FALSE:
                    raise ValueError("应为“是”或“否”")
                return text.lower() in _TRUE
            if text == "" and model_field.null:
                return None
            if isinstance(model_field, IntegerField):
                return int(text)
            if isinstance(model_field, DateTimeField):
                return datetime.fromisoformat(text).isoformat()
            if isinstance(model_field, DateField):
                return date.fromisoformat(text).isoformat()
            if isinstance(model_field, DecimalField):
                return str(Decimal(text))
        except (ValueError, ArithmeticError) as exc:
            raise ValueError(f"“{label}”的值“{text}”无效：{exc}") from None
        if getattr(model_field, "max_length", None) and len(text) > model_field.max_length:
            raise ValueError(f"“{label}”最多 {model_field.max_length} 个字")
        return text

    def find(self, uuid: str) -> Model | None:
        return self.model.get_or_none(self.model.uuid == uuid)

    def find_by_key(self, value) -> Model | None:
        return self.model.get_or_none(getattr(self.model, self.key) == value)

    # --- whose a record is ---------------------------------------------------------------------------------
    def owner(self, record: Model) -> str | None:
        if self.scope_by == OWNED:
            return _owner_of_owner(record.entity, record.entity_uuid, None)
        scope = self.unassigned
        for name in self.scope_by:
            target = getattr(record, name)
            if target is not None:
                scope = target.code if self.refs[name] == DISTRICT else KINDS[self.refs[name]].owner(target)
                break
        for name in self.also:
            target = getattr(record, name)
            if target is not None:
                scope = meet(scope, KINDS[self.refs[name]].owner(target))
        return scope

    def owner_of_values(self, values: dict, lookup: Callable[[str, str], str | None]) -> str | None:
        """The scope from wire values; `lookup(entity, uuid)` gives a parent's scope (None: unknown)."""
        if self.scope_by == OWNED:
            return lookup(values["entity"], values["entity_uuid"]) if values.get("entity") in KINDS else None
        scope = self.unassigned
        for name in self.scope_by:
            if name not in values:
                return None
            if values[name] is not None:
                scope = values[name] if self.refs[name] == DISTRICT else lookup(self.refs[name], values[name])
                break
        for name in self.also:
            if name not in values:
                return None
            if values[name] is not None:
                scope = meet(scope, lookup(self.refs[name], values[name]))
        return scope

    def owner_of_image(self, image: dict) -> str | None:
        """The scope from an audit snapshot (foreign keys as local ids): a deleted record is known only there."""
        if self.scope_by == OWNED:
            return _owner_of_owner(image.get("entity"), image.get("entity_uuid"), None)
        scope = self.unassigned
        for name in self.scope_by:
            ref = image.get(f"{name}_id")
            if ref is not None:
                scope = self._owner_of_ref(name, ref)
                break
        for name in self.also:
            ref = image.get(f"{name}_id")
            if ref is not None:
                scope = meet(scope, self._owner_of_ref(name, ref))
        return scope

    def _owner_of_ref(self, name: str, ref: int) -> str | None:
        if self.refs[name] == DISTRICT:
            district = District.get_or_none(District.id == ref)
            return district.code if district else None
        parent_kind = KINDS[self.refs[name]]
        parent = parent_kind.model.get_or_none(parent_kind.model.id == ref)
        if parent is not None:
            return parent_kind.owner(parent)
        last = (
            AuditLog.select(AuditLog.before).where((AuditLog.entity == parent_kind.entity) & (AuditLog.entity_id == ref)
                                                   & AuditLog.before.is_null(False))
            .order_by(AuditLog.id.desc()).first()
        )  # fmt: skip
        return parent_kind.owner_of_image(json.loads(last.before)) if last else None

    def subject(self, record: Model) -> Model:
        if self.scope_by == OWNED:
            owner_kind = KINDS.get(record.entity)
            found = owner_kind.find(record.entity_uuid) if owner_kind else None
            return owner_kind.subject(found) if found is not None else record
        for name in _SUBJECTS:
            if name in self.refs and getattr(record, f"{name}_id") is not None:
                return getattr(record, name)
        return record

    def describe(self, record: Model | dict) -> str:
        values = record if isinstance(record, dict) else {n: getattr(record, n, None) for n in self.describe_by}
        first, *rest = [values.get(n) for n in self.describe_by]
        if first is None:
            raise KeyError(self.describe_by[0])
        return f"{self.label}“{first}”" + "".join(f"（{v}）" for v in rest if v)

    def label_of(self, name: str) -> str:
        return self.labels.get(name) or COMMON_LABELS.get(name) or name


OWNED = ("entity", "entity_uuid")  # scope_by of a record filed against any other record (an attachment)


def meet(a: str | None, b: str | None) -> str | None:
    """The scope that may hold a record needing both: ALL gives way to the other, two different ones leave only
    the city (which holds everything); None (unknown) stays unknown."""
    if a is None or b is None:
        return None
    if a == ALL or a == b:
        return b
    return a if b == ALL else CITY


def _owner_of_owner(entity: str | None, uuid: str | None, default):
    kind = KINDS.get(entity)
    record = kind.find(uuid) if kind is not None and uuid else None
    return kind.owner(record) if record is not None else default


def _city_authored_owner(values: dict) -> bool:
    kind = KINDS.get(values.get("entity"))
    record = kind.find(values.get("entity_uuid")) if kind is not None else None
    return kind.city_authored(kind.wire(record)) if record is not None else False


def _resolve(target: str, value: str) -> Model:
    if target == DISTRICT:
        found = reference.district_by_code(value)
    else:
        found = KINDS[target].find_by_key(value)
    if found is None:
        label = "旗区" if target == DISTRICT else KINDS[target].label
        raise Unplaced(f"所引用的{label}（{value}）在本机不存在")
    return found


def _city(values: dict) -> bool:
    return True


def _no_district(values: dict) -> bool:
    """A record of the city's own (no district), which the city alone may send."""
    return values.get("district") is None


def _as_parent(name: str, entity: str) -> Callable[[dict], bool]:
    """City-authored when the record `name` refers to is (a row of a city action or agreement). The reference
    may be a UUID (wire values) or a local id (an audit image of a deleted row)."""

    def authored(values: dict) -> bool:
        parent_kind, ref = KINDS[entity], values.get(name)
        if isinstance(ref, int):
            parent = parent_kind.model.get_or_none(parent_kind.model.id == ref)
        else:
            parent = parent_kind.find(ref) if ref else None
        return parent is not None and parent_kind.city_authored(parent_kind.wire(parent))

    return authored


# In the order a package applies them: a record's parents before it.
_ALL_KINDS = (
    Kind("enterprise", "企业", Enterprise, ("district",), describe_by=("name", "uscc"), exclude=("name_key",),
         labels={**enterprise_fields.LABELS, "archived": "是否归档"}),
    Kind("contact", "联系人", Contact, ("enterprise",), labels=enterprise_fields.CONTACT_LABELS),
    Kind("ip_holding", "知识产权数量", IPHolding, ("enterprise",), describe_by=("year",)),
    Kind("round", "申报批次", Round, city_authored=_city, describe_by=("year",), key="year"),
    Kind("questionnaire", "问卷", Questionnaire, city_authored=_city, describe_by=("title", "version")),
    Kind("question", "问卷题目", Question, ("questionnaire",), city_authored=_city, describe_by=("text",)),
    Kind("expert", "智库专家", Expert, city_authored=_city),
    Kind("application", "申报表", Application, ("enterprise",), describe_by=("enterprise", "revision")),
    Kind("list_entry", "名录条目", ListEntry, ("enterprise",), city_authored=_city, describe_by=("enterprise",)),
    Kind("review", "审核意见", Review, ("application", "entry"), city_authored=lambda v: v.get("kind") != "recommendation",
         describe_by=("kind", "decided_on")),
    Kind("publication", "公示", Publication, city_authored=_city, describe_by=("title",)),
    Kind("visit", "走访记录", Visit, ("enterprise",), describe_by=("visited_on",)),
    Kind("follow_up", "跟进事项", FollowUp, ("enterprise",), describe_by=("description",)),
    Kind("event", "活动", Event, ("district",), city_authored=lambda v: v.get("district") is None,
         describe_by=("topic", "held_on")),
    Kind("event_attendance", "活动参加记录", EventAttendance, ("enterprise",), describe_by=("enterprise",)),
    Kind("response", "问卷答卷", Response, ("enterprise",), describe_by=("enterprise",)),
    Kind("case", "案件", Case, ("handling_district",), unassigned=CITY, describe_by=("number",)),
    Kind("case_party", "案件当事人", CaseParty, ("case",)),
    Kind("case_right", "案件涉及权利", CaseRight, ("case",), describe_by=("number",)),
    Kind("case_event", "案件进程", CaseEvent, ("case",), describe_by=("kind", "happened_on")),
    Kind("city_report", "案件上报", CityReport, ("case",), describe_by=("reported_on",)),
    # A district's own plans (app.models.plans); a task's evidence names a visit, event or case by UUID already.
    Kind("responsibility", "责任分工", Responsibility, ("district",), describe_by=("name", "year"),
         labels={"year": "年度", "role": "角色", "post": "职务", "duties": "职责", "position": "排序"}),
    Kind("work_plan", "年度工作计划", WorkPlan, ("district",), describe_by=("title", "year"),
         labels={"year": "年度", "goal_recommend": "推荐目标", "goal_visits": "走访目标",
                 "goal_trainings": "培训目标", "notes": "备注"}),
    Kind("plan_project", "计划项目", PlanProject, ("plan",), describe_by=("title",), labels={"position": "排序"}),
    Kind("plan_task", "计划任务", PlanTask, ("project",), describe_by=("title",),
         labels={"position": "排序", "owner": "责任人", "done_on": "完成日期", "evidence_kind": "佐证类别",
                 "evidence_uuid": "佐证记录"}),
    # Support, publicity, joint enforcement, fairs and recordals (notice §2(二)2, §3): a district's own, or the
    # city's (no district) which every district may read. A row linking two records reaches only who holds both.
    Kind("support_entry", "扶持记录", SupportEntry, ("enterprise",), describe_by=("programme", "granted_on"),
         labels={"granted_on": "扶持日期", "granting_body": "给予单位", "programme": "项目名称",
                 "amount_fen": "金额（分）"}),
    Kind("publicity_item", "宣传报道", PublicityItem, ("district",), city_authored=_no_district,
         describe_by=("title", "published_on"),
         labels={"district": "报送单位", "channel": "渠道", "outlet": "媒体", "published_on": "发布日期",
                 "link": "链接"}),
    Kind("publicity_feature", "报道涉及企业", PublicityFeature, ("item",), also=("enterprise",),
         authored_by="item", city_authored=_as_parent("item", "publicity_item"), describe_by=("enterprise",)),
    Kind("partner_agency", "协作单位", PartnerAgency, city_authored=_city,
         labels={"contact_person": "联系人", "contact_phone": "联系电话"}),
    Kind("cooperation_agreement", "协作协议", CooperationAgreement, ("district",), city_authored=_no_district,
         describe_by=("title", "signed_on"), labels={"district": "签订单位", "signed_on": "签订日期", "scope": "协作内容"}),
    Kind("agreement_party", "协议协作单位", AgreementParty, ("agreement",), authored_by="agreement",
         city_authored=_as_parent("agreement", "cooperation_agreement"), describe_by=("agency",)),
    Kind("joint_action", "联合执法行动", JointAction, ("district",), city_authored=_no_district,
         describe_by=("title", "held_on"),
         labels={"district": "组织单位", "held_on": "行动日期", "target": "行动对象", "results": "行动成效"}),
    Kind("action_partner", "行动协作单位", ActionPartner, ("action",), authored_by="action",
         city_authored=_as_parent("action", "joint_action"), describe_by=("agency",)),
    Kind("action_enterprise", "行动保护企业", ActionEnterprise, ("action",), also=("enterprise",),
         authored_by="action", city_authored=_as_parent("action", "joint_action"), describe_by=("enterprise",)),
    Kind("action_case", "行动立案案件", ActionCase, ("action",), also=("case",), authored_by="action",
         city_authored=_as_parent("action", "joint_action"), describe_by=("case",)),
    Kind("share_record", "信息共享记录", ShareRecord, ("district",), unassigned=CITY, also=("case",),
         describe_by=("subject", "shared_on"),
         labels={"district": "共享单位", "agency": "共享对象", "shared_on": "共享日期", "subject": "共享内容",
                 "case": "案件", "fields": "共享字段", "format": "格式"}),
    Kind("trade_fair", "参展记录", TradeFair, ("enterprise",), describe_by=("name", "starts_on"),
         labels={"starts_on": "开始日期", "ends_on": "结束日期", "products": "参展产品", "pre_check": "展前检查",
                 "complaint_desk": "现场投诉受理点", "cases": "现场处理案件数"}),
    Kind("customs_recordal", "海关知识产权备案", CustomsRecordal, ("enterprise",),
         describe_by=("right_title", "recordal_number"),
         labels={"right_kind": "权利类别", "right_title": "权利名称", "recordal_number": "备案号",
                 "valid_until": "有效期至"}),
    # Last: a file may belong to any record above. Its bytes travel beside it (app.services.exchange.files).
    Kind("attachment", "附件", Attachment, OWNED, city_authored=_city_authored_owner, describe_by=("original_name",),
         labels={"original_name": "文件名", "purpose": "用途"}),
)
KINDS = {kind.entity: kind for kind in _ALL_KINDS}
ENTERPRISE, CONTACT = KINDS["enterprise"], KINDS["contact"]


def owner_of_audit_image(kind: Kind, image: dict) -> str | None:
    return kind.owner_of_image(image)
