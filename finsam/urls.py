from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from forbund import views as forbund_views

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    path("", forbund_views.start, name="start"),
    path("konto/logga-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", include("forbund.urls")),
    path("forbund/", include("insatser.urls")),
    path("forbund/", include("ekonomi.urls")),
    path("ekonomi/", include("ekonomi.urls_nationell")),
    path("statistik/", include("finsam.statistik.urls")),
    path("api/v1/", include("insatser.api.urls")),
    path("api/v1/", include("ekonomi.api.urls")),
    path("api/v1/", include("finsam.statistik.api_urls")),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
