from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "concordat.synthetic"
    label = "synthetic"
    verbose_name = "Synthetic data (generated, never real)"
