from django.urls import path

from concordat.public import views, views_published, views_report

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/", views.area_list, name="area_list"),
    path("areas/<str:ons_code>/", views.area_detail, name="area_detail"),
    path("areas/<str:ons_code>/easy-read/", views.area_easy_read, name="area_easy_read"),
    path("easy-read/", views.easy_read, name="easy_read"),
    path("published/<slug:round_slug>/", views_published.round_published, name="round_published"),
    path(
        "published/<slug:round_slug>/areas/<str:ons_code>/",
        views_published.return_published,
        name="return_published",
    ),
    path(
        "published/<slug:round_slug>/areas/<str:ons_code>/preview/",
        views_published.return_preview,
        name="return_preview",
    ),
    path(
        "published/<slug:round_slug>/areas/<str:ons_code>/withdraw/",
        views_published.return_withdraw,
        name="return_withdraw",
    ),
    path("published/<slug:round_slug>/publish/", views_published.round_publish, name="round_publish"),
    path("report/", views_report.report_latest, name="report_latest"),
    path("report/<slug:round_slug>/", views_report.report_edition, name="report_edition"),
    path("report/<slug:round_slug>/easy-read/", views_report.report_easy_read, name="report_easy_read"),
    path("report/<slug:round_slug>/download/", views_report.report_download, name="report_download"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
]
