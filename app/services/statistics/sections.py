"""What the yearly report holds, declared once: its sections, their columns, and how each figure is meant.

The window, the workbook, the printed report and `stats --json` all read these tables, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.models.applications import APPLICATION_STATUSES
from app.models.publicity import CHANNELS
from app.models.support import SUPPORT_KINDS


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    columns: tuple[tuple[str, str], ...]  # (key, label), in display order
    city_row: bool = False  # work the city bureau does itself gets a 市局 row (city-wide views only)


SECTIONS = (
    Section("enterprises", "企业与名录", (
        ("register", "在库企业"), ("added", "本年新增入库"), ("on_list", "名录在册"), ("new", "本年新纳入"),
        ("renewed", "复核保留"), ("suspended", "复核暂停"), ("removed", "移出名录"),
    )),
    Section("applications", "年度申报（按状态）", (*APPLICATION_STATUSES.items(), ("total", "合计"))),
    Section("liaison", "联络走访、跟进事项与问卷调查", (
        ("visits", "走访次数"), ("enterprises_visited", "走访企业"), ("followups_opened", "新增事项"),
        ("followups_closed", "办结事项"), ("followups_overdue", "逾期未办"), ("responses", "完成问卷"),
    )),
    Section("events", "活动培训与专家咨询", (
        ("events", "举办活动"), ("head_count", "参加人数"), ("enterprises", "参加企业"),
        ("attendees", "企业参加人次"), ("consultations", "专家咨询"),
    ), city_row=True),
    Section("cases", "纠纷案件", (
        ("received", "受理"), ("closed", "已结案"), ("open", "在办"), ("important", "重大案件"),
        ("mean_days", "平均办结天数"), ("median_days", "办结天数中位数"),
    ), city_row=True),
    Section("support", "政策项目资金扶持", (
        *SUPPORT_KINDS.items(), ("enterprises", "扶持企业"), ("amount", "扶持金额（元）"),
    )),
    Section("publicity", "宣传报道（按渠道）", (
        *CHANNELS.items(), ("total", "合计"), ("enterprises", "报道企业"),
    ), city_row=True),
)  # fmt: skip

# Figures that are not counts: a total row recomputes them instead of adding up the districts.
AVERAGES = frozenset({"mean_days", "median_days"})
# Figures in yuan (Decimal, to the fen): shown with thousands separators, written to Excel as numbers.
MONEY = frozenset({"amount"})
MONEY_FORMAT = "#,##0.00"

BREAKDOWNS = (
    ("case_types", "案件类型"),
    ("case_channels", "处理渠道"),
    ("case_outcomes", "结案方式"),
    ("questionnaire_titles", "完成问卷（按问卷）"),
)

NOTES = (
    "在库企业：截至年末（本年度截至统计日）未归档的企业；本年新增入库按登记入库时间统计。",
    "名录在册：年末前纳入且目前仍在册（含复核保留）的企业；复核保留、暂停、移出按复核决定日期统计。",
    "年度申报：该年度申报轮次中各申报表的当前状态（更正前的版本不计）。",
    "逾期未办：截至年末（本年度截至统计日）已过办理期限而尚未办结的跟进事项。",
    "活动场次和参加人数按组织单位统计，参加企业和人次按企业所属旗区统计；专家咨询按所涉企业所属旗区统计。",
    "完成问卷：当年填报完成的问卷答卷，按企业所属旗区统计。",
    "纠纷案件按受理年度统计，办结天数为受理至结案的自然日数。",
    "扶持情况按扶持日期所在年度、企业所属旗区统计；政策、项目、资金、服务为登记条数，扶持金额为各条所填金额之和。",
    "宣传报道按发布日期所在年度、报送单位统计；报道企业为报道中提及的不同企业数，合计行为各单位之和。",
)

CITY_CODE, CITY_NAME, TOTAL_NAME = "city", "市局", "合计"


def figure_text(key: str, value) -> str:
    """A figure as the page, the report and the command line show it: — for none, yuan with separators."""
    if value is None:
        return "—"
    return f"{value:,.2f}" if key in MONEY else str(value)


def chinese_date(day: date) -> str:
    """2026年12月3日, as dates are written in the bureau's documents."""
    return f"{day.year}年{day.month}月{day.day}日"
