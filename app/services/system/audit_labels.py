"""What each audit action means, in the words of the bureau: one table for every screen and command."""

from __future__ import annotations

from app.services.cases import rules as case_rules

ACTIONS = {
    "enterprise.create": "新建企业",
    "enterprise.update": "修改基本信息",
    "enterprise.archive": "归档",
    "enterprise.restore": "取消归档",
    "contact.create": "添加联系人",
    "contact.update": "修改联系人",
    "contact.delete": "删除联系人",
    "holding.create": "录入知识产权数据",
    "holding.update": "修改知识产权数据",
    "honor.create": "添加荣誉称号",
    "honor.delete": "删除荣誉称号",
    "attachment.create": "添加附件",
    "attachment.link": "沿用附件",
    "application.create": "新建申报表",
    "application.update": "修改申报表",
    "application.refresh": "更新申报表企业信息",
    "application.submit": "提交申报表",
    "application.revise": "更正申报表（新版本）",
    "application.recommend": "旗区局推荐",
    "application.review": "开始审核",
    "application.approve": "批准纳入名录",
    "application.reject": "不予纳入",
    "application.return": "退回修改",
    "application.supersede": "被更正版本取代",
    "round.create": "新建申报年度",
    "round.update": "修改申报年度截止日或名额",
    "list.add": "纳入重点企业名录",
    "list.renewed": "复核保留",
    "list.suspended": "暂停",
    "list.removed": "移出名录",
    "list.publish": "公示名录",
    "liaison.assign": "指定联络人",
    "liaison.end": "联络人卸任",
    "visit.create": "登记走访",
    "followup.create": "新增跟进事项",
    "followup.update": "更新跟进事项",
    "event.create": "登记活动",
    "event.attend": "参加活动",
    "expert.create": "新增专家",
    "expert.update": "修改专家信息",
    "consultation.create": "专家咨询",
    "questionnaire.create": "新建问卷",
    "questionnaire.update": "修改问卷",
    "questionnaire.new_version": "问卷新版本",
    "questionnaire.activate": "启用问卷",
    "questionnaire.close": "停用问卷",
    "response.save": "填写问卷",
    "response.create": "新填问卷答卷",
    "response.delete": "删除问卷答卷",
    "case.create": "登记案件",
    "case.outcome": "登记案件结果",
    "case.important.clear": "取消重要案件标记",
    "case.report.acknowledge": "市局签收上报",
    "user.create": "新建账号",
    "user.activate": "启用账号",
    "user.deactivate": "停用账号",
    "user.password": "修改密码",
    "user.update": "修改账号",
    "user.reset_password": "重置密码",
    "user.login": "登录",
    "user.login_failed": "登录失败",
    "setting.update": "修改设置",
    "setting.delete": "删除设置",
    "calendar.set": "修改工作日历",
    "calendar.clear": "删除工作日历条目",
    "district.create": "添加旗区",
    "district.update": "更新旗区信息",
    "database.backup": "备份数据库",
    "database.restore": "恢复数据库",
    "database.backup.auto": "自动备份",
    "installation.configure": "设置本机所属单位",
    "database.trail_rolled_back": "发现审计日志被回退",
}


def action_label(action: str) -> str:
    if action.startswith("case.event."):
        kind = action.removeprefix("case.event.")
        return "案件进展：" + (case_rules.STATUS_LABELS.get(kind) or case_rules.EVENT_LABELS.get(kind, kind))
    return ACTIONS.get(action, action)


# The kinds of action a person filters the audit log by: a group name → the action prefixes it covers.
ACTION_GROUPS = {
    "企业信息": ("enterprise.", "contact.", "holding.", "honor.", "attachment."),
    "申报与审核": ("application.", "round."),
    "重点企业名录": ("list.",),
    "联络走访": ("liaison.", "visit.", "followup."),
    "活动与专家": ("event.", "expert.", "consultation."),
    "问卷调查": ("questionnaire.", "response."),
    "纠纷案件": ("case.",),
    "账号与系统": ("user.", "setting.", "calendar.", "district.", "database.", "installation."),
}

# What the record of an entry is, by the table its `entity` names.
ENTITY_LABELS = {
    "database": "数据库",
    "enterprise": "企业",
    "contact": "联系人",
    "ip_holding": "知识产权数据",
    "honor": "荣誉称号",
    "attachment": "附件",
    "application": "申报表",
    "round": "申报年度",
    "list_entry": "名录条目",
    "review": "审核意见",
    "publication": "公示记录",
    "liaison_assignment": "联络人",
    "visit": "走访",
    "follow_up": "跟进事项",
    "event": "活动",
    "event_attendance": "参加活动",
    "expert": "专家",
    "consultation": "专家咨询",
    "questionnaire": "问卷",
    "question": "问卷题目",
    "response": "问卷答卷",
    "case": "案件",
    "case_party": "案件当事人",
    "case_right": "涉案权利",
    "case_event": "案件进展",
    "city_report": "上报市局",
    "calendar_day": "工作日历",
    "user": "账号",
    "setting": "设置",
    "district": "旗区",
    "audit_log": "审计日志",
}


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)
