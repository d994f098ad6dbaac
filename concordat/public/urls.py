from django.urls import path

from concordat.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/", views.area_list, name="area_list"),
    path("areas/<str:ons_code>/", views.area_detail, name="area_detail"),
    path("easy-read/", views.easy_read, name="easy_read"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
]
