"""Every change to the register, and the logging of every read. One transaction and audit events each.

Audit verbs: ``register.person.created|updated|viewed|listed|exported``, ``register.upload.previewed|
committed``, ``register.snapshot.taken``. Reads are logged one event per person shown (so
``AuditEvent.objects.for_object(person)`` answers "who has seen this record?"); see
docs/decisions/0202-register-audit-and-snapshots.md.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.audit.actions import event, record, record_all
from concordat.register.models import (
    DERIVED_FIELDS,
    FACT_FIELDS,
    Person,
    Snapshot,
    SnapshotRow,
    Upload,
    UploadState,
)
from concordat.register.nhs_number import hash_nhs_number
from concordat.register.template.columns import COLUMNS, ColumnType
from concordat.register.template.reading import MAX_BYTES, UploadError, read_file_bounded
from concordat.register.template.validation import NOT_SHOWN, RegisterRow, RowError, validate_rows

MAX_ERRORS_KEPT = 2_000
MAX_ERROR_VALUE = 60
_OPTIONAL_CODES = ("care_review_outcome", "discharge_destination", "reason_no_plan")
_DATE_FIELDS = tuple(c.name for c in COLUMNS if c.type is ColumnType.DATE)


class ActionError(Exception):
    """A business rule refused the change. ``message`` is for the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEdit(ActionError):
    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this person's record while you were editing. Your changes were not saved. "
            "Check the record below, then make your change again."
        )


def nhs_hash(number: str | None) -> str:
    return hash_nhs_number(number, key=settings.REGISTER_HASH_KEY.encode()) if number else ""


def row_values(row: RegisterRow) -> dict[str, Any]:
    """The stored values of a checked row: facts, with the NHS number replaced by its keyed hash."""
    values: dict[str, Any] = {name: getattr(row, name) for name in FACT_FIELDS}
    for name in _OPTIONAL_CODES:
        values[name] = values[name] or ""
    values["local_reference"] = row.local_reference
    values["nhs_number_hash"] = nhs_hash(row.nhs_number)
    return values


def _to_json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}


