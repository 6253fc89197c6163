"""An honest page for an area that is not built yet: what it will do, and that it comes later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

# Area → one line about what it will do once built.
PLANNED = {
    "申报与审核": "企业提交入库申报材料，旗区局推荐，市局审核、退回或批准。",
    "重点企业名录": "按年度生成、公示和动态调整知识产权重点企业保护名录。",
    "联络走访": "记录联络员走访企业的情况、企业提出的问题及跟进事项。",
    "问卷调查": "设计问卷，向名录企业发放并汇总统计填报结果。",
    "活动培训": "登记送政策进企业、风险防范培训等活动及参加企业。",
    "纠纷案件": "登记并跟踪涉及名录企业的知识产权纠纷、行政裁决与假冒专利案件及办理时限。",
    "专家智库": "管理知识产权专家库，按专业领域检索并邀请专家参与疑难案件。",
}


class PlaceholderPage(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        what = QLabel(PLANNED.get(title, ""))
        what.setWordWrap(True)
        later = QLabel("本功能将在后续版本提供")
        later.setStyleSheet("color: #777; font-size: 12pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        for label in (heading, what, later):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(label)
        layout.addStretch(1)
