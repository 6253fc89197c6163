"""Domain settings kept in the database, each declared once here: default, label, screen group, kind, limits, help.

The settings screens and the `settings` command are generated from SPECS; `set_values` checks each value by its
kind (app.services.core.setting_kinds) and the rules between settings (quota min ≤ max), then writes and audits
them in one transaction, so the change-set reaches every screen that reads them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from app.models import Setting, User
from app.models.db import database
from app.services.core import audit
from app.services.core import setting_kinds as kinds
from app.services.core.errors import PermissionDenied, ValidationError
from app.services.core.permissions import is_admin, is_city_admin, require_admin

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


ROUNDS, CASES, CALENDAR, FONTS, IMPORT, BACKUP, ACCOUNTS = (
    "轮次与名录",
    "案件期限",
    "工作日历",
    "打印字体",
    "导入与附件",
    "备份",
    "账号与登录",
)
GROUPS = (ROUNDS, CASES, CALENDAR, FONTS, IMPORT, BACKUP, ACCOUNTS)


@dataclass(frozen=True)
class SettingSpec:
    """One setting. `group` "" keeps it off the settings screens (kept by the program itself)."""

    key: str
    label: str
    default: object
    group: str = ""
    kind: str = "text"  # one of setting_kinds.KINDS
    help: str = ""
    minimum: int | None = None
    maximum: int | None = None
    optional: bool = False  # a date or text that may be left empty
    suffix: str = ""  # the unit shown after a number


def _int(key, label, default, group, minimum, maximum, suffix="", help=""):
    return SettingSpec(key, label, default, group, "int", help, minimum, maximum, suffix=suffix)


SPECS = {
    s.key: s
    for s in (
        _int("round.year", "当前申报年度", 0, ROUNDS, 0, 2100, " 年",
             "工作台和申报页默认显示的年度；0 表示按当天所在的年份。"),
        SettingSpec("round.deadline", "申报截止日（月-日）", "10-09", ROUNDS, "month_day",
                    "新建年度申报轮次时的截止日；已建立的轮次不受影响。"),
        _int("round.quota_min", "每旗区每轮推荐下限", 4, ROUNDS, 0, 100, " 家",
             "新建轮次时的推荐名额下限；推荐不足时工作台提醒。"),
        _int("round.quota_max", "每旗区每轮推荐上限", 8, ROUNDS, 1, 100, " 家", "不得小于推荐下限。"),
        SettingSpec("round.direct_entry", "已申报自治区名录的企业直接纳入", True, ROUNDS, "bool",
                    "开启时，申报表勾选“已申报自治区名录”的企业不占旗区推荐名额，直接送市局审核。"),
        _int("list.target", "名录企业目标数", 50, ROUNDS, 0, 100_000, " 家"),
        SettingSpec("list.target_due", "目标完成日期", "", ROUNDS, "date",
                    "留空表示不设期限；过期且未达到目标时工作台提醒。", optional=True),
        _int("listing.publicity_days", "名录公示期", 5, ROUNDS, 1, 60, " 天", "拟纳入名录企业的公示天数。"),
        _int("list.review_years", "复核周期", 2, ROUNDS, 1, 10, " 年", "纳入名录后每隔几年复核一次。"),
        _int("dashboard.due_days", "临期提醒天数", 90, ROUNDS, 1, 730, " 天", "复核日期前多少天开始提醒。"),
        _int("fairs.recordal_warning_days", "海关备案到期提醒", 90, ROUNDS, 1, 730, " 天",
             "海关知识产权备案有效期届满前多少天起列入工作台“到期与待办”，以便及时续展。"),
        _int("liaison.visit_interval_days", "走访间隔提醒", 180, ROUNDS, 7, 3650, " 天",
             "超过这么久未走访的名录企业列入“需要关注”。"),
        # The notice's thresholds (§2(一)1); eligibility reads them from here only.
        _int("eligibility.min_invention_patents", "发明专利拥有量门槛", 10, ROUNDS, 0, 100_000, " 件"),
        _int("eligibility.min_registered_trademarks", "注册商标拥有量门槛", 50, ROUNDS, 0, 100_000, " 件"),
        # Where objections to a publication (公示) go, printed on the announcement; empty: a line to fill by hand.
        SettingSpec("listing.objection_phone", "公示异议受理电话", "", ROUNDS, "text", optional=True),
        SettingSpec("listing.objection_address", "公示异议受理地址", "", ROUNDS, "text", optional=True),
        SettingSpec("cases.deadline_rules", "案件办理期限规则", DEFAULT_CASE_RULES, CASES, "rules",
                    "各类案件的法定办理期限；修改后所有在办案件的期限立即按新规则重算。"),
        SettingSpec("cases.number_format", "案件编号格式", "{prefix}〔{year}〕{sequence}号", CASES, "text",
                    "可用 {prefix}（字头）、{year}（年度）、{sequence}（序号）。"),
        SettingSpec("cases.city_prefix", "市局案件编号字头", "鄂市监知", CASES, "text"),
        # A TrueType font file chosen by the user for printed body text ("" = search the usual folders).
        SettingSpec("documents.font_file", "正文字体文件", "", FONTS, "file",
                    "TrueType 字体文件（.ttf/.ttc），如 C:\\Windows\\Fonts\\simfang.ttf；留空则自动查找。"),
        SettingSpec("documents.duplex_batches", "批量打印按双面排版", True, FONTS, "bool",
                    "一个旗区的申报表合并打印时，页数为奇数的表后加一空白页，使每份表都从纸张正面开始。"),
        _int("import.max_mb", "导入文件大小上限", 50, IMPORT, 1, 1024, " MB"),
        _int("import.max_rows", "导入行数上限", 100_000, IMPORT, 1, 1_000_000, " 行"),
        # Checked from the zip directory and a byte scan before a workbook is parsed (zip bombs).
        _int("import.max_uncompressed_mb", "导入文件解压后大小上限", 250, IMPORT, 1, 4096, " MB"),
        _int("import.max_cells", "导入工作表单元格数上限", 5_000_000, IMPORT, 1000, 50_000_000, " 个"),
        _int("attachments.max_mb", "附件大小上限", 50, IMPORT, 1, 1024, " MB"),
        SettingSpec("backup.folder", "备份文件夹", "", BACKUP, "folder",
                    "“立即备份”写入的文件夹；留空则用数据文件夹下的 backups。在数据文件夹以外（如 U 盘）的备份须设口令加密。"
                    "自动备份总是写在数据文件夹下的 backups。"),
        _int("backup.interval_hours", "自动备份间隔", 24, BACKUP, 0, 24 * 30, " 小时",
             "程序运行期间距上次自动备份超过这么久就再备份一次；0 表示只在退出时备份。"),
        _int("backup.keep_daily", "保留每日备份", 7, BACKUP, 0, 365, " 份", "自动备份保留最近几天的每日备份。"),
        _int("backup.keep_weekly", "保留每周备份", 8, BACKUP, 0, 520, " 份"),
        SettingSpec("backup.on_exit", "退出程序时自动备份", True, BACKUP, "bool"),
        _int("accounts.max_failures", "连续登录失败几次后锁定账号", 5, ACCOUNTS, 1, 100, " 次"),
        _int("accounts.lock_minutes", "账号锁定时长", 15, ACCOUNTS, 1, 24 * 60, " 分钟"),
        # The person who recommended an application may not decide it, nor the reporter acknowledge a report.
        SettingSpec("workflow.separate_duties", "不相容职务分离", True, ACCOUNTS, "bool",
                    "开启时，推荐申报的人不能审核决定同一份申报，上报案件的人不能签收同一案件。"),
        # Only a demo database has these logins (never passwords): the login screen offers them to try each role.
        SettingSpec("demo.logins", "演示账号", [], kind="json"),
    )
}  # fmt: skip


# The city's to decide: the rounds, the list and its publication. Every district works to them, so on a district
# bureau's installation its administrator reads them but does not change them (a round is set the same way).
CITY_KEYS = frozenset({
    "round.year", "round.deadline", "round.quota_min", "round.quota_max", "round.direct_entry", "list.target",
    "list.target_due", "listing.publicity_days", "list.review_years", "eligibility.min_invention_patents",
    "eligibility.min_registered_trademarks", "listing.objection_phone", "listing.objection_address",
})  # fmt: skip
CITY_ONLY = "轮次与名录的设置（{labels}）由市局管理员设定，本机只能查看"


def can_change(user: User | None, key: str | None = None) -> bool:
    """Whether `user` may change settings, or this one (the screens show them read-only to everyone else)."""
    if key in CITY_KEYS:
        return is_city_admin(user)
    return is_admin(user)


def _require_may_change(actor: User, keys) -> None:
    require_admin(actor)
    refused = [k for k in keys if not can_change(actor, k)]
    if refused:
        labels = "、".join(SPECS[k].label for k in refused)
        raise PermissionDenied(CITY_ONLY.format(labels=labels))


def specs_in(group: str) -> list[SettingSpec]:
    return [s for s in SPECS.values() if s.group == group]


def get(key: str):
    spec = SPECS[key]
    row = Setting.get_or_none(Setting.key == key)
    # A copy of a list or dict default: a caller that edits what it got must not change the declared default.
    return json.loads(row.value) if row else copy.deepcopy(spec.default)


def get_many(*keys: str) -> dict[str, object]:
    """Several settings in one statement (the dashboard reads a fixed number of statements)."""
    stored = {row.key: row.value for row in Setting.select().where(Setting.key.in_(keys))}
    return {k: json.loads(stored[k]) if k in stored else copy.deepcopy(SPECS[k].default) for k in keys}


def current_round_year(today: date | None = None) -> int:
    """The year of the round screens open on: the setting, or this calendar year when it is 0."""
    return get("round.year") or (today or date.today()).year


def parse(key: str, text: str):
    """A value for `key` read from text (the CLI), checked like any other; ValidationError names the setting."""
    spec = _spec(key)
    try:
        return kinds.check(spec, kinds.parse(spec, text))
    except kinds.SettingValueError as exc:
        raise kinds.error_for(spec, str(exc)) from None


def as_text(key: str, value=None) -> str:
    spec = _spec(key)
    return kinds.as_text(spec, get(key) if value is None else value)


def _spec(key: str) -> SettingSpec:
    spec = SPECS.get(key)
    if spec is None:
        raise ValidationError({key: f"未知设置项“{key}”"}, {})
    return spec


def _quota(values: Mapping[str, object]) -> str | None:
    if values["round.quota_min"] > values["round.quota_max"]:
        return (f"每旗区每轮推荐下限（{values['round.quota_min']}）不能大于"
                f"推荐上限（{values['round.quota_max']}）")  # fmt: skip
    return None


def _number_format(values: Mapping[str, object]) -> str | None:
    try:
        values["cases.number_format"].format(prefix="X", year=2026, sequence=1)
    except (KeyError, IndexError, ValueError) as exc:
        return f"案件编号格式只能使用 {{prefix}}、{{year}}、{{sequence}}（{exc}）"
    if "{sequence}" not in values["cases.number_format"]:
        return "案件编号格式必须含 {sequence}（序号），否则编号会重复"
    return None


# Rules between settings, each given every setting's value as it would be after the write: key → check.
CROSS_RULES: tuple[tuple[tuple[str, ...], Callable[[Mapping[str, object]], str | None]], ...] = (
    (("round.quota_min", "round.quota_max"), _quota),
    (("cases.number_format",), _number_format),
)


def validate(values: Mapping[str, object]) -> dict[str, object]:
    """The values checked by kind and by the rules between settings; ValidationError naming each bad setting."""
    errors, labels, checked = {}, {}, {}
    for key, value in values.items():
        spec = _spec(key)
        try:
            checked[key] = kinds.check(spec, value)
        except kinds.SettingValueError as exc:
            errors[key], labels[key] = str(exc), spec.label
    if not errors:
        after = {key: checked[key] if key in checked else get(key) for key in SPECS}
        for keys, rule in CROSS_RULES:
            message = rule(after) if set(keys) & checked.keys() else None
            if message:
                errors[keys[0]] = message
    if errors:
        raise ValidationError(errors, labels, prefix="设置有误")
    return checked


_AFTER_CHANGE: dict[str, list[Callable[[], object]]] = {}


def after_change(key: str, action: Callable[[], object]) -> None:
    """Run `action` after a change of `key` is stored: a domain that keeps values derived from a setting brings
    them up to date in the write that made them stale (cases: the stored clocks and the deadline rules)."""
    actions = _AFTER_CHANGE.setdefault(key, [])
    if action not in actions:
        actions.append(action)


def set_values(actor: User, values: Mapping[str, object]) -> list[str]:
    """Check and store several settings in one audited transaction; returns the keys whose value changed."""
    _require_may_change(actor, values)
    checked = validate(values)
    changed = []
    with database.atomic():
        for key, value in checked.items():
            if _store(actor, key, value):
                changed.append(key)
    for key in changed:
        for action in _AFTER_CHANGE.get(key, ()):
            action()
    return changed


def set_value(actor: User, key: str, value) -> None:
    set_values(actor, {key: value})


def _store(actor: User, key: str, value) -> bool:
    text = json.dumps(value, ensure_ascii=False)
    row = Setting.get_or_none(Setting.key == key)
    if row is not None and row.value == text:
        return False
    before = audit.snapshot(row)
    if row is None:
        row = Setting.create(key=key, value=text)
    else:
        row.value = text
        row.save()
    audit.record(actor, "setting.update", row, before, audit.snapshot(row))
    return True
