from django.urls import path

from concordat.notifications import views_password

app_name = "passwords"
urlpatterns = [
    path("forgotten/", views_password.forgotten, name="forgotten"),
    path("forgotten/check-your-email/", views_password.check_email, name="check_email"),
    path("set/<uidb64>/<token>/", views_password.set_password, name="set_password"),
]
