from django.urls import path

from concordat.register import views

app_name = "register"
urlpatterns = [
    path("", views.home, name="home"),
]
