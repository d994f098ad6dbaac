from django.urls import path

from concordat.notifications import views, views_receipts

app_name = "notifications"
urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("choices/", views.preferences, name="preferences"),
    path("invitations/<int:user_id>/", views.invite_again, name="invite_again"),
    path("notify/receipts/", views_receipts.notify_receipt, name="notify_receipt"),
]
