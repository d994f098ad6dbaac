from django.apps import AppConfig


class GovukConfig(AppConfig):
    name = "concordat.govuk"
    label = "govuk"
