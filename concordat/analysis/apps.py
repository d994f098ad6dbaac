from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "concordat.analysis"
    label = "analysis"
