from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Commands that run the whole service: demo set-up and benchmarks. Depends on every other app."""

    name = "concordat.operations"
    label = "operations"

    def ready(self) -> None:
        from concordat.operations import checks  # noqa: F401  (registers the production-keys check)
