from django.urls import include, path

urlpatterns = [
    path("", include("concordat.public.urls")),
    path("account/password/", include("concordat.notifications.urls_password")),
    path("account/", include("concordat.accounts.urls")),
    path("emails/", include("concordat.notifications.urls")),
    path("reminders/", include("concordat.reminders.urls")),
    path("returns/", include("concordat.returns.urls")),
    path("questionnaires/", include("concordat.questionnaires.urls")),
    path("imports/", include("concordat.imports.urls")),
    path("analysis/", include("concordat.analysis.urls")),
    path("register/", include("concordat.register.urls")),
    path("commitments/", include("concordat.commitments.urls")),
    path("", include("concordat.operations.urls")),
    path("api/v1/", include("concordat.api.urls")),
]

# Django's own 400 and 500 views render without context processors; these add the frame's links.
handler400 = "concordat.accounts.views.bad_request"
handler500 = "concordat.accounts.views.server_error"
