"""The national audit trail page says whether the whole trail passed its last hash-chain check."""

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from concordat.audit.models import AuditEvent
from concordat.returns.tests.builders import submitted_return

pytestmark = pytest.mark.django_db


def test_the_audit_page_shows_the_last_check_of_the_chain(
    stocktake: Any, personas: dict[str, Any], login: Any
) -> None:
    submitted_return(stocktake, "E09000015", personas["harriet"])
    url = f"/returns/rounds/{stocktake.slug}/areas/E09000015/audit/"
    client = login("nadia")
    assert "It has not been checked yet" in client.get(url).content.decode()

    call_command("audit", "verify")
    page = client.get(url).content.decode()
    assert "The whole audit trail was checked on" in page and "were complete and unchanged" in page

    victim = AuditEvent.objects.order_by("seq")[1]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_delete")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [victim.pk])
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    page = client.get(url).content.decode()
    assert f"found it broken at event {victim.seq:,}: event {victim.seq:,} is missing (deleted)." in page
    assert "tell the service team" in page
