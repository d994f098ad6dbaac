from django.urls import path

from concordat.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/<slug:round_slug>/", views.round_schedule, name="round_schedule"),
]
