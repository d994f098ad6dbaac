from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from concordat.audit import actions
from concordat.audit.actions import event, record
from concordat.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _event(personas: dict[str, Any]) -> AuditEvent:
    return record(personas["nadia"], "test.done", personas["harriet"], area_code="E09000015", data={"x": 1})


def test_an_event_names_the_actor_the_object_and_the_area(personas: dict[str, Any]) -> None:
    event = _event(personas)
    assert event.actor_label == "Nadia Okafor (nadia)"
    assert event.object_type == "accounts.user" and event.object_id == str(personas["harriet"].pk)
    assert event.area_code == "E09000015"


def test_an_unsaved_event_has_every_field_a_keyword_built_one_has(personas: dict[str, Any]) -> None:
    """``event`` passes the fields by position: in the model's order, and to the same values as keywords."""
    assert tuple(f.attname for f in AuditEvent._meta.concrete_fields) == actions._FIELDS
    nadia, harriet = personas["nadia"], personas["harriet"]
    built = event(nadia, "test.done", harriet, area_code="E09000015", data={"x": 1})
    keywords = AuditEvent(
        actor_id=nadia.pk,
        actor_label="Nadia Okafor (nadia)",
        verb="test.done",
        object_type="accounts.user",
        object_id=str(harriet.pk),
        object_repr=str(harriet),
        area_code="E09000015",
        data={"x": 1},
    )
    fields = [f.attname for f in AuditEvent._meta.concrete_fields if f.attname != "at"]
    assert [getattr(built, f) for f in fields] == [getattr(keywords, f) for f in fields]
    assert abs(built.at - keywords.at).total_seconds() < 60
    assert event(None, "test.done", None).data == {} and event(None, "x", None).actor_label == "system"


def test_events_cannot_be_changed_or_deleted_through_the_application(personas: dict[str, Any]) -> None:
    event = _event(personas)
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="changed")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_a_raw_update_of_an_event(personas: dict[str, Any]) -> None:
    event = _event(personas)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET verb = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).verb == "test.done"
