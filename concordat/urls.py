from django.urls import include, path

urlpatterns = [
    path("", include("concordat.public.urls")),
    path("account/", include("concordat.accounts.urls")),
    path("returns/", include("concordat.returns.urls")),
    path("imports/", include("concordat.imports.urls")),
    path("analysis/", include("concordat.analysis.urls")),
    path("register/", include("concordat.register.urls")),
    path("commitments/", include("concordat.commitments.urls")),
    path("", include("concordat.operations.urls")),
]
