from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from forbund import views as forbund_views


def favicon(request):
    # static() is resolved per request: in production the hashed name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


# A database that cannot be reached is a 503 wherever it fails, middleware included (security.middleware).
handler500 = "security.middleware.server_error"

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon),
    path("", forbund_views.start, name="start"),
    path("konto/logga-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # Passwords are chosen only by their owner, through a one-time link (docs/adr/0004).
    path("konto/glomt-losenord/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("konto/glomt-losenord/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "konto/nytt-losenord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("konto/nytt-losenord/klart/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # Mina API-nycklar and the session's keep-alive (security/).
    path("konto/", include("security.urls")),
    # Användare och behörigheter (/konton/), a förbund's users, Mitt konto and the password change.
    path("", include("konton.urls")),
    path("register/", include("forbund.urls")),
    path("forbund/", include("insatser.urls")),
    path("forbund/", include("ekonomi.urls")),
    path("ekonomi/", include("ekonomi.urls_nationell")),
    path("statistik/", include("statistik.urls")),
    path("", include("rapport.urls")),  # the report draft (/statistik/rapport.docx) and its templates
    path("api/v1/", include("insatser.api.urls")),
    path("api/v1/", include("ekonomi.api.urls")),
    path("api/v1/", include("statistik.api_urls")),
    path("api/v1/", include("rapportering.api.urls")),
    path("", include("rapportering.urls")),
    # The language switch in every page's header posts here (Django's set_language: a cookie, no URL prefix).
    path("i18n/", include("django.conf.urls.i18n")),
    # The tillgänglighetsredogörelse and its feedback form, public (linked in every page's footer).
    path("tillganglighet/", include("synpunkter.urls")),
    path("", include("utfall.urls")),
    path("", include("revision.urls")),  # the revision of a förbund's year and the national §5.4
    # Releases, the open data page and the open API (/api/oppen/v1/, without login).
    path("", include("publicering.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
]
