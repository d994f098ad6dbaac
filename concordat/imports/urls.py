from django.urls import path

from concordat.imports import views

app_name = "imports"

area = "rounds/<slug:round_slug>/areas/<str:ons_code>/"
urlpatterns = [
    path(area + "upload/", views.upload, name="upload"),
    path(area + "form/", views.download_form, name="download_form"),
    path(area + "uploads/<int:document_upload_id>/", views.reading, name="reading"),
    path(area + "documents/<int:document_id>/", views.review, name="review"),
    path(area + "documents/<int:document_id>/discard/", views.discard, name="discard"),
]
