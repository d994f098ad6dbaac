from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    name = "concordat.questionnaires"
    label = "questionnaires"
