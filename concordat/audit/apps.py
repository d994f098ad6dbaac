from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "concordat.audit"
    label = "audit"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from concordat.audit.erasure import prepare_connection

        connection_created.connect(prepare_connection, dispatch_uid="concordat.audit.erasure")
