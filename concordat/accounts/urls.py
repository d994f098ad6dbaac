from django.urls import path

from concordat.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.login, name="login"),
    path("sign-out/", views.logout, name="logout"),
    path("", views.home, name="home"),
    path("two-factor/", views.two_factor, name="two_factor"),
]
