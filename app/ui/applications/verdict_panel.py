"""The live eligibility panel: the verdict and every criterion with a coloured status and its numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.services.applications.eligibility import MET, MISSING_EVIDENCE, NOT_MET, EligibilityResult

# status → (short text, text colour, background)
STATUS_LOOK = {
    MET: ("符合", "#1e6b2e", "#dff3e3"),
    MISSING_EVIDENCE: ("待补充证明材料", "#8a5300", "#fde9c4"),
    NOT_MET: ("不符合", "#666666", "#ececec"),
}


def chip_style(status: str) -> str:
    _text, colour, background = STATUS_LOOK[status]
    return (
        f"color: {colour}; background: {background}; border-radius: 3px; padding: 2px 6px; font-weight: bold;"
    )


def verdict_look(result: EligibilityResult) -> tuple[str, str]:
    """(short verdict, status whose colours it takes)."""
    if result.eligible:
        return "符合申报条件", MET
    if result.pending_evidence:
        return "待补充证明材料", MISSING_EVIDENCE
    return "不符合申报条件", NOT_MET


class VerdictPanel(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(300)
        title = QLabel("资格判定（随填写实时更新）")
        title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.chips: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(8)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.verdict)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        note = QLabel("符合任意一项即具备申报资格；每项条件须上传证明材料后才计为“符合”。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #777;")
        layout.addWidget(note)

    def show_result(self, result: EligibilityResult) -> None:
        for row, criterion in enumerate(result.criteria):
            if criterion.key not in self.chips:
                chip, name, detail = QLabel(), QLabel(criterion.label), QLabel()
                name.setWordWrap(True)
                detail.setWordWrap(True)
                detail.setStyleSheet("color: #555;")
                self.grid.addWidget(name, row * 2, 0, 1, 2)
                self.grid.addWidget(chip, row * 2 + 1, 0)
                self.grid.addWidget(detail, row * 2 + 1, 1)
                self.chips[criterion.key], self.details[criterion.key] = chip, detail
            chip = self.chips[criterion.key]
            chip.setText(STATUS_LOOK[criterion.status][0])
            chip.setStyleSheet(chip_style(criterion.status))
            self.details[criterion.key].setText(criterion.detail)
        short, status = verdict_look(result)
        basis = "、".join(c.label for c in result.criteria if c.met)
        self.verdict.setText(f"{short}\n依据：{basis}" if basis else short)
        self.verdict.setToolTip(result.verdict())
        self.verdict.setStyleSheet(chip_style(status) + " font-size: 11pt; padding: 6px;")
        self.status = status
