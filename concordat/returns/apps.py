from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "concordat.returns"
    label = "returns"
