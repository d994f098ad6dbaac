from django.urls import path

from concordat.accounts import views, views_grants, views_support, views_tokens, views_users

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.login, name="login"),
    path("sign-out/", views.logout, name="logout"),
    path("", views.home, name="home"),
    path("start/", views.landing, name="landing"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/set-up/<str:token>/", views.two_factor_enrol, name="two_factor_enrol"),
    path("role-requests/", views_grants.grant_list, name="grant_list"),
    path("role-requests/<int:grant_id>/", views_grants.grant_decide, name="grant_decide"),
    path("password/", views_users.password_change, name="password_change"),
    path("api-tokens/", views_tokens.api_tokens, name="api_tokens"),
    path("users/", views_users.user_list, name="user_list"),
    path("users/new/", views_users.user_create, name="user_create"),
    path("users/<int:user_id>/", views_users.user_detail, name="user_detail"),
    path("users/<int:user_id>/active/", views_users.user_active, name="user_active"),
    path("users/<int:user_id>/unlock/", views_support.user_unlock, name="user_unlock"),
    path(
        "users/<int:user_id>/two-factor/reset/",
        views_support.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
    path(
        "users/<int:user_id>/password/reset/", views_support.user_password_reset, name="user_password_reset"
    ),
    path(
        "users/<int:user_id>/roles/<int:membership_id>/remove/",
        views_users.membership_remove,
        name="membership_remove",
    ),
]
