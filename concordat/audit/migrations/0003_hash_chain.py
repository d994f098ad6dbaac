"""The hash chain (chain.py): every event gets its place, the previous hash and its own hash, and the chain head
is made; then the database's guards, stronger than 0002's, are (re)created on both engines.

Existing events are chained in the order they were written (by id). The guards are dropped while that is done
(they refuse UPDATE) and made again at the end. On SQLite, Django alters a table by copying it into a new one,
which drops its triggers: a later migration that alters these tables must create the triggers again
(``add_guards`` below).
"""

from typing import Any

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.utils import timezone

GUARDS = {
    "sqlite": [
        """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END""",
        """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
           WHEN NOT concordat_audit_erasure_allowed()
           BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END""",
        """CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_auditchainhead
           WHEN NOT concordat_audit_erasure_allowed()
           BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END""",
        """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_auditchainhead
           WHEN NEW.seq < OLD.seq
           BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot move backwards'); END""",
    ],
    "postgresql": [
        """CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit events cannot be changed or deleted'; END; $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_auditevent
           FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()""",
        """CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger AS $$
           BEGIN
             IF current_setting('concordat.audit_erasure', true) = 'on' THEN RETURN NULL; END IF;
             RAISE EXCEPTION 'the audit trail cannot be truncated';
           END; $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
           FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate()""",
        """CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_auditchainhead
           FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate()""",
        """CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger AS $$
           BEGIN
             IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'the audit chain head cannot be deleted'; END IF;
             IF NEW.seq < OLD.seq THEN RAISE EXCEPTION 'the audit chain head cannot move backwards'; END IF;
             RETURN NEW;
           END; $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_auditchainhead
           FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only()""",
    ],
}
DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_event_no_update",
        "DROP TRIGGER IF EXISTS audit_event_no_delete",
        "DROP TRIGGER IF EXISTS audit_head_no_delete",
        "DROP TRIGGER IF EXISTS audit_head_forward_only",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent",
        "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent",
        "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_auditchainhead",
        "DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_auditchainhead",
    ],
}


def _run(statements: dict[str, list[str]], schema_editor: BaseDatabaseSchemaEditor) -> None:
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def add_guards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(GUARDS, schema_editor)


def drop_guards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        _run(DROP, schema_editor)
    elif schema_editor.connection.vendor == "postgresql":
        # The head's triggers go with its table when it is dropped; before that table exists, only the event's.
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_update ON audit_auditevent")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent")


def chain_existing(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from concordat.audit.chain import GENESIS, event_hash

    event_model: Any = apps.get_model("audit", "AuditEvent")
    head_model: Any = apps.get_model("audit", "AuditChainHead")
    seq, prev, batch = 0, GENESIS, []
    for event in event_model.objects.order_by("id").iterator(chunk_size=2000):
        seq += 1
        event.seq, event.prev_hash = seq, prev
        event.hash = prev = event_hash(event)
        batch.append(event)
        if len(batch) == 1000:
            event_model.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
            batch = []
    event_model.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
    head_model.objects.create(pk=1, seq=seq, hash=prev)


def restore_0002_guards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    drop_guards(apps, schema_editor)
    from importlib import import_module

    import_module("concordat.audit.migrations.0002_append_only_triggers").add_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.RunPython(drop_guards, restore_0002_guards),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=timezone.now),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(default=0)),
                ("hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(unique=True),
        ),
        migrations.RunPython(add_guards, drop_guards),
    ]
