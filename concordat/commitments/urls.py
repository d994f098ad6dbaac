from django.urls import URLPattern, URLResolver

app_name = "commitments"
urlpatterns: list[URLPattern | URLResolver] = []
