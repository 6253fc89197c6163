"""Domain settings kept in the database, each declared once here with its default and label."""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.models import Setting, User
from app.models.db import database
from app.services.core import audit
from app.services.core.errors import ValidationError
from app.services.core.permissions import require_admin

# The statutory time limits of cases (domain.md "Cases"), as data a province can edit; see app.services.cases.rules.
DEFAULT_CASE_RULES = [
    {"key": "complaint_acceptance", "label": "投诉受理或不予受理", "types": ["*"], "sources": ["complaint"],
     "start": "received", "unit": "workdays", "length": 7,
     "met_by": ["accepted", "filed", "refused", "verification", "dismissed"], "suspendable": False},
    {"key": "reporter_notice", "label": "立案后告知举报人", "types": ["trademark", "counterfeit-patent"],
     "sources": ["complaint"], "start": "filed", "unit": "workdays", "length": 5, "met_by": ["reporter_notified"],
     "suspendable": False},
    {"key": "penalty_decision", "label": "立案后作出处罚决定", "types": ["trademark", "counterfeit-patent"],
     "sources": ["*"], "start": "filed", "unit": "days", "length": 90,
     "met_by": ["decision", "transferred", "closed"], "suspendable": True},
    {"key": "patent_ruling", "label": "专利侵权纠纷结案（自治区期限）", "types": ["patent-dispute"], "sources": ["*"],
     "start": "filed", "unit": "days", "length": 90, "met_by": ["closed"], "suspendable": True},
    {"key": "appeal_window", "label": "收到裁决后起诉期", "types": ["patent-dispute"], "sources": ["*"],
     "start": "ruling_served", "unit": "days", "length": 15, "met_by": ["appeal_filed"], "suspendable": False,
     "window": True},
]  # fmt: skip


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: object


SPECS = {
    s.key: s
    for s in (
        SettingSpec("attachments.max_mb", "附件大小上限（MB）", 50),
        SettingSpec("list.target", "名录企业目标数", 50),
        # The notice's thresholds (§2(一)1); eligibility reads them from here only.
        SettingSpec("eligibility.min_invention_patents", "发明专利拥有量门槛（件）", 10),
        SettingSpec("eligibility.min_registered_trademarks", "注册商标拥有量门槛（件）", 50),
        SettingSpec("round.deadline", "申报截止日（月-日）", "10-09"),
        SettingSpec("round.quota_min", "每旗区每轮推荐下限", 4),
        SettingSpec("round.quota_max", "每旗区每轮推荐上限", 8),
        SettingSpec("list.target_due", "目标完成日期", "2023-12-31"),
        SettingSpec("list.review_years", "复核周期（年）", 2),
        # The publication (公示) announcement: how long objections are taken, and where they go.
        SettingSpec("listing.publicity_days", "公示期（天）", 5),
        SettingSpec("listing.objection_phone", "公示异议受理电话", ""),
        SettingSpec("listing.objection_address", "公示异议受理地址", ""),
        SettingSpec("dashboard.due_days", "临期提醒天数", 90),
        SettingSpec("liaison.visit_interval_days", "走访间隔提醒（天）", 180),
        SettingSpec("cases.deadline_rules", "案件办理期限规则", DEFAULT_CASE_RULES),
        SettingSpec("cases.number_format", "案件编号格式", "{prefix}〔{year}〕{sequence}号"),
        SettingSpec("cases.city_prefix", "市局案件编号字头", "鄂市监知"),
        # A TrueType font file chosen by the user for printed body text ("" = search the usual folders).
        SettingSpec("documents.font_file", "正文字体文件", ""),
        SettingSpec("import.max_mb", "导入文件大小上限（MB）", 50),
        SettingSpec("import.max_rows", "导入行数上限", 100_000),
        # Only a demo database has these: the login screen shows them so a visitor can try every role.
        SettingSpec("demo.accounts", "演示账号", {}),
    )
}


def get(key: str):
    spec = SPECS[key]
    row = Setting.get_or_none(Setting.key == key)
    return json.loads(row.value) if row else spec.default


def set_value(actor: User, key: str, value) -> None:
    require_admin(actor)
    spec = SPECS.get(key)
    if spec is None:
        raise ValidationError({key: "未知设置项"})
    if type(value) is not type(spec.default):
        raise ValidationError({key: "类型不正确"}, {key: spec.label})
    with database.atomic():
        row = Setting.get_or_none(Setting.key == key)
        before = audit.snapshot(row)
        if row is None:
            row = Setting.create(key=key, value=json.dumps(value, ensure_ascii=False))
        else:
            row.value = json.dumps(value, ensure_ascii=False)
            row.save()
        audit.record(actor, "setting.update", row, before, audit.snapshot(row))
