"""Offline exchange between installations: this installation's keys, its paired peers, the local change log,
per-field version vectors and the conflicts kept for review (app.services.exchange)."""

from peewee import BooleanField, CharField, DateTimeField, IntegerField, TextField

from app.models.base import BaseModel


class ExchangeKey(BaseModel):
    """One of this installation's key pairs ("sign": Ed25519, "box": X25519); the private key never leaves."""

    purpose = CharField(max_length=10, unique=True)
    private_key = TextField()  # raw bytes, base64
    public_key = TextField()  # raw bytes, base64


class ExchangePeer(BaseModel):
    """A paired installation and how far the exchange with it has come (sequences are the sender's)."""

    exchange_id = CharField(max_length=36, unique=True)
    scope = CharField(max_length=20)
    body = CharField(max_length=100)
    sign_key = TextField()
    box_key = TextField()
    fingerprint = CharField(max_length=60)
    revoked = BooleanField(default=False)
    sent_seq = IntegerField(default=0)  # the last of our changes put into a package for the peer
    acked_seq = IntegerField(default=0)  # the last of our changes the peer said it applied
    received_seq = IntegerField(default=0)  # the last of the peer's changes we applied
    last_sent_at = DateTimeField(null=True)
    last_received_at = DateTimeField(null=True)


class ExchangeChange(BaseModel):
    """The local change log: its id is the installation's monotonic sequence."""

    entity = CharField(max_length=40)
    record_uuid = CharField(max_length=36, index=True)
    fields = TextField()  # JSON list of the fields changed
    audit_id = IntegerField(null=True)  # the audit entry it was derived from; None for received changes


class ExchangeVersion(BaseModel):
    """The version vector of one field of one record: {exchange_id: count of edits made there}."""

    entity = CharField(max_length=40)
    record_uuid = CharField(max_length=36)
    field = CharField(max_length=60)
    vector = TextField()  # JSON

    class Meta:
        indexes = ((("entity", "record_uuid", "field"), True),)


class ExchangeConflict(BaseModel):
    """A field changed on both sides since their last common version; the local value stands until resolved."""

    peer_id = CharField(max_length=36)  # the sender's exchange_id
    entity = CharField(max_length=40)
    record_uuid = CharField(max_length=36, index=True)
    field = CharField(max_length=60)
    local_value = TextField(null=True)  # JSON
    remote_value = TextField(null=True)  # JSON
    remote_vector = TextField()  # JSON
    remote_by = CharField(max_length=100, default="")
    remote_at = CharField(max_length=30, default="")
    status = CharField(max_length=10, default="open", index=True)  # open / mine / theirs
    resolved_by = CharField(max_length=50, default="")


class ExchangeState(BaseModel):
    """Small named counters of the exchange, e.g. the last audit entry read into the change log."""

    key = CharField(max_length=40, unique=True)
    value = TextField()
