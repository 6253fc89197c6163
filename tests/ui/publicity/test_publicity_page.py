"""宣传报道 page: a district officer registers a WeChat article featuring two enterprises, corrects it, adds a
screenshot; the city's items show beside the district's; the counts per channel and bureau follow; a viewer
reads only."""

from datetime import date

from PySide6.QtWidgets import QMessageBox

from app.models import Enterprise, PublicityItem
from app.services.publicity import items as publicity
from app.ui.publicity.page import PublicityPage

YEAR = date.today().year


def _enterprises(code: str) -> list[Enterprise]:
    district = Enterprise.district.rel_model
    return list(Enterprise.select().join(district).where(district.code == code).order_by(Enterprise.id))


def _page(qtbot, session_for, login):
    page = PublicityPage(session_for(login))
    qtbot.addWidget(page)
    return page


def test_an_item_is_registered_corrected_and_counted(qtbot, session_for, demo_users, monkeypatch, tmp_path):
    ours = _enterprises("150602")
    publicity.record_item(demo_users["admin"], {"channel": "newspaper", "outlet": "鄂尔多斯日报", "title": "名录发布",
                                                "published_on": date(YEAR, 1, 5)}, [ours[0].id])  # fmt: skip
    publicity.record_item(demo_users["dalate"], {"channel": "tv", "outlet": "达拉特旗电视台", "title": "专访",
                                                 "published_on": date(YEAR, 1, 6), "district": "150621"})  # fmt: skip
    page = _page(qtbot, session_for, "dongsheng")
    assert page.table.rowCount() == 1 and page.table.item(0, 4).text() == "市局"  # not 达拉特旗's

    dialog = page.new_item()
    assert dialog.district.currentText() == "东胜区"
    dialog.channel.setCurrentIndex(dialog.channel.findData("wechat"))
    dialog.published_on.edit.setText(date(YEAR, 1, 8).isoformat())
    dialog.outlet.setText("东胜市场监管")
    dialog.link.setText("mp.weixin.qq.com/s/abc")
    assert dialog.save() is False
    assert dialog.errors["title"].text() == "必填" and "http" in dialog.errors["link"].text()
    dialog.title.setText("护航重点企业 东胜区走访纪实")
    dialog.link.setText("https://mp.weixin.qq.com/s/abc")
    dialog.add_enterprise(ours[0].id)
    dialog.add_enterprise(ours[1].id)
    dialog.add_enterprise(ours[0].id)  # once only
    assert dialog.featured.rowCount() == 2
    assert dialog.save() is True
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert page.table.item(0, 1).text() == "微信" and page.table.item(0, 5).text() == f"{ours[0].name}、{ours[1].name}"

    page.table.selectRow(0)
    assert page.buttons["修改…"].isEnabled() and "https://mp.weixin.qq.com/s/abc" in page.link.text()
    clipping = tmp_path / "剪报.pdf"
    clipping.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert page.materials.add(str(clipping)) and page.materials.table.rowCount() == 1
    dialog = page.edit_item()
    assert dialog.title.text() == "护航重点企业 东胜区走访纪实" and dialog.featured.rowCount() == 2
    dialog.featured.selectRow(1)
    dialog.remove_selected()
    assert dialog.save() is True
    qtbot.waitUntil(lambda: page.table.item(0, 5).text() == ours[0].name)

    page.table.selectRow(1)  # the city's item: readable, not writable by the district
    assert not page.buttons["修改…"].isEnabled() and page.edit_item() is None

    page.tabs.setCurrentIndex(1)
    counts = {page.counts.item(r, 0).text(): [page.counts.item(r, c).text() for c in range(1, 10)]
              for r in range(page.counts.rowCount())}  # fmt: skip
    # 电视 广播 报纸 网站 微博 微信 其他 合计 报道企业
    assert counts == {"东胜区": ["0", "0", "0", "0", "0", "1", "0", "1", "1"],
                      "市局": ["0", "0", "1", "0", "0", "0", "0", "1", "1"],
                      "合计": ["0", "0", "1", "0", "0", "1", "0", "2", "2"]}  # fmt: skip

    page.channel.setCurrentIndex(page.channel.findData("wechat"))
    assert page.table.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.table.selectRow(0)
    page.delete_item()
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    assert PublicityItem.select().count() == 2


def test_a_viewer_reads_only(qtbot, session_for, demo_users):
    publicity.record_item(demo_users["dongsheng"], {"channel": "radio", "outlet": "东胜广播", "title": "访谈",
                                                    "published_on": date(YEAR, 1, 5), "district": "150602"})  # fmt: skip
    page = _page(qtbot, session_for, "chakan")
    assert page.table.rowCount() == 1 and not page.buttons["登记报道…"].isEnabled()
    page.table.selectRow(0)
    assert not page.buttons["修改…"].isEnabled() and not page.materials.add_button.isEnabled()
