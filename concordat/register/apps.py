from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "concordat.register"
    label = "register"
