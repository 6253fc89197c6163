"""Rows the column check of the screen harness needs beyond the demo activity, so that every declared list is
really read: visits the administrator recorded (走访记录 shows the user's own work first), a publication
(公示记录), and an event, an expert and a consultation with long, realistic texts, and the 责任分工 of the district the
工作方案 page opens at."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from app.models import User
from app.services.core import reference
from app.services.liaison import events as outreach
from app.services.liaison import experts, visits
from app.services.listing import entries as protection_list
from app.services.listing import publication
from app.services.plans import responsibilities
from app.services.plans.responsibilities import Duty


def add_screen_rows(admin: User, folder: Path, today: date | None = None) -> None:
    today = today or date.today()
    listed = protection_list.entries(admin)
    for n, entry in enumerate(listed[:3]):
        visits.record_visit(admin, entry.enterprise_id, {
            "visited_on": today - timedelta(days=5 + n), "kind": "routine", "officers": admin.display_name,
            "people_met": "知识产权专员", "topics": "了解企业专利布局和商标使用情况，宣讲知识产权保护政策",
        })  # fmt: skip
    publication.publish(admin, folder / "名录公示.xlsx")
    outreach.record_event(admin, {"kind": "management_guidance", "held_on": today - timedelta(days=3),
                                  "place": "鄂尔多斯高新技术产业开发区管委会", "organiser": "市局知识产权保护科",
                                  "topic": "企业知识产权管理规范（GB/T 29490）贯标辅导", "head_count": 26},
                          {e.enterprise_id: 1 for e in listed[:2]})  # fmt: skip
    expert = experts.save_expert(admin, {"name": "欧阳晓明", "field": "trademark",
                                         "organisation": "内蒙古自治区知识产权保护中心", "title": "高级知识产权师"})
    experts.record_consultation(admin, expert.id, "商标近似判断与维权路径", enterprise_id=listed[0].enterprise_id,
                                consulted_on=today)  # fmt: skip
    first = reference.districts()[0]  # the page's first district for a city user
    responsibilities.set_duties(admin, first.code, today.year, [
        Duty("leader", "王建国", "副局长", "0477-8581234", "分管知识产权重点企业保护工作"),
        Duty("officer", "欧阳晓明", "知识产权保护科科长", "13847712345", "专人联络重点企业，双向联系"),
    ])  # fmt: skip
