"""Migration steps v2…v11 as frozen SQL: the schema exactly as each version created it.

Never edit a step, and never build one from the model classes: models change, history does not. A change
to the schema is a new step (with its version) and the same change in the model, and the test comparing a
migrated database with a fresh one proves the two agree. Each step runs inside the migration runner's
transaction with foreign keys off (app.models.migrations), so `rebuild_table` is safe here.
"""

from __future__ import annotations

from app.models.audit import CHAIN_COLUMNS, GENESIS, chain_hash
from app.models.db import database, rebuild_table
from app.text import name_key

# v2: enterprise with the folded name column `name_key` after `name` (NOT NULL, so the table is rebuilt).
V2_ENTERPRISE = (
    'CREATE TABLE "enterprise" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
    '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
    '"row_version" INTEGER NOT NULL, "uscc" VARCHAR(18) NOT NULL, "name" VARCHAR(200) NOT NULL, '
    '"name_key" VARCHAR(200) NOT NULL, "kind" VARCHAR(20) NOT NULL, '
    '"district_id" INTEGER NOT NULL, "registered_address" VARCHAR(300) NOT NULL, '
    '"operating_address" VARCHAR(300) NOT NULL, "legal_representative" VARCHAR(50) NOT NULL, '
    '"founded_on" DATE, "registered_capital" DECIMAL(16, 2), '
    '"industry_section" VARCHAR(1) NOT NULL, "industry_division" VARCHAR(2) NOT NULL, '
    '"size" VARCHAR(10) NOT NULL, "main_products" TEXT NOT NULL, "revenue" DECIMAL(16, 2), '
    '"rd_spend" DECIMAL(16, 2), "archived" INTEGER NOT NULL, '
    'FOREIGN KEY ("district_id") REFERENCES "district" ("id") ON DELETE RESTRICT)'
)
V2_ENTERPRISE_COPY = (
    'SELECT "id", "uuid", "created_at", "updated_at", "row_version", "uscc", "name", \'\', "kind", '
    '"district_id", "registered_address", "operating_address", "legal_representative", "founded_on", '
    '"registered_capital", "industry_section", "industry_division", "size", "main_products", "revenue", '
    '"rd_spend", "archived" FROM "enterprise"'
)
V2_INDEXES = ('CREATE INDEX "enterprise_name_key" ON "enterprise" ("name_key")',)

# v4: the year an enterprise applied to the regional list; nullable, so a plain ADD COLUMN.
V4 = ('ALTER TABLE "enterprise" ADD COLUMN "applied_regional_year" INTEGER',)

