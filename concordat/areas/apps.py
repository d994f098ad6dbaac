from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "concordat.areas"
    label = "areas"