def _from_json(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for name in _DATE_FIELDS:
        if out.get(name):
            out[name] = date.fromisoformat(out[name])
    return out


def _apply(person: Person, values: dict[str, Any]) -> list[str]:
    """Set values on a person; return the names of the fields that changed."""
    changed = []
    for name in (*FACT_FIELDS, "local_reference", "nhs_number_hash"):
        if name in values and getattr(person, name) != values[name]:
            setattr(person, name, values[name])
            changed.append(name)
    person.nhs_number_recorded = bool(person.nhs_number_hash)
    person.set_derived()
    return changed


def _check_unique(area: Area, values: dict[str, Any], exclude: int | None) -> None:
    others = Person.objects.filter(area=area)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.filter(local_reference__iexact=values["local_reference"]).exists():
        raise ActionError(
            "Another person in this area already has this local reference", field="local_reference"
        )
    if values["nhs_number_hash"] and others.filter(nhs_number_hash=values["nhs_number_hash"]).exists():
        raise ActionError(
            "This NHS number is already on your register for another person", field="nhs_number"
        )


def _save_unique(person: Person, area: Area, values: dict[str, Any]) -> None:
    """Save, turning a unique violation (someone saved the same person a moment ago) into the check's message.

    The constraint is the rule's last word; the savepoint keeps the caller's transaction usable after it.
    """
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        _check_unique(area, values, person.pk)  # the other save has committed: this names the clash
        raise ActionError(
            "Someone else changed this area's register at the same moment. Check the register and try again."
        ) from None


@transaction.atomic
def create_person(area: Area, row: RegisterRow, *, acting_user: User, synthetic: bool = False) -> Person:
    values = row_values(row)
    _check_unique(area, values, None)
    person = Person(area=area, synthetic=synthetic, updated_by=acting_user)
    _apply(person, values)
    _save_unique(person, area, values)
    record(acting_user, "register.person.created", person, area_code=area.ons_code)
    return person


@transaction.atomic
def update_person(
    person: Person, row: RegisterRow, *, revision: int, acting_user: User, keep_nhs_number: bool = False
) -> Person:
    """Change a person's record if nobody else has since ``revision`` (optimistic concurrency).

    ``keep_nhs_number``: an empty NHS number keeps the recorded one (the form never shows it back).
    """
    locked = Person.objects.select_for_update().select_related("area").get(pk=person.pk)
    if locked.revision != revision:
        raise StaleEdit()
    values = row_values(row)
    if keep_nhs_number and not values["nhs_number_hash"]:
        values["nhs_number_hash"] = locked.nhs_number_hash
    _check_unique(locked.area, values, locked.pk)
    changed = _apply(locked, values)
    if changed:
        locked.revision += 1
        locked.updated_by = acting_user
        _save_unique(locked, locked.area, values)
        record(
            acting_user,
            "register.person.updated",
            locked,
            area_code=locked.area.ons_code,
            data={"changed": changed, "revision": locked.revision},
        )
    return locked


@transaction.atomic
def log_read(
    user: User, people: Iterable[Person], *, verb: str = "register.person.viewed", how: str = ""
) -> int:
    """One audit event per person record read (viewed, listed or exported), naming the reader: appended in
    one statement, so a list of 500 people costs what a list of 5 does."""
    data = {"how": how} if how else None
    return len(record_all(event(user, verb, p, area_code=p.area.ons_code, data=data) for p in people))


# --- bulk upload ----------------------------------------------------------------------------------


def _error_dict(error: RowError) -> dict[str, Any]:
    value = error.value if len(error.value) <= MAX_ERROR_VALUE else error.value[:MAX_ERROR_VALUE] + "…"
    return {"row": error.row, "column": error.column, "value": value, "message": error.message}


@dataclass(frozen=True)
class Plan:
    created: int
    updated: int
    unchanged: int


def _existing(area: Area) -> dict[str, Person]:
    return {p.local_reference.casefold(): p for p in Person.objects.filter(area=area)}


def plan_upload(upload: Upload) -> Plan:
    """What committing would do now: people created, updated and left alone."""
    existing = _existing(upload.area)
    created = updated = 0
    for data in upload.rows:
        person = existing.get(data["local_reference"].casefold())
        if person is None:
            created += 1
        elif _differs(person, _from_json(data)):
            updated += 1
    return Plan(created, updated, len(upload.rows) - created - updated)


def _differs(person: Person, values: dict[str, Any]) -> bool:
    return any(getattr(person, name) != values[name] for name in (*FACT_FIELDS, "nhs_number_hash"))


def _register_clashes(area: Area, rows: list[tuple[int, dict[str, Any]]]) -> list[RowError]:
    """NHS numbers already on the register under another local reference."""
    hashes = {v["nhs_number_hash"]: (n, v) for n, v in rows if v["nhs_number_hash"]}
    errors = []
    for person in Person.objects.filter(area=area, nhs_number_hash__in=list(hashes)):
        number, values = hashes[person.nhs_number_hash]
        if person.local_reference.casefold() != values["local_reference"].casefold():
            errors.append(
                RowError(
                    number,
                    "NHS number",
                    NOT_SHOWN,
                    f"This NHS number is already on your register as {person.local_reference}. "
                    "Use that local reference, or check the NHS number",
                )
            )
    return errors


@dataclass
class _CheckedFile:
    """An uploaded file after checking: what the Upload records about it."""

    size: int
    digest: str = ""  # SHA-256 of the bytes read; "" when the file was refused unread
    rows_read: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    values: list[tuple[int, dict[str, Any]]] = field(
        default_factory=list
    )  # (row, stored values) if no errors


def _check_file(area: Area, data: bytes, name: str, as_at: date) -> _CheckedFile:
    checked = _CheckedFile(size=len(data), digest=hashlib.sha256(data).hexdigest())
    try:
        raw, checked.warnings = read_file_bounded(data, name)  # in a child with a time and a memory limit
    except UploadError as exc:
        checked.errors.append(RowError(0, "", "", str(exc)))
        return checked
    result = validate_rows(raw, area_code=area.ons_code, as_at=as_at)
    checked.rows_read = result.rows_read
    checked.errors.extend(result.errors)
    if not checked.errors:
        checked.values = [(r.row, row_values(r)) for r in result.rows]
        checked.errors.extend(_register_clashes(area, checked.values))
    return checked


@transaction.atomic
def preview_upload(
    area: Area, file: "bytes | UploadedFile[bytes]", user: User, *, as_at: date, filename: str = ""
) -> Upload:
    """Check an uploaded file without changing any person. Returns the Upload with every error found."""
    name = (filename or getattr(file, "name", "") or "upload.csv")[:255]
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:  # refused before reading it
        too_big = RowError(0, "", "", "The file is bigger than 10 MB. Split it into smaller files.")
        checked = _CheckedFile(size=size, errors=[too_big])
    else:
        checked = _check_file(area, file if isinstance(file, bytes) else file.read(), name, as_at)
    errors = checked.errors
    upload = Upload.objects.create(
        area=area,
        uploaded_by=user,
        filename=name,
        sha256=checked.digest,
        size=checked.size,
        as_at=as_at,
        row_count=checked.rows_read,
        state=UploadState.REJECTED if errors else UploadState.PREVIEWED,
        errors=[_error_dict(e) for e in errors[:MAX_ERRORS_KEPT]],
        warnings=checked.warnings,
        rows=[] if errors else [_to_json(v) for _, v in checked.values],
    )
    record(
        user,
        "register.upload.previewed",
        upload,
        area_code=area.ons_code,
        data={"rows": checked.rows_read, "errors": len(errors), "sha256": checked.digest},
    )
    return upload


@dataclass
class _UploadChanges:
    """What committing an upload does to the area's people: new records, changed ones, and how many stay."""

    to_create: list[Person] = field(default_factory=list)
    to_update: list[tuple[Person, list[str]]] = field(default_factory=list)  # with the fields changed
    unchanged: int = 0


def _match_rows(area: Area, rows: list[dict[str, Any]], user: User) -> _UploadChanges:
    """Apply each row to the person with its local reference (any case), or to a new person."""
    existing = _existing(area)
    changes = _UploadChanges()
    for values in rows:
        person = existing.get(values["local_reference"].casefold())
        if person is None:
            person = Person(area=area, updated_by=user)
            _apply(person, values)
            changes.to_create.append(person)
            continue
        changed = _apply(person, {**values, "local_reference": person.local_reference})
        if changed:
            person.revision += 1
            person.updated_by = user
            changes.to_update.append((person, changed))
        else:
            changes.unchanged += 1
    return changes


_BULK_UPDATED = [
    *FACT_FIELDS,
    *DERIVED_FIELDS,
    "nhs_number_hash",
    "nhs_number_recorded",
    "revision",
    "updated_by",
    "updated_at",
]


def _save_changes(changes: _UploadChanges) -> None:
    Person.objects.bulk_create(changes.to_create, batch_size=500)
    if changes.to_update:
        now = timezone.now()  # bulk_update does not run auto_now
        for person, _ in changes.to_update:
            person.updated_at = now
        Person.objects.bulk_update([p for p, _ in changes.to_update], _BULK_UPDATED, batch_size=500)


def _record_changes(user: User, upload: Upload, changes: _UploadChanges) -> None:
    """One audit event per person created or updated, naming the upload."""
    area = upload.area
    # read back: bulk_create sets primary keys on some databases only, and an audit event needs one
    created = Person.objects.filter(
        area=area, local_reference__in=[p.local_reference for p in changes.to_create]
    )
    events = [
        event(user, "register.person.created", person, area_code=area.ons_code, data={"upload": upload.pk})
        for person in created
    ]
    events += [
        event(
            user,
            "register.person.updated",
            person,
            area_code=area.ons_code,
            data={"upload": upload.pk, "changed": changed, "revision": person.revision},
        )
        for person, changed in changes.to_update
    ]
    record_all(events)


@transaction.atomic
def commit_upload(upload: Upload, user: User) -> Upload:
    """Add or update every person in a checked upload, in one transaction.

    Idempotent: people are matched by area and local reference; identical records are left alone, so
    uploading the same file twice changes nothing the second time. People not in the file are untouched.
    """
    upload = Upload.objects.select_for_update().select_related("area").get(pk=upload.pk)
    if upload.state != UploadState.PREVIEWED or upload.errors:
        raise ActionError("This upload has errors or has already been added. Upload a corrected file.")
    # One commit at a time per area, so a second upload matches the people the first has just added.
    # (NO KEY: rows that merely refer to the area are not held up.)
    list(Area.objects.select_for_update(no_key=True).filter(pk=upload.area_id).values_list("pk"))
    rows = [_from_json(r) for r in upload.rows]
    clashes = _register_clashes(upload.area, list(enumerate(rows, start=2)))
    if clashes:
        raise ActionError(clashes[0].message)
    changes = _match_rows(upload.area, rows, user)
    try:
        with transaction.atomic():
            _save_changes(changes)
    except IntegrityError:  # a person added by hand at the same moment
        raise ActionError(
            "Someone added or changed people in this area while the upload was being added, so nothing was "
            "added. Add the upload again: it will match the people now on the register."
        ) from None
    _record_changes(user, upload, changes)
    upload.state = UploadState.COMMITTED
    upload.created, upload.updated = len(changes.to_create), len(changes.to_update)
    upload.unchanged = changes.unchanged
    upload.committed_at = timezone.now()
    upload.committed_by = user
    upload.rows = []  # the checked copy is not kept once it is on the register
    upload.save()
    record(
        user, "register.upload.committed", upload, area_code=upload.area.ons_code, data=asdict(_plan(upload))
    )
    return upload


def _plan(upload: Upload) -> Plan:
    return Plan(upload.created, upload.updated, upload.unchanged)


# --- snapshots ------------------------------------------------------------------------------------

_NOT_COPIED = {"id", "snapshot", "person", "area", "region"}
_COPIED: list[str] = [str(f.column) for f in SnapshotRow._meta.concrete_fields if f.name not in _NOT_COPIED]


@transaction.atomic
def take_snapshot(
    as_at: date, user: User | None, *, today: date | None = None, synthetic: bool = False
) -> Snapshot:
    """Freeze every person admitted by ``as_at`` into a national snapshot, in one INSERT … SELECT."""
    if today is not None and as_at > today:
        raise ActionError("A snapshot can only be taken as at today or an earlier date", field="as_at")
    if Snapshot.objects.filter(as_at=as_at).exists():
        raise ActionError(f"There is already a snapshot as at {as_at:%d/%m/%Y}", field="as_at")
    snapshot = Snapshot.objects.create(as_at=as_at, created_by=user, synthetic=synthetic)
    q = connection.ops.quote_name
    row_table, person_table = q(str(SnapshotRow._meta.db_table)), q(str(Person._meta.db_table))
    area_table = q(str(Area._meta.db_table))
    copied = ", ".join(q(c) for c in _COPIED)
    from_person = ", ".join(f"p.{q(c)}" for c in _COPIED)
    sql = (
        f"INSERT INTO {row_table} (snapshot_id, person_id, area_id, region_id, {copied}) "  # noqa: S608  # names from _meta
        f"SELECT %s, p.id, p.area_id, a.region_id, {from_person} FROM {person_table} p "
        f"JOIN {area_table} a ON a.id = p.area_id WHERE p.admission_date <= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [snapshot.pk, as_at])
    snapshot.people = SnapshotRow.objects.filter(snapshot=snapshot).count()
    snapshot.save(update_fields=["people"])
    record(
        user,
        "register.snapshot.taken",
        snapshot,
        data={"as_at": as_at.isoformat(), "people": snapshot.people},
    )
    return snapshot


@transaction.atomic
def load_people(
    area_rows: dict[Area, list[RegisterRow]], *, acting_user: User | None, synthetic: bool
) -> int:
    """Bulk-load checked rows into empty areas (demo and benchmark data): one audit event per area."""
    total = 0
    for area, rows in area_rows.items():
        people = []
        for row in rows:
            person = Person(area=area, synthetic=synthetic, updated_by=acting_user)
            _apply(person, row_values(row))
            people.append(person)
        Person.objects.bulk_create(people, batch_size=1000)
        total += len(people)
        record(
            acting_user,
            "register.people.loaded",
            area,
            area_code=area.ons_code,
            data={"people": len(people), "synthetic": synthetic},
        )
    return total