# v3, v5, v6, v7: new tables with their indexes, in an order that respects foreign keys.
V3 = (
    (
        'CREATE TABLE "round" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "year" INTEGER NOT NULL, "deadline" DATE NOT NULL, '
        '"quota_min" INTEGER NOT NULL, "quota_max" INTEGER NOT NULL, "note" TEXT NOT NULL)'
    ),
    'CREATE UNIQUE INDEX "round_uuid" ON "round" ("uuid")',
    'CREATE UNIQUE INDEX "round_year" ON "round" ("year")',
    (
        'CREATE TABLE "application" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "enterprise_id" INTEGER NOT NULL, '
        '"round_id" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "previous_id" INTEGER, '
        '"superseded" INTEGER NOT NULL, "source" VARCHAR(20) NOT NULL, '
        '"status" VARCHAR(20) NOT NULL, "form" TEXT NOT NULL, "created_by_id" INTEGER, '
        '"submitted_at" DATETIME, "submitted_by_id" INTEGER, '
        'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("round_id") REFERENCES "round" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("previous_id") REFERENCES "application" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("created_by_id") REFERENCES "user" ("id") ON DELETE SET NULL, '
        'FOREIGN KEY ("submitted_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "application_uuid" ON "application" ("uuid")',
    'CREATE INDEX "application_enterprise_id" ON "application" ("enterprise_id")',
    'CREATE INDEX "application_round_id" ON "application" ("round_id")',
    'CREATE INDEX "application_previous_id" ON "application" ("previous_id")',
    'CREATE INDEX "application_superseded" ON "application" ("superseded")',
    'CREATE INDEX "application_status" ON "application" ("status")',
    'CREATE INDEX "application_created_by_id" ON "application" ("created_by_id")',
    'CREATE INDEX "application_submitted_by_id" ON "application" ("submitted_by_id")',
    (
        'CREATE UNIQUE INDEX "application_enterprise_id_round_id_revision" ON "application" ("enterprise_id", '
        '"round_id", "revision")'
    ),
)
V5 = (
    (
        'CREATE TABLE "list_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "enterprise_id" INTEGER NOT NULL, "application_id" INTEGER, '
        '"round_id" INTEGER, "listed_on" DATE NOT NULL, "basis" TEXT NOT NULL, '
        '"next_review_on" DATE NOT NULL, "status" VARCHAR(12) NOT NULL, '
        '"status_reason" TEXT NOT NULL, '
        'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("round_id") REFERENCES "round" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "list_entry_uuid" ON "list_entry" ("uuid")',
    'CREATE INDEX "list_entry_enterprise_id" ON "list_entry" ("enterprise_id")',
    'CREATE INDEX "list_entry_application_id" ON "list_entry" ("application_id")',
    'CREATE INDEX "list_entry_round_id" ON "list_entry" ("round_id")',
    'CREATE INDEX "list_entry_next_review_on" ON "list_entry" ("next_review_on")',
    'CREATE INDEX "list_entry_status" ON "list_entry" ("status")',
    (
        'CREATE TABLE "publication" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "published_at" DATETIME NOT NULL, '
        '"published_by_id" INTEGER, "title" VARCHAR(200) NOT NULL, "entry_uuids" TEXT NOT NULL, '
        '"entry_count" INTEGER NOT NULL, "xlsx_name" VARCHAR(255) NOT NULL, '
        '"xlsx_sha256" VARCHAR(64) NOT NULL, "pdf_name" VARCHAR(255) NOT NULL, '
        '"pdf_sha256" VARCHAR(64) NOT NULL, '
        'FOREIGN KEY ("published_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "publication_uuid" ON "publication" ("uuid")',
    'CREATE INDEX "publication_published_by_id" ON "publication" ("published_by_id")',
    (
        'CREATE TABLE "review" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "kind" VARCHAR(20) NOT NULL, "application_id" INTEGER, '
        '"entry_id" INTEGER, "outcome" VARCHAR(20) NOT NULL, "opinion" TEXT NOT NULL, '
        '"decided_on" DATE NOT NULL, "decided_by_id" INTEGER, "override_reason" TEXT NOT NULL, '
        'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("entry_id") REFERENCES "list_entry" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("decided_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "review_uuid" ON "review" ("uuid")',
    'CREATE INDEX "review_application_id" ON "review" ("application_id")',
    'CREATE INDEX "review_entry_id" ON "review" ("entry_id")',
    'CREATE INDEX "review_decided_by_id" ON "review" ("decided_by_id")',
)
V6 = (
    (
        'CREATE TABLE "expert" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "name" VARCHAR(50) NOT NULL, "field" VARCHAR(20) NOT NULL, '
        '"organisation" VARCHAR(200) NOT NULL, "title" VARCHAR(100) NOT NULL, '
        '"phone" VARCHAR(30) NOT NULL, "email" VARCHAR(100) NOT NULL, "conflicts" TEXT NOT NULL, '
        '"active" INTEGER NOT NULL)'
    ),
    'CREATE UNIQUE INDEX "expert_uuid" ON "expert" ("uuid")',
    (
        'CREATE TABLE "consultation" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"uuid" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, '
        '"updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"expert_id" INTEGER NOT NULL, "enterprise_id" INTEGER, "case_uuid" VARCHAR(36), '
        '"consulted_on" DATE NOT NULL, "question" TEXT NOT NULL, "advice" TEXT NOT NULL, '
        '"recorded_by_id" INTEGER, '
        'FOREIGN KEY ("expert_id") REFERENCES "expert" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("recorded_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "consultation_uuid" ON "consultation" ("uuid")',
    'CREATE INDEX "consultation_expert_id" ON "consultation" ("expert_id")',
    'CREATE INDEX "consultation_enterprise_id" ON "consultation" ("enterprise_id")',
    'CREATE INDEX "consultation_case_uuid" ON "consultation" ("case_uuid")',
    'CREATE INDEX "consultation_recorded_by_id" ON "consultation" ("recorded_by_id")',
    (
        'CREATE TABLE "event" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "kind" VARCHAR(30) NOT NULL, "held_on" DATE NOT NULL, '
        '"place" VARCHAR(200) NOT NULL, "organiser" VARCHAR(100) NOT NULL, "district_id" INTEGER, '
        '"topic" VARCHAR(300) NOT NULL, "head_count" INTEGER NOT NULL, "feedback" TEXT NOT NULL, '
        '"recorded_by_id" INTEGER, '
        'FOREIGN KEY ("district_id") REFERENCES "district" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("recorded_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "event_uuid" ON "event" ("uuid")',
    'CREATE INDEX "event_held_on" ON "event" ("held_on")',
    'CREATE INDEX "event_district_id" ON "event" ("district_id")',
    'CREATE INDEX "event_recorded_by_id" ON "event" ("recorded_by_id")',
    (
        'CREATE TABLE "event_attendance" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"uuid" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, '
        '"updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"event_id" INTEGER NOT NULL, "enterprise_id" INTEGER NOT NULL, "people" INTEGER NOT NULL, '
        'FOREIGN KEY ("event_id") REFERENCES "event" ("id") ON DELETE CASCADE, '
        'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "event_attendance_uuid" ON "event_attendance" ("uuid")',
    'CREATE INDEX "event_attendance_event_id" ON "event_attendance" ("event_id")',
    'CREATE INDEX "event_attendance_enterprise_id" ON "event_attendance" ("enterprise_id")',
    (
        'CREATE UNIQUE INDEX "event_attendance_event_id_enterprise_id" ON "event_attendance" ("event_id", '
        '"enterprise_id")'
    ),
    (
        'CREATE TABLE "visit" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "enterprise_id" INTEGER NOT NULL, '
        '"visited_on" DATE NOT NULL, "kind" VARCHAR(20) NOT NULL, "officers" TEXT NOT NULL, '
        '"people_met" TEXT NOT NULL, "topics" TEXT NOT NULL, "problems" TEXT NOT NULL, '
        '"notes" TEXT NOT NULL, "recorded_by_id" INTEGER, '
        'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("recorded_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "visit_uuid" ON "visit" ("uuid")',
    'CREATE INDEX "visit_enterprise_id" ON "visit" ("enterprise_id")',
    'CREATE INDEX "visit_visited_on" ON "visit" ("visited_on")',
    'CREATE INDEX "visit_recorded_by_id" ON "visit" ("recorded_by_id")',
    (
        'CREATE TABLE "follow_up" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "enterprise_id" INTEGER NOT NULL, "visit_id" INTEGER, '
        '"description" TEXT NOT NULL, "owner_id" INTEGER, "due_on" DATE, '
        '"status" VARCHAR(20) NOT NULL, "resolution" TEXT NOT NULL, "closed_on" DATE, '
        '"important" INTEGER NOT NULL, '
        'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("owner_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "follow_up_uuid" ON "follow_up" ("uuid")',
    'CREATE INDEX "follow_up_enterprise_id" ON "follow_up" ("enterprise_id")',
    'CREATE INDEX "follow_up_visit_id" ON "follow_up" ("visit_id")',
    'CREATE INDEX "follow_up_owner_id" ON "follow_up" ("owner_id")',
    'CREATE INDEX "follow_up_due_on" ON "follow_up" ("due_on")',
    'CREATE INDEX "follow_up_status" ON "follow_up" ("status")',
    (
        'CREATE TABLE "liaison_assignment" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"uuid" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, '
        '"updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"enterprise_id" INTEGER NOT NULL, "officer_id" INTEGER NOT NULL, "start_on" DATE NOT NULL, '
        '"end_on" DATE, "note" TEXT NOT NULL, '
        'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("officer_id") REFERENCES "user" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "liaison_assignment_uuid" ON "liaison_assignment" ("uuid")',
    'CREATE INDEX "liaison_assignment_enterprise_id" ON "liaison_assignment" ("enterprise_id")',
    'CREATE INDEX "liaison_assignment_officer_id" ON "liaison_assignment" ("officer_id")',
    'CREATE INDEX "liaison_assignment_end_on" ON "liaison_assignment" ("end_on")',
    (
        'CREATE TABLE "questionnaire" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"uuid" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, '
        '"updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"family" VARCHAR(36) NOT NULL, "version" INTEGER NOT NULL, "title" VARCHAR(200) NOT NULL, '
        '"description" TEXT NOT NULL, "active" INTEGER NOT NULL, "created_by_id" INTEGER, '
        'FOREIGN KEY ("created_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "questionnaire_uuid" ON "questionnaire" ("uuid")',
    'CREATE INDEX "questionnaire_family" ON "questionnaire" ("family")',
    'CREATE INDEX "questionnaire_created_by_id" ON "questionnaire" ("created_by_id")',
    'CREATE UNIQUE INDEX "questionnaire_family_version" ON "questionnaire" ("family", "version")',
    (
        'CREATE TABLE "question" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "questionnaire_id" INTEGER NOT NULL, '
        '"position" INTEGER NOT NULL, "kind" VARCHAR(10) NOT NULL, "text" TEXT NOT NULL, '
        '"required" INTEGER NOT NULL, "options" TEXT NOT NULL, "unit" VARCHAR(20) NOT NULL, '
        '"min_value" VARCHAR(30) NOT NULL, "max_value" VARCHAR(30) NOT NULL, '
        'FOREIGN KEY ("questionnaire_id") REFERENCES "questionnaire" ("id") ON DELETE CASCADE)'
    ),
    'CREATE UNIQUE INDEX "question_uuid" ON "question" ("uuid")',
    'CREATE INDEX "question_questionnaire_id" ON "question" ("questionnaire_id")',
    (
        'CREATE TABLE "response" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "questionnaire_id" INTEGER NOT NULL, '
        '"enterprise_id" INTEGER NOT NULL, "visit_id" INTEGER, "status" VARCHAR(10) NOT NULL, '
        '"answers" TEXT NOT NULL, "completed_at" DATETIME, "entered_by_id" INTEGER, '
        'FOREIGN KEY ("questionnaire_id") REFERENCES "questionnaire" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE SET NULL, '
        'FOREIGN KEY ("entered_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "response_uuid" ON "response" ("uuid")',
    'CREATE INDEX "response_questionnaire_id" ON "response" ("questionnaire_id")',
    'CREATE INDEX "response_enterprise_id" ON "response" ("enterprise_id")',
    'CREATE INDEX "response_visit_id" ON "response" ("visit_id")',
    'CREATE INDEX "response_entered_by_id" ON "response" ("entered_by_id")',
    (
        'CREATE UNIQUE INDEX "response_questionnaire_id_enterprise_id" ON "response" ("questionnaire_id", '
        '"enterprise_id")'
    ),
)
V7 = (
    (
        'CREATE TABLE "calendar_day" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"uuid" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, '
        '"updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, "day" DATE NOT NULL, '
        '"workday" INTEGER NOT NULL, "note" VARCHAR(100) NOT NULL)'
    ),
    'CREATE UNIQUE INDEX "calendar_day_uuid" ON "calendar_day" ("uuid")',
    'CREATE UNIQUE INDEX "calendar_day_day" ON "calendar_day" ("day")',
    (
        'CREATE TABLE "case" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "number" VARCHAR(60) NOT NULL, "year" INTEGER NOT NULL, '
        '"sequence" INTEGER NOT NULL, "type" VARCHAR(24) NOT NULL, "summary" TEXT NOT NULL, '
        '"source" VARCHAR(20) NOT NULL, "handling_district_id" INTEGER, "officers" TEXT NOT NULL, '
        '"channel" VARCHAR(24) NOT NULL, "important" INTEGER NOT NULL, '
        '"important_note" TEXT NOT NULL, "status" VARCHAR(24) NOT NULL, "received_on" DATE NOT NULL, '
        '"closed_on" DATE, "outcome" VARCHAR(24) NOT NULL, "outcome_note" TEXT NOT NULL, '
        '"penalty_amount" DECIMAL(14, 2), "created_by_id" INTEGER, '
        'FOREIGN KEY ("handling_district_id") REFERENCES "district" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("created_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "case_uuid" ON "case" ("uuid")',
    'CREATE UNIQUE INDEX "case_number" ON "case" ("number")',
    'CREATE INDEX "case_type" ON "case" ("type")',
    'CREATE INDEX "case_handling_district_id" ON "case" ("handling_district_id")',
    'CREATE INDEX "case_important" ON "case" ("important")',
    'CREATE INDEX "case_status" ON "case" ("status")',
    'CREATE INDEX "case_created_by_id" ON "case" ("created_by_id")',
    (
        'CREATE INDEX "case_year_handling_district_id_sequence" ON "case" ("year", '
        '"handling_district_id", "sequence")'
    ),
    (
        'CREATE TABLE "case_event" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "case_id" INTEGER NOT NULL, "happened_on" DATE NOT NULL, '
        '"kind" VARCHAR(30) NOT NULL, "note" TEXT NOT NULL, "actor_id" INTEGER, '
        'FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE, '
        'FOREIGN KEY ("actor_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "case_event_uuid" ON "case_event" ("uuid")',
    'CREATE INDEX "case_event_case_id" ON "case_event" ("case_id")',
    'CREATE INDEX "case_event_happened_on" ON "case_event" ("happened_on")',
    'CREATE INDEX "case_event_actor_id" ON "case_event" ("actor_id")',
    (
        'CREATE TABLE "case_party" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "case_id" INTEGER NOT NULL, "enterprise_id" INTEGER, '
        '"name" VARCHAR(200) NOT NULL, "id_code" VARCHAR(30) NOT NULL, '
        '"address" VARCHAR(300) NOT NULL, "role" VARCHAR(20) NOT NULL, '
        'FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE, '
        'FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "case_party_uuid" ON "case_party" ("uuid")',
    'CREATE INDEX "case_party_case_id" ON "case_party" ("case_id")',
    'CREATE INDEX "case_party_enterprise_id" ON "case_party" ("enterprise_id")',
    (
        'CREATE TABLE "case_right" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "case_id" INTEGER NOT NULL, "kind" VARCHAR(20) NOT NULL, '
        '"number" VARCHAR(60) NOT NULL, "title" VARCHAR(200) NOT NULL, '
        'FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE)'
    ),
    'CREATE UNIQUE INDEX "case_right_uuid" ON "case_right" ("uuid")',
    'CREATE INDEX "case_right_case_id" ON "case_right" ("case_id")',
    (
        'CREATE TABLE "city_report" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "case_id" INTEGER NOT NULL, "reported_on" DATE NOT NULL, '
        '"reported_by_id" INTEGER, "acknowledged_on" DATE, "acknowledged_by_id" INTEGER, '
        '"note" TEXT NOT NULL, FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE, '
        'FOREIGN KEY ("reported_by_id") REFERENCES "user" ("id") ON DELETE SET NULL, '
        'FOREIGN KEY ("acknowledged_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "city_report_uuid" ON "city_report" ("uuid")',
    'CREATE UNIQUE INDEX "city_report_case_id" ON "city_report" ("case_id")',
    'CREATE INDEX "city_report_reported_by_id" ON "city_report" ("reported_by_id")',
    'CREATE INDEX "city_report_acknowledged_by_id" ON "city_report" ("acknowledged_by_id")',
)

# v8: sign-in lockout, forced password change and a phone number on users (nullable or with a default, so
# plain ADD COLUMN); audit entries looked up by kind of action and time (failed sign-ins, the audit viewer).
V8 = (
    'ALTER TABLE "user" ADD COLUMN "failed_logins" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "user" ADD COLUMN "locked_until" DATETIME',
    'ALTER TABLE "user" ADD COLUMN "must_change_password" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "user" ADD COLUMN "phone" VARCHAR(30) NOT NULL DEFAULT \'\'',
    'CREATE INDEX "audit_log_action_at" ON "audit_log" ("action", "at")',
)


def execute_all(statements: tuple[str, ...]) -> None:
    for sql in statements:
        database.execute_sql(sql)


def v2_enterprise_name_key() -> None:
    """v2: a folded name column for duplicate warnings and fast search."""
    rebuild_table("enterprise", V2_ENTERPRISE, V2_ENTERPRISE_COPY)
    execute_all(V2_INDEXES)
    # Today's folding: name_key is derived data, and every later version must agree with the code using it.
    rows = database.execute_sql('SELECT "id", "name" FROM "enterprise"').fetchall()
    for row_id, name in rows:
        database.execute_sql(
            'UPDATE "enterprise" SET "name_key" = ? WHERE "id" = ?', (name_key(name), row_id)
        )


def v3_applications() -> None:
    """v3: application rounds and application forms."""
    execute_all(V3)


def v4_applied_regional_year() -> None:
    """v4: the year an enterprise applied to the regional list (direct entry to the city list)."""
    execute_all(V4)


def v5_protection_list() -> None:
    """v5: list entries, reviews and publications."""
    execute_all(V5)


def v6_liaison_work() -> None:
    """v6: liaison assignments, visits, follow-ups, questionnaires, events, experts, consultations."""
    execute_all(V6)


def v7_cases() -> None:
    """v7: cases, parties, rights, timeline events, reports to the city, the editable work calendar."""
    execute_all(V7)


def v8_sign_in() -> None:
    """v8: failed sign-in count, lock time, must-change-password flag and phone on users; audit index."""
    execute_all(V8)


# v9: the audit log's hash chain (see app.models.audit); nullable columns, so plain ADD COLUMNs.
V9_AUDIT_CHAIN = (
    'ALTER TABLE "audit_log" ADD COLUMN "prev_hash" VARCHAR(64)',
    'ALTER TABLE "audit_log" ADD COLUMN "entry_hash" VARCHAR(64)',
)


def v9_audit_chain() -> None:
    """v9: chain the audit log — existing entries in id order, from the genesis hash.

    Today's chain format, as v2 uses today's name folding: a later change of the format re-chains the log
    in its own step, so the log always verifies with the program reading it.
    """
    execute_all(V9_AUDIT_CHAIN)
    columns = ", ".join(f'"{c}"' for c in CHAIN_COLUMNS if c != "prev_hash")
    rows = database.execute_sql(f'SELECT {columns} FROM "audit_log" ORDER BY "id"').fetchall()
    previous, links = GENESIS, []
    for row in rows:
        entry = chain_hash((*row, previous))
        links.append((previous, entry, row[0]))
        previous = entry
    database.cursor().executemany(
        'UPDATE "audit_log" SET "prev_hash" = ?, "entry_hash" = ? WHERE "id" = ?', links
    )


# v10: stored case clocks (app.models.cases CaseClock…), derived from the timelines. Every existing case starts
# stale, so the first reader computes its clocks; the triggers keep them marked stale after any change.
V10_CASE_CLOCKS = (
    'CREATE TABLE "case_clock_state" ("case_id" INTEGER NOT NULL PRIMARY KEY, "stale" INTEGER NOT NULL, '
    '"live" INTEGER NOT NULL, FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "caseclockstate_stale" ON "case_clock_state" ("stale")',
    'CREATE INDEX "caseclockstate_live" ON "case_clock_state" ("live")',
    'CREATE TABLE "case_clock" ("id" INTEGER NOT NULL PRIMARY KEY, "case_id" INTEGER NOT NULL, '
    '"position" INTEGER NOT NULL, "key" VARCHAR(60) NOT NULL, "label" VARCHAR(200) NOT NULL, '
    '"start" DATE NOT NULL, "due" DATE NOT NULL, "unit" VARCHAR(20) NOT NULL, "met_on" DATE, '
    '"soon_on" DATE NOT NULL, "overdue_on" DATE NOT NULL, "window" INTEGER NOT NULL, '
    'FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "caseclock_case_id" ON "case_clock" ("case_id")',
    'CREATE INDEX "caseclock_due" ON "case_clock" ("due")',
    'CREATE TABLE "case_clock_basis" ("id" INTEGER NOT NULL PRIMARY KEY, "fingerprint" VARCHAR(64) NOT NULL)',
    'INSERT INTO "case_clock_state" ("case_id", "stale", "live") SELECT "id", 1, 0 FROM "case"',
    'CREATE TRIGGER "case_clock_new_case" AFTER INSERT ON "case" BEGIN '
    'INSERT OR REPLACE INTO "case_clock_state" ("case_id", "stale", "live") VALUES (NEW."id", 1, 0); END',
    'CREATE TRIGGER "case_clock_case_changed" AFTER UPDATE OF "type", "source" ON "case" '
    'WHEN OLD."type" IS NOT NEW."type" OR OLD."source" IS NOT NEW."source" BEGIN '
    'UPDATE "case_clock_state" SET "stale" = 1 WHERE "case_id" = NEW."id"; END',
    'CREATE TRIGGER "case_clock_event_added" AFTER INSERT ON "case_event" BEGIN '
    'UPDATE "case_clock_state" SET "stale" = 1 WHERE "case_id" = NEW."case_id"; END',
    'CREATE TRIGGER "case_clock_event_changed" AFTER UPDATE OF "case_id", "happened_on", "kind" '
    'ON "case_event" BEGIN '
    'UPDATE "case_clock_state" SET "stale" = 1 WHERE "case_id" IN (OLD."case_id", NEW."case_id"); END',
    'CREATE TRIGGER "case_clock_event_deleted" AFTER DELETE ON "case_event" BEGIN '
    'UPDATE "case_clock_state" SET "stale" = 1 WHERE "case_id" = OLD."case_id"; END',
)


def v10_case_clocks() -> None:
    """v10: stored case clocks, their staleness per case and the triggers that mark it."""
    execute_all(V10_CASE_CLOCKS)

# v11: offline exchange: keys, peers, change log, field versions, conflicts, counters (app.models.exchange).
V11_EXCHANGE = (
    (
        'CREATE TABLE "exchange_key" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "purpose" VARCHAR(10) NOT NULL, "private_key" TEXT NOT NULL, '
        '"public_key" TEXT NOT NULL)'
    ),
    'CREATE UNIQUE INDEX "exchange_key_uuid" ON "exchange_key" ("uuid")',
    'CREATE UNIQUE INDEX "exchange_key_purpose" ON "exchange_key" ("purpose")',
    (
        'CREATE TABLE "exchange_peer" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "exchange_id" VARCHAR(36) NOT NULL, '
        '"scope" VARCHAR(20) NOT NULL, "body" VARCHAR(100) NOT NULL, "sign_key" TEXT NOT NULL, '
        '"box_key" TEXT NOT NULL, "fingerprint" VARCHAR(60) NOT NULL, "revoked" INTEGER NOT NULL, '
        '"sent_seq" INTEGER NOT NULL, "acked_seq" INTEGER NOT NULL, "received_seq" INTEGER NOT NULL, '
        '"last_sent_at" DATETIME, "last_received_at" DATETIME)'
    ),
    'CREATE UNIQUE INDEX "exchange_peer_uuid" ON "exchange_peer" ("uuid")',
    'CREATE UNIQUE INDEX "exchange_peer_exchange_id" ON "exchange_peer" ("exchange_id")',
    (
        'CREATE TABLE "exchange_change" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"uuid" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "entity" VARCHAR(40) NOT NULL, '
        '"record_uuid" VARCHAR(36) NOT NULL, "fields" TEXT NOT NULL, "audit_id" INTEGER)'
    ),
    'CREATE UNIQUE INDEX "exchange_change_uuid" ON "exchange_change" ("uuid")',
    'CREATE INDEX "exchange_change_record_uuid" ON "exchange_change" ("record_uuid")',
    (
        'CREATE TABLE "exchange_version" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"uuid" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "entity" VARCHAR(40) NOT NULL, '
        '"record_uuid" VARCHAR(36) NOT NULL, "field" VARCHAR(60) NOT NULL, "vector" TEXT NOT NULL)'
    ),
    'CREATE UNIQUE INDEX "exchange_version_uuid" ON "exchange_version" ("uuid")',
    (
        'CREATE UNIQUE INDEX "exchange_version_entity_record_uuid_field" ON "exchange_version" '
        '("entity", "record_uuid", "field")'
    ),
    (
        'CREATE TABLE "exchange_conflict" ("id" INTEGER NOT NULL PRIMARY KEY, '
        '"uuid" VARCHAR(36) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "peer_id" VARCHAR(36) NOT NULL, "entity" VARCHAR(40) NOT NULL, '
        '"record_uuid" VARCHAR(36) NOT NULL, "field" VARCHAR(60) NOT NULL, "local_value" TEXT, '
        '"remote_value" TEXT, "remote_vector" TEXT NOT NULL, "remote_by" VARCHAR(100) NOT NULL, '
        '"remote_at" VARCHAR(30) NOT NULL, "status" VARCHAR(10) NOT NULL, '
        '"resolved_by" VARCHAR(50) NOT NULL)'
    ),
    'CREATE UNIQUE INDEX "exchange_conflict_uuid" ON "exchange_conflict" ("uuid")',
    'CREATE INDEX "exchange_conflict_record_uuid" ON "exchange_conflict" ("record_uuid")',
    'CREATE INDEX "exchange_conflict_status" ON "exchange_conflict" ("status")',
    (
        'CREATE TABLE "exchange_state" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
        '"row_version" INTEGER NOT NULL, "key" VARCHAR(40) NOT NULL, "value" TEXT NOT NULL)'
    ),
    'CREATE UNIQUE INDEX "exchange_state_uuid" ON "exchange_state" ("uuid")',
    'CREATE UNIQUE INDEX "exchange_state_key" ON "exchange_state" ("key")',
)


def v11_exchange() -> None:
    """v11: the tables of the offline exchange between installations; all new, so nothing to copy."""
    execute_all(V11_EXCHANGE)


# v12: district responsibilities and yearly work plans with projects and checklist tasks (app.models.plans).
V12_PLANS = (
    (
        'CREATE TABLE "responsibility" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL,'
        ' "district_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "role" VARCHAR(10) NOT NULL, "name" '
        'VARCHAR(50) NOT NULL, "post" VARCHAR(100) NOT NULL, "phone" VARCHAR(30) NOT NULL, "duties" TEXT'
        ' NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("district_id") REFERENCES "district" '
        '("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "responsibility_uuid" ON "responsibility" ("uuid")',
    'CREATE INDEX "responsibility_district_id" ON "responsibility" ("district_id")',
    'CREATE INDEX "responsibility_district_id_year" ON "responsibility" ("district_id", "year")',
    (
        'CREATE TABLE "work_plan" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL,'
        ' "district_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "title" VARCHAR(200) NOT NULL, '
        '"goal_recommend" INTEGER NOT NULL, "goal_visits" INTEGER NOT NULL, "goal_trainings" INTEGER NOT'
        ' NULL, "notes" TEXT NOT NULL, "created_by_id" INTEGER, FOREIGN KEY ("district_id") REFERENCES '
        '"district" ("id") ON DELETE RESTRICT, FOREIGN KEY ("created_by_id") REFERENCES "user" ("id") ON'
        ' DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "work_plan_uuid" ON "work_plan" ("uuid")',
    'CREATE INDEX "work_plan_district_id" ON "work_plan" ("district_id")',
    'CREATE INDEX "work_plan_created_by_id" ON "work_plan" ("created_by_id")',
    'CREATE UNIQUE INDEX "work_plan_district_id_year" ON "work_plan" ("district_id", "year")',
    (
        'CREATE TABLE "plan_project" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL,'
        ' "plan_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "title" VARCHAR(200) NOT NULL, '
        '"description" TEXT NOT NULL, FOREIGN KEY ("plan_id") REFERENCES "work_plan" ("id") ON DELETE '
        'RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "plan_project_uuid" ON "plan_project" ("uuid")',
    'CREATE INDEX "plan_project_plan_id" ON "plan_project" ("plan_id")',
    (
        'CREATE TABLE "plan_task" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL,'
        ' "project_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "title" VARCHAR(300) NOT NULL, '
        '"owner" VARCHAR(50) NOT NULL, "due_on" DATE, "status" VARCHAR(12) NOT NULL, "done_on" DATE, '
        '"evidence_kind" VARCHAR(10) NOT NULL, "evidence_uuid" VARCHAR(36) NOT NULL, "note" TEXT NOT '
        'NULL, FOREIGN KEY ("project_id") REFERENCES "plan_project" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "plan_task_uuid" ON "plan_task" ("uuid")',
    'CREATE INDEX "plan_task_project_id" ON "plan_task" ("project_id")',
    'CREATE INDEX "plan_task_due_on" ON "plan_task" ("due_on")',
    'CREATE INDEX "plan_task_status" ON "plan_task" ("status")',
)


def v12_plans() -> None:
    """v12: responsibilities, work plans, their projects and tasks; all new tables, nothing to copy."""
    execute_all(V12_PLANS)


# v13: the support ledger (app.models.support), publicity and the enterprises featured (app.models.publicity).
V13_SUPPORT_PUBLICITY = (
    (
        'CREATE TABLE "support_entry" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "c'
        'reated_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, "e'
        'nterprise_id" INTEGER NOT NULL, "kind" VARCHAR(10) NOT NULL, "granted_on" DATE NOT NULL, "granti'
        'ng_body" VARCHAR(200) NOT NULL, "programme" VARCHAR(300) NOT NULL, "amount_fen" INTEGER, "note" '
        'TEXT NOT NULL, "recorded_by_id" INTEGER, FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ('
        '"id") ON DELETE RESTRICT, FOREIGN KEY ("recorded_by_id") REFERENCES "user" ("id") ON DELETE SET '
        'NULL)'
    ),
    'CREATE UNIQUE INDEX "support_entry_uuid" ON "support_entry" ("uuid")',
    'CREATE INDEX "support_entry_enterprise_id" ON "support_entry" ("enterprise_id")',
    'CREATE INDEX "support_entry_kind" ON "support_entry" ("kind")',
    'CREATE INDEX "support_entry_granted_on" ON "support_entry" ("granted_on")',
    'CREATE INDEX "support_entry_recorded_by_id" ON "support_entry" ("recorded_by_id")',
    (
        'CREATE TABLE "publicity_item" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, "'
        'created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, "'
        'district_id" INTEGER, "channel" VARCHAR(12) NOT NULL, "outlet" VARCHAR(100) NOT NULL, "title" VA'
        'RCHAR(300) NOT NULL, "published_on" DATE NOT NULL, "link" VARCHAR(1000) NOT NULL, "note" TEXT NO'
        'T NULL, "recorded_by_id" INTEGER, FOREIGN KEY ("district_id") REFERENCES "district" ("id") ON DE'
        'LETE RESTRICT, FOREIGN KEY ("recorded_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "publicity_item_uuid" ON "publicity_item" ("uuid")',
    'CREATE INDEX "publicity_item_district_id" ON "publicity_item" ("district_id")',
    'CREATE INDEX "publicity_item_channel" ON "publicity_item" ("channel")',
    'CREATE INDEX "publicity_item_published_on" ON "publicity_item" ("published_on")',
    'CREATE INDEX "publicity_item_recorded_by_id" ON "publicity_item" ("recorded_by_id")',
    (
        'CREATE TABLE "publicity_feature" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL'
        ', "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL'
        ', "item_id" INTEGER NOT NULL, "enterprise_id" INTEGER NOT NULL, FOREIGN KEY ("item_id") REFERENC'
        'ES "publicity_item" ("id") ON DELETE CASCADE, FOREIGN KEY ("enterprise_id") REFERENCES "enterpri'
        'se" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "publicity_feature_uuid" ON "publicity_feature" ("uuid")',
    'CREATE INDEX "publicity_feature_item_id" ON "publicity_feature" ("item_id")',
    'CREATE INDEX "publicity_feature_enterprise_id" ON "publicity_feature" ("enterprise_id")',
    (
        'CREATE UNIQUE INDEX "publicity_feature_item_id_enterprise_id" ON "publicity_feature" ("item_id",'
        ' "enterprise_id")'
    ),
)


def v13_support_publicity() -> None:
    """v13: support entries, publicity items and the enterprises they feature; all new tables, nothing to copy."""
    execute_all(V13_SUPPORT_PUBLICITY)
# v13: joint enforcement (app.models.enforcement) and trade fairs / customs recordals (app.models.fairs).
V14_ENFORCEMENT_FAIRS = (
    (
        'CREATE TABLE "partner_agency" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"name" VARCHAR(100) NOT NULL, "kind" VARCHAR(12) NOT NULL, "contact_person" VARCHAR(50) NOT '
        'NULL, "contact_phone" VARCHAR(30) NOT NULL, "note" TEXT NOT NULL, "active" INTEGER NOT NULL)'
    ),
    'CREATE UNIQUE INDEX "partner_agency_uuid" ON "partner_agency" ("uuid")',
    'CREATE UNIQUE INDEX "partner_agency_name" ON "partner_agency" ("name")',
    (
        'CREATE TABLE "cooperation_agreement" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT '
        'NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT '
        'NULL, "district_id" INTEGER, "signed_on" DATE NOT NULL, "title" VARCHAR(200) NOT NULL, "scope" '
        'TEXT NOT NULL, "created_by_id" INTEGER, FOREIGN KEY ("district_id") REFERENCES "district" ("id")'
        ' ON DELETE RESTRICT, FOREIGN KEY ("created_by_id") REFERENCES "user" ("id") ON DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "cooperation_agreement_uuid" ON "cooperation_agreement" ("uuid")',
    'CREATE INDEX "cooperation_agreement_district_id" ON "cooperation_agreement" ("district_id")',
    'CREATE INDEX "cooperation_agreement_created_by_id" ON "cooperation_agreement" ("created_by_id")',
    (
        'CREATE TABLE "agreement_party" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"agreement_id" INTEGER NOT NULL, "agency_id" INTEGER NOT NULL, FOREIGN KEY ("agreement_id") '
        'REFERENCES "cooperation_agreement" ("id") ON DELETE CASCADE, FOREIGN KEY ("agency_id") '
        'REFERENCES "partner_agency" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "agreement_party_uuid" ON "agreement_party" ("uuid")',
    'CREATE INDEX "agreement_party_agreement_id" ON "agreement_party" ("agreement_id")',
    'CREATE INDEX "agreement_party_agency_id" ON "agreement_party" ("agency_id")',
    (
        'CREATE TABLE "joint_action" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"district_id" INTEGER, "held_on" DATE NOT NULL, "title" VARCHAR(200) NOT NULL, "target" TEXT NOT'
        ' NULL, "results" TEXT NOT NULL, "created_by_id" INTEGER, FOREIGN KEY ("district_id") REFERENCES '
        '"district" ("id") ON DELETE RESTRICT, FOREIGN KEY ("created_by_id") REFERENCES "user" ("id") ON '
        'DELETE SET NULL)'
    ),
    'CREATE UNIQUE INDEX "joint_action_uuid" ON "joint_action" ("uuid")',
    'CREATE INDEX "joint_action_district_id" ON "joint_action" ("district_id")',
    'CREATE INDEX "joint_action_held_on" ON "joint_action" ("held_on")',
    'CREATE INDEX "joint_action_created_by_id" ON "joint_action" ("created_by_id")',
    (
        'CREATE TABLE "action_partner" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"action_id" INTEGER NOT NULL, "agency_id" INTEGER NOT NULL, FOREIGN KEY ("action_id") REFERENCES'
        ' "joint_action" ("id") ON DELETE CASCADE, FOREIGN KEY ("agency_id") REFERENCES "partner_agency" '
        '("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "action_partner_uuid" ON "action_partner" ("uuid")',
    'CREATE INDEX "action_partner_action_id" ON "action_partner" ("action_id")',
    'CREATE INDEX "action_partner_agency_id" ON "action_partner" ("agency_id")',
    (
        'CREATE TABLE "action_enterprise" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT '
        'NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT '
        'NULL, "action_id" INTEGER NOT NULL, "enterprise_id" INTEGER NOT NULL, FOREIGN KEY ("action_id") '
        'REFERENCES "joint_action" ("id") ON DELETE CASCADE, FOREIGN KEY ("enterprise_id") REFERENCES '
        '"enterprise" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "action_enterprise_uuid" ON "action_enterprise" ("uuid")',
    'CREATE INDEX "action_enterprise_action_id" ON "action_enterprise" ("action_id")',
    'CREATE INDEX "action_enterprise_enterprise_id" ON "action_enterprise" ("enterprise_id")',
    (
        'CREATE TABLE "action_case" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"action_id" INTEGER NOT NULL, "case_id" INTEGER NOT NULL, FOREIGN KEY ("action_id") REFERENCES '
        '"joint_action" ("id") ON DELETE CASCADE, FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON '
        'DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "action_case_uuid" ON "action_case" ("uuid")',
    'CREATE INDEX "action_case_action_id" ON "action_case" ("action_id")',
    'CREATE INDEX "action_case_case_id" ON "action_case" ("case_id")',
    (
        'CREATE TABLE "share_record" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"district_id" INTEGER, "agency_id" INTEGER NOT NULL, "shared_on" DATE NOT NULL, "shared_by_id" '
        'INTEGER, "subject" VARCHAR(200) NOT NULL, "case_id" INTEGER, "fields" TEXT NOT NULL, "format" '
        'VARCHAR(8) NOT NULL, "note" TEXT NOT NULL, FOREIGN KEY ("district_id") REFERENCES "district" '
        '("id") ON DELETE RESTRICT, FOREIGN KEY ("agency_id") REFERENCES "partner_agency" ("id") ON '
        'DELETE RESTRICT, FOREIGN KEY ("shared_by_id") REFERENCES "user" ("id") ON DELETE SET NULL, '
        'FOREIGN KEY ("case_id") REFERENCES "case" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "share_record_uuid" ON "share_record" ("uuid")',
    'CREATE INDEX "share_record_district_id" ON "share_record" ("district_id")',
    'CREATE INDEX "share_record_agency_id" ON "share_record" ("agency_id")',
    'CREATE INDEX "share_record_shared_on" ON "share_record" ("shared_on")',
    'CREATE INDEX "share_record_shared_by_id" ON "share_record" ("shared_by_id")',
    'CREATE INDEX "share_record_case_id" ON "share_record" ("case_id")',
    (
        'CREATE TABLE "trade_fair" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL, '
        '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL, '
        '"enterprise_id" INTEGER NOT NULL, "name" VARCHAR(200) NOT NULL, "place" VARCHAR(200) NOT NULL, '
        '"starts_on" DATE NOT NULL, "ends_on" DATE NOT NULL, "products" TEXT NOT NULL, "pre_check" '
        'INTEGER NOT NULL, "complaint_desk" INTEGER NOT NULL, "cases" INTEGER NOT NULL, "note" TEXT NOT '
        'NULL, FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "trade_fair_uuid" ON "trade_fair" ("uuid")',
    'CREATE INDEX "trade_fair_enterprise_id" ON "trade_fair" ("enterprise_id")',
    'CREATE INDEX "trade_fair_starts_on" ON "trade_fair" ("starts_on")',
    (
        'CREATE TABLE "customs_recordal" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(36) NOT NULL,'
        ' "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "row_version" INTEGER NOT NULL,'
        ' "enterprise_id" INTEGER NOT NULL, "right_kind" VARCHAR(12) NOT NULL, "right_title" VARCHAR(200)'
        ' NOT NULL, "recordal_number" VARCHAR(50) NOT NULL, "valid_until" DATE NOT NULL, "note" TEXT NOT '
        'NULL, FOREIGN KEY ("enterprise_id") REFERENCES "enterprise" ("id") ON DELETE RESTRICT)'
    ),
    'CREATE UNIQUE INDEX "customs_recordal_uuid" ON "customs_recordal" ("uuid")',
    'CREATE INDEX "customs_recordal_enterprise_id" ON "customs_recordal" ("enterprise_id")',
    'CREATE UNIQUE INDEX "customs_recordal_recordal_number" ON "customs_recordal" ("recordal_number")',
    'CREATE INDEX "customs_recordal_valid_until" ON "customs_recordal" ("valid_until")',
)


def v14_enforcement_fairs() -> None:
    """v13: partner agencies, agreements, joint actions, information sharing, trade fairs and customs
    recordals; all new tables, nothing to copy."""
    execute_all(V14_ENFORCEMENT_FAIRS)
