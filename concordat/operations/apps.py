from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the whole service: demo set-up, benchmarks, production serving, the worker, health, backups.

    Depends on every other app.
    """

    name = "concordat.operations"
    label = "operations"

    def ready(self) -> None:
        from concordat.operations import checks  # noqa: F401  (registers the production-keys check)
