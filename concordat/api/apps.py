from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "concordat.api"
    label = "api"
    verbose_name = "REST API and open data"
