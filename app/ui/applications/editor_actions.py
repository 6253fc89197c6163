"""What the editor's buttons do: save, submit, correct, retake section A, preview, attach scans and evidence.

A mixin of ApplicationEditor, kept apart so each module stays short; it uses the editor's widgets and its
`_report_problems`, `_show_errors`, `_say`, `load`, `load_files` and `update_verdict`.
"""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from app.services.applications import forms as applications
from app.services.applications import ip_contact
from app.services.applications import printing as application_print
from app.services.applications.form_data import validate
from app.services.core.errors import ConcurrentEdit, DomainError, ValidationError
from app.ui.pdf_preview import PdfPreviewDialog, preview_pdf
from app.ui.widgets import confirm, show_error

SCAN_FILTER = "PDF 或图片 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;所有文件 (*)"
EVIDENCE_FILTER = "证明材料 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.doc *.docx *.ofd);;所有文件 (*)"


class EditorActions:
    def save(self) -> bool:
        if not self.editable:
            return False
        form = self.current_form()
        problems = validate(form, for_submission=False)
        if problems:
            self._report_problems(problems, "未保存")
            return False
        try:
            result = self.session.perform(
                applications.save_form,
                self.session.user,
                self.application_id,
                form,
                expected_version=self.application.row_version,
            )
        except ValidationError as exc:
            self._report_problems(exc.errors, "未保存")
            return False
        except ConcurrentEdit as exc:
            if confirm(self, "保存失败", f"{exc}\n\n现在重新载入吗？（您未保存的修改将被放弃）"):
                self.load()
                self._say("已重新载入他人保存的内容。")
            return False
        except DomainError as exc:
            show_error(self, exc, "保存失败")
            return False
        self.application = applications.get(self.session.user, self.application_id)
        self.show_snapshot()  # the 知识产权联系人 as the register now holds it
        self.dirty = False
        self._title()
        self._show_errors(validate(form, for_submission=self.check_submission))
        self.verdict.show_result(result)
        self._say(f"已保存（{str(self.application.updated_at)[11:16]}）。")
        return True

    def submit(self) -> bool:
        if not self.editable or (self.dirty and not self.save()):
            return False
        problems = validate(self.current_form(), for_submission=True)
        if problems:
            self.check_submission = True
            self._report_problems(problems, "不能提交")
            return False
        if not confirm(
            self,
            "提交申报表",
            "提交后申报表将不能再修改，如需更正须生成新版本。\n\n确定提交吗？",
        ):
            return False
        try:
            self.session.perform(applications.submit, self.session.user, self.application_id)
        except ValidationError as exc:
            self.check_submission = True
            self._report_problems(exc.errors, "不能提交")
            return False
        except DomainError as exc:
            show_error(self, exc, "提交失败")
            return False
        self.load()
        self._say("已提交。请打印申报表、盖章后用“添加盖章扫描件…”上传扫描件。")
        return True

    def revise(self) -> bool:
        if not confirm(
            self,
            "更正申报表",
            "将以当前已提交的内容生成一份新版本草稿供修改，原版本保留在版本记录中。\n\n确定生成新版本吗？",
        ):
            return False
        try:
            new = self.session.perform(applications.revise, self.session.user, self.application_id)
        except DomainError as exc:
            show_error(self, exc, "更正失败")
            return False
        self.application_id = new.id
        self.load()
        self._say(f"已生成第 {new.revision} 版草稿，修改后请重新提交。")
        return True

    def show_snapshot(self) -> None:
        """Section A as stored in the draft (what the register held when it was taken or saved)."""
        stored = applications.form_of(self.application)
        self.snapshot = stored.snapshot
        self._loading = True
        try:
            self.sections["A"].load(stored)
        finally:
            self._loading = False

    def refresh_snapshot(self) -> None:
        """从企业信息更新: retake section A from the register. A 知识产权联系人 typed but not saved yet is kept
        in its fields (保存 then stores it, in the register too), never replaced by the register's."""
        if not self.editable:
            return
        section = self.sections["A"]
        typed = section.typed_contact()
        keep = ip_contact.differs(typed, self.snapshot.get("contact"))
        clean = not self.is_dirty()
        try:
            refreshed = self.session.perform(
                applications.refresh_snapshot, self.session.user, self.application_id
            )
        except DomainError as exc:
            show_error(self, exc, "更新失败")
            return
        self.application = refreshed
        self.show_snapshot()
        if keep:
            section.show_contact(typed)
        elif clean:
            self.mark_clean()  # the retaken section A is what is stored now
        form = self.current_form()
        self._show_errors(validate(form, for_submission=self.check_submission))
        self.update_verdict(form)
        said = "已按企业名录库中的最新信息更新基本情况。"
        if keep:
            said += f"您填写的{ip_contact.WORD}尚未保存，已保留；保存时一并更新到企业名录库。"
        self._say(said)

    def preview(self) -> PdfPreviewDialog | None:
        if self.dirty and not self.save():
            return None
        buffer = io.BytesIO()
        try:
            report = application_print.print_application(self.session.user, self.application_id, buffer)
        except DomainError as exc:
            show_error(self, exc, "无法生成申报表")
            return None
        a = self.application
        name = f"申报表_{a.enterprise.name}_{a.round.year}_第{a.revision}版.pdf"
        return preview_pdf(
            self, buffer.getvalue(), f"{a.enterprise.name} {a.round.year} 年度申报表", name, report.warnings
        )

    def _choose_file(self, title: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), filters)
        return path

    def attach_scan(self) -> bool:
        path = self._choose_file("选择盖章扫描件", SCAN_FILTER)
        if not path:
            return False
        try:
            self.session.perform(
                applications.attach, self.session.user, self.application_id, path, applications.SCAN
            )
        except DomainError as exc:
            show_error(self, exc, "上传失败")
            return False
        self.load_files()
        self._say(f"已上传盖章扫描件“{Path(path).name}”。")
        return True

    def add_evidence(self, criterion: str) -> bool:
        path = self._choose_file("选择证明材料", EVIDENCE_FILTER)
        if not path:
            return False
        try:
            self.session.perform(
                applications.attach,
                self.session.user,
                self.application_id,
                path,
                applications.EVIDENCE,
                criterion,
            )
        except DomainError as exc:
            show_error(self, exc, "上传失败")
            return False
        self.load_files()
        self.update_verdict()
        self._say(f"已上传证明材料“{Path(path).name}”。")
        return True
