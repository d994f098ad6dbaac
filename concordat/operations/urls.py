from django.conf import settings
from django.urls import path

from concordat.operations import views

app_name = "operations"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
if settings.BENCH_FLOOR_VIEW:
    urlpatterns.append(path("bench/hello", views.hello, name="bench_hello"))
