"""Publicity items: recorded, corrected and removed by the bureau that made the report known (a district, or the
city when none is named), with the enterprises featured; yearly counts per channel and district.

District staff see and write their own district's items and see the city's; city staff see and write all. The
enterprises featured must be ones the actor can see; each one featured is audited under that enterprise, so the
report shows in the enterprise's history.
"""

from __future__ import annotations

import re
from datetime import date

from peewee import JOIN, fn

from app.models import Attachment, District, Enterprise, PublicityFeature, PublicityItem, User
from app.models.db import database
from app.models.publicity import CHANNELS
from app.services.core import attachments, audit, dates, reference, validation
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import (
    can_work_in,
    require_active,
    require_district_work,
    visible_district_ids,
)
from app.services.enterprises import register as enterprises

LABELS = {"channel": "渠道", "outlet": "媒体名称", "title": "标题", "published_on": "发布日期", "link": "链接",
          "district": "报送旗区", "note": "备注", "enterprises": "报道企业"}  # fmt: skip
LENGTHS = {"outlet": 100, "title": 300, "link": 1000}
REFUSAL = "只能登记本旗区的宣传报道"
LINK = re.compile(r"https?://\S+", re.IGNORECASE)
CITY_NAME = "市局"


def channel_of(text) -> str | None:
    """'wechat' or its label 微信 → 'wechat'; None when it is neither."""
    text = str(text or "").strip()
    return next((k for k, label in CHANNELS.items() if text.lower() in (k, label)), None)


def _district(raw, errors: dict) -> District | None:
    if raw in (None, "", CITY_NAME):
        return None
    if isinstance(raw, District):
        return raw
    found = reference.match_district(str(raw))
    if found is None:
        errors["district"] = f"未知旗区“{raw}”"
    return found


def clean(data: dict) -> dict:
    """The item's own fields from what was typed, or ValidationError naming each bad field."""
    errors, values = {}, {}
    values["channel"] = channel_of(data.get("channel"))
    if values["channel"] is None:
        errors["channel"] = f"应为{'、'.join(CHANNELS.values())}之一"
    values["published_on"] = dates.HAPPENED.required(data.get("published_on"), errors, "published_on")
    for key in ("outlet", "title", "link", "note"):
        values[key] = str(data.get(key) or "").strip()
    for key, limit in LENGTHS.items():
        if len(values[key]) > limit:
            errors[key] = f"不超过 {limit} 字"
    for key in ("outlet", "title"):
        if not values[key]:
            errors[key] = "必填"
    if values["link"] and not LINK.fullmatch(values["link"]):
        errors["link"] = "应以 http:// 或 https:// 开头，且不含空格"
    errors.update(validation.text_errors({k: values[k] for k in ("outlet", "title", "link", "note")},
                                         multiline={"note"}))  # fmt: skip
    values["district"] = _district(data.get("district"), errors)
    if errors:
        raise ValidationError(errors, LABELS)
    return values


def _featured(actor: User, enterprise_ids) -> list[Enterprise]:
    """The enterprises named, each once, in the order given; one the actor cannot see is NotFound."""
    return [enterprises.get(actor, i) for i in dict.fromkeys(int(i) for i in enterprise_ids or ())]


def record_item(actor: User, data: dict, enterprise_ids=()) -> PublicityItem:
    values = clean(data)
    require_district_work(actor, values["district"], REFUSAL)
    featured = _featured(actor, enterprise_ids)
    with database.atomic():
        item = PublicityItem.create(recorded_by=actor, **values)
        audit.record(actor, "publicity.create", item, None, audit.snapshot(item))
        _add_features(actor, item, featured)
    return item


def _add_features(actor: User, item: PublicityItem, featured: list[Enterprise]) -> None:
    for enterprise in featured:
        row = PublicityFeature.create(item=item, enterprise=enterprise)
        audit.record(actor, "publicity.feature", row, None, audit.snapshot(row), subject=enterprise)


def update_item(actor: User, item_id: int, data: dict, enterprise_ids=None) -> PublicityItem:
    """Correct an item (keys not given keep their value); `enterprise_ids`, when given, replaces those featured."""
    item = get_item(actor, item_id)
    require_district_work(actor, item.district_id, REFUSAL)
    values = clean(item_values(item) | data)
    require_district_work(actor, values["district"], REFUSAL)
    featured = None if enterprise_ids is None else _featured(actor, enterprise_ids)
    with database.atomic():
        before = audit.snapshot(item)
        for key, value in values.items():
            setattr(item, key, value)
        item.save()
        audit.record(actor, "publicity.update", item, before, audit.snapshot(item))
        if featured is not None:
            kept = {f.enterprise_id: f for f in item.features}
            for enterprise_id, row in kept.items():
                if enterprise_id not in {e.id for e in featured}:
                    audit.record(actor, "publicity.unfeature", row, audit.snapshot(row), None,
                                 subject=row.enterprise)  # fmt: skip
                    row.delete_instance()
            _add_features(actor, item, [e for e in featured if e.id not in kept])
    return item


