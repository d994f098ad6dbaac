from django.urls import path

from concordat.register.views import may_update, people, reports, uploads

app_name = "register"

area = "areas/<str:ons_code>/"
urlpatterns = [
    path("", people.home, name="home"),
    path("template.csv", uploads.template_csv, name="template_csv"),
    path("template.xlsx", uploads.template_xlsx, name="template_xlsx"),
    path("data-dictionary/", uploads.data_dictionary, name="data_dictionary"),
    path("snapshots/", reports.snapshots, name="snapshots"),
    path("figures/", reports.england_figures, name="england_figures"),
    path("figures/regions/<str:region_code>/", reports.region_figures, name="region_figures"),
    path("cross-check/", reports.cross_check, name="cross_check"),
    path(area, people.person_list, name="person_list"),
    path(area + "people/add/", people.person_add, name="person_add"),
    path(area + "people/<str:person_id>/", people.person_detail, name="person_detail"),
    path(area + "people/<str:person_id>/edit/", people.person_edit, name="person_edit"),
    path(area + "upload/", uploads.upload, name="upload"),
    path(area + "upload/<int:upload_id>/", uploads.upload_preview, name="upload_preview"),
    path(area + "figures/", reports.area_figures, name="area_figures"),
    path(area + "overdue/", reports.overdue, name="overdue"),
    path(area + "march-2014-return/", reports.march_2014_return, name="march_return"),
    path(area + "march-2014-return.csv", reports.march_2014_return_csv, name="march_return_csv"),
    path(area + "may-2014-update/", may_update.may_2014_update, name="may_update"),
]
