from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "concordat.audit"
    label = "audit"