def delete_item(actor: User, item_id: int) -> None:
    item = get_item(actor, item_id)
    require_district_work(actor, item.district_id, REFUSAL)
    with database.atomic():
        for row in item.features:
            audit.record(actor, "publicity.unfeature", row, audit.snapshot(row), None, subject=row.enterprise)
            row.delete_instance()
        audit.record(actor, "publicity.delete", item, audit.snapshot(item), None)
        item.delete_instance()


def item_values(item: PublicityItem) -> dict:
    return {"channel": item.channel, "published_on": item.published_on, "outlet": item.outlet,
            "title": item.title, "link": item.link, "note": item.note, "district": item.district}  # fmt: skip


def _visible(query, actor: User):
    allowed = visible_district_ids(actor)
    if allowed is None:
        return query
    return query.where(PublicityItem.district.is_null() | PublicityItem.district.in_(list(allowed)))


def get_item(actor: User, item_id: int) -> PublicityItem:
    """An item the actor sees; any other is "not found", as if it did not exist."""
    require_active(actor)
    item = _visible(PublicityItem.select(), actor).where(PublicityItem.id == item_id).first()
    if item is None:
        raise NotFound(f"没有编号为 {item_id} 的宣传报道")
    return item


def _year(year: int):
    return PublicityItem.published_on.between(date(year, 1, 1), date(year, 12, 31))


def items(actor: User, year: int | None = None, channel: str | None = None) -> list[PublicityItem]:
    """The items the actor sees, newest first."""
    require_active(actor)
    query = _visible(PublicityItem.select(PublicityItem, District).join(District, JOIN.LEFT_OUTER), actor)
    if year:
        query = query.where(_year(int(year)))
    if channel:
        key = channel_of(channel)
        if key is None:
            raise ValidationError({"channel": f"应为{'、'.join(CHANNELS.values())}之一"}, LABELS)
        query = query.where(PublicityItem.channel == key)
    return list(query.order_by(PublicityItem.published_on.desc(), PublicityItem.id.desc()))


def featured_in(item: PublicityItem) -> list[Enterprise]:
    return [row.enterprise for row in item.features.order_by(PublicityFeature.id)]


def featuring(actor: User, enterprise_id: int) -> list[PublicityItem]:
    """The items that featured an enterprise, newest first."""
    enterprise = enterprises.get(actor, enterprise_id)
    return list(PublicityItem.select().join(PublicityFeature).where(PublicityFeature.enterprise == enterprise)
                .order_by(PublicityItem.published_on.desc()))  # fmt: skip


def may_write(actor: User, item: PublicityItem) -> bool:
    return can_work_in(actor, item.district_id)


def attach_material(actor: User, item_id: int, path) -> Attachment:
    """A clipping, a screenshot or the video file of a report."""
    item = get_item(actor, item_id)
    require_district_work(actor, item.district_id, REFUSAL)
    return attachments.attach(actor, path, item, "publicity_material")


def materials(actor: User, item_id: int) -> list[Attachment]:
    return attachments.attachments_of(get_item(actor, item_id))


def year_counts(actor: User, year: int) -> dict[int | None, dict[str, int]]:
    """District id (None: the city) → items per channel, their total and the distinct enterprises featured,
    for the items published in `year` that the actor sees (grouped in SQL)."""
    require_active(actor)
    counts: dict[int | None, dict[str, int]] = {}
    per_channel = _visible(PublicityItem.select(PublicityItem.district, PublicityItem.channel,
                                                fn.COUNT(PublicityItem.id)), actor)  # fmt: skip
    for district, channel, n in per_channel.where(_year(year)).group_by(PublicityItem.district,
                                                                         PublicityItem.channel).tuples():  # fmt: skip
        figures = counts.setdefault(district, {"total": 0})
        figures[channel] = n
        figures["total"] += n
    firms = _visible(PublicityFeature.select(PublicityItem.district, fn.COUNT(PublicityFeature.enterprise.distinct()))
                     .join(PublicityItem), actor)  # fmt: skip
    for district, n in firms.where(_year(year)).group_by(PublicityItem.district).tuples():
        counts.setdefault(district, {"total": 0})["enterprises"] = n
    return counts


def item_dict(item: PublicityItem) -> dict:
    return {"id": item.id, "uuid": item.uuid, "district": item.district.name if item.district_id else CITY_NAME,
            "channel": item.channel, "channel_label": CHANNELS[item.channel], "outlet": item.outlet,
            "title": item.title, "published_on": item.published_on.isoformat(), "link": item.link,
            "note": item.note,
            "enterprises": [{"id": e.id, "name": e.name, "uscc": e.uscc} for e in featured_in(item)]}  # fmt: skip
