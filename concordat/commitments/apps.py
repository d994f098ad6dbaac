from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "concordat.commitments"
    label = "commitments"
