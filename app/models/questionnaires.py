"""Questionnaires (问卷调查): versioned designs, their questions, and enterprises' responses."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.models.accounts import User
from app.models.base import BaseModel
from app.models.enterprises import Enterprise
from app.models.liaison import Visit

QUESTION_TYPES = {
    "single": "单选",
    "multiple": "多选",
    "text": "文本",
    "number": "数字",
    "date": "日期",
    "rating": "评分（1–5）",
    "yes_no": "是/否",
}


class Questionnaire(BaseModel):
    """One version of a questionnaire; answering freezes it, and editing then makes the next version."""

    family = CharField(max_length=36, index=True)  # shared by every version of the same questionnaire
    version = IntegerField(default=1)
    title = CharField(max_length=200)
    description = TextField(default="")
    active = BooleanField(default=True)  # only the newest version is offered for new answers
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")

    class Meta:
        indexes = ((("family", "version"), True),)


class Question(BaseModel):
    questionnaire = ForeignKeyField(Questionnaire, backref="questions", on_delete="CASCADE")
    position = IntegerField()
    kind = CharField(max_length=10)
    text = TextField()
    required = BooleanField(default=False)
    options = TextField(default="[]")  # JSON list, for single and multiple choice
    unit = CharField(max_length=20, default="")
    min_value = CharField(max_length=30, default="")  # numbers as text: no float rounding in storage
    max_value = CharField(max_length=30, default="")


class Response(BaseModel):
    questionnaire = ForeignKeyField(Questionnaire, backref="responses", on_delete="RESTRICT")
    enterprise = ForeignKeyField(Enterprise, backref="responses", on_delete="RESTRICT")
    visit = ForeignKeyField(Visit, null=True, backref="responses", on_delete="SET NULL")
    status = CharField(max_length=10, default="draft")  # draft | complete
    answers = TextField(default="{}")  # JSON: question uuid → value
    completed_at = DateTimeField(null=True)
    entered_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")

    class Meta:
        indexes = ((("questionnaire", "enterprise"), True),)
