from django.urls import path

from concordat.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("choices/", views.preferences, name="preferences"),
    path("invitations/<int:user_id>/", views.invite_again, name="invite_again"),
]
