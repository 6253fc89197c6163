"""Peewee models of the register and the database they live in. No Qt here."""

from app.models import drivers  # noqa: F401 (first of all: peewee without psycopg, see app.models.drivers)
from app.models.accounts import User
from app.models.applications import Application, Round
from app.models.audit import AuditLog
from app.models.cases import (
    CalendarDay,
    Case,
    CaseClock,
    CaseClockBasis,
    CaseClockState,
    CaseEvent,
    CaseParty,
    CaseRight,
    CityReport,
)
from app.models.enterprises import Contact, Enterprise, Honor, IPHolding
from app.models.exchange import (
    ExchangeChange,
    ExchangeConflict,
    ExchangeKey,
    ExchangePeer,
    ExchangeState,
    ExchangeVersion,
)
from app.models.files import Attachment
from app.models.liaison import (
    Consultation,
    Event,
    EventAttendance,
    Expert,
    FollowUp,
    LiaisonAssignment,
    Visit,
)
from app.models.listing import ListEntry, Publication, Review
from app.models.plans import PlanProject, PlanTask, Responsibility, WorkPlan
from app.models.publicity import PublicityFeature, PublicityItem
from app.models.questionnaires import Question, Questionnaire, Response
from app.models.reference import District
from app.models.settings import Setting
from app.models.support import SupportEntry

# Creation order respects foreign keys.
ALL_MODELS = [
    District,
    User,
    Attachment,
    AuditLog,
    Setting,
    Enterprise,
    Contact,
    IPHolding,
    Honor,
    Round,
    Application,
    ListEntry,
    Review,
    Publication,
    LiaisonAssignment,
    Visit,
    FollowUp,
    Questionnaire,
    Question,
    Response,
    Event,
    EventAttendance,
    Expert,
    Consultation,
    Case,
    CaseParty,
    CaseRight,
    CaseEvent,
    CityReport,
    CalendarDay,
    CaseClockState,
    CaseClock,
    CaseClockBasis,
    Responsibility,
    WorkPlan,
    PlanProject,
    PlanTask,
    SupportEntry,
    PublicityItem,
    PublicityFeature,
    ExchangeKey,
    ExchangePeer,
    ExchangeChange,
    ExchangeVersion,
    ExchangeConflict,
    ExchangeState,
]
# Tables the program derives from the others (stored case clocks): rebuilt, never audited or exchanged.
DERIVED_MODELS = [CaseClockState, CaseClock, CaseClockBasis]

__all__ = [
    "CalendarDay",
    "Case",
    "CaseClock",
    "CaseClockBasis",
    "CaseClockState",
    "DERIVED_MODELS",
    "CaseEvent",
    "CaseParty",
    "CaseRight",
    "CityReport",
    "Consultation",
    "Event",
    "EventAttendance",
    "Expert",
    "FollowUp",
    "LiaisonAssignment",
    "Question",
    "Questionnaire",
    "Response",
    "Visit",
    "ALL_MODELS",
    "Application",
    "Attachment",
    "AuditLog",
    "Contact",
    "District",
    "Enterprise",
    "ExchangeChange",
    "ExchangeConflict",
    "ExchangeKey",
    "ExchangePeer",
    "ExchangeState",
    "ExchangeVersion",
    "Honor",
    "IPHolding",
    "ListEntry",
    "PlanProject",
    "PlanTask",
    "Responsibility",
    "WorkPlan",
    "PublicityFeature",
    "PublicityItem",
    "SupportEntry",
    "Publication",
    "Review",
    "Round",
    "Setting",
    "User",
]
