"""The plan editor: a district officer makes a plan with projects and tasks, ticks a task done, names a visit as
the evidence of another; progress bars and the side-by-side district table follow; duties saved and printed."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from app.models import PlanTask
from app.services.liaison import visits
from app.services.plans import responsibilities
from app.ui.plans.page import PlansPage
from tests.helpers.liaison_ui import enterprise_in


def _task_items(page):
    return [page.tree.topLevelItem(i).child(j) for i in range(page.tree.topLevelItemCount())
            for j in range(page.tree.topLevelItem(i).childCount())]  # fmt: skip


def test_a_plan_is_built_ticked_and_rolled_up(qtbot, session_for, demo_users, tmp_path):
    officer = demo_users["dongsheng"]
    page = PlansPage(session_for("dongsheng"))
    qtbot.addWidget(page)
    assert page.district.count() == 1 and page.district.currentText() == "东胜区"
    assert page.buttons["新建方案…"].isEnabled() and not page.buttons["添加项目…"].isEnabled()
    dialog = page.new_plan()
    dialog.widgets["title"].clear()
    assert dialog.save() is False and dialog.errors["title"].text() == "必填"
    dialog.widgets["title"].setText("东胜区工作实施方案")
    dialog.widgets["goal_visits"].setValue(20)
    assert dialog.save() is True and page.plan is not None and page.plan.goal_visits == 20
    for title in ("走访全覆盖", "风险防范培训"):
        project = page.add_project()
        project.widgets["title"].setText(title)
        assert project.save()
    overdue = (date.today() - timedelta(days=10)).isoformat()
    for index, title, due in ((0, "走访甲企业", ""), (0, "建立问题清单", overdue), (1, "上半年培训", "")):
        page.tree.setCurrentItem(page.tree.topLevelItem(index))
        task = page.add_task()
        task.widgets["title"].setText(title)
        task.widgets["owner"].setText("王磊")
        task.widgets["due_on"].edit.setText(due)
        assert task.save(), task.message.text()
    items = _task_items(page)
    assert [i.text(0) for i in items] == ["走访甲企业", "建立问题清单", "上半年培训"]
    assert items[1].text(3) == "未开始（逾期）"

    items[2].setCheckState(0, Qt.CheckState.Checked)  # ticked: done today
    qtbot.waitUntil(lambda: PlanTask.get(PlanTask.title == "上半年培训").status == "done")
    qtbot.waitUntil(lambda: _task_items(page)[2].checkState(0) == Qt.CheckState.Checked)
    visit = visits.record_visit(officer, enterprise_in(officer, index=0), {"visited_on": date.today(), "notes": "走访"})
    page.tree.setCurrentItem(_task_items(page)[0])
    evidence = page.finish_with_evidence()
    evidence.widgets["evidence"].setValue(visit.id)
    assert evidence.save()
    items = _task_items(page)
    assert items[0].checkState(0) == Qt.CheckState.Checked and items[0].text(4) == f"走访 #{visit.id}"
    assert page.plan_bar.value() == 2 and "2/3" in page.plan_bar.format() and "逾期 1 项" in page.plan_bar.format()
    first_project_bar = page.tree.itemWidget(page.tree.topLevelItem(0), 5)
    assert (first_project_bar.value(), first_project_bar.maximum()) == (1, 2)
    assert page.districts.item(0, 0).text() == "东胜区" and page.districts.item(0, 2).text() == "2/3"

    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.grab().save(str(tmp_path / "plan_editor.png"))


def test_the_city_sees_every_district_and_a_viewer_writes_nothing(qtbot, session_for):
    city = PlansPage(session_for("admin"))
    qtbot.addWidget(city)
    assert city.district.count() >= 9 and city.districts.rowCount() == city.district.count() + 1
    viewer = PlansPage(session_for("chakan"))
    qtbot.addWidget(viewer)
    assert not viewer.buttons["新建方案…"].isEnabled() and not viewer.duties.save_button.isEnabled()


def test_duties_are_saved_from_the_table(qtbot, session_for, demo_users):
    page = PlansPage(session_for("dongsheng"))
    qtbot.addWidget(page)
    panel = page.duties
    panel.add_row("officer", "王磊", "股长", "", "联络 4 家企业")
    assert panel.save() is False and "分管领导" in panel.message.text()
    panel.add_row("leader", "高建国", "副局长", "0477-8160001", "第一责任人")
    assert panel.save() is True
    rows = responsibilities.duties_of(demo_users["dongsheng"], "东胜区", page.year.value())
    assert [(r.role, r.name) for r in rows] == [("officer", "王磊"), ("leader", "高建国")]
    assert panel.table.rowCount() == 2  # reloaded from the register after the save
