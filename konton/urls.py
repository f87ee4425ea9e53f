from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from konton import views

app_name = "konton"

urlpatterns = [
    path("konton/", views.anvandare_list, name="list"),
    path("konton/bjud-in/", views.bjud_in, name="bjud_in"),
    path("konton/logg/", views.logg, name="logg"),
    path("konton/<int:pk>/", views.anvandare_detail, name="detail"),
    path("konton/<int:pk>/inaktivera/", views.inaktivera, name="inaktivera"),
    path("konton/behorighet/<int:pk>/ta-bort/", views.roll_ta_bort, name="roll_ta_bort"),
    path("forbund/<slug:slug>/anvandare/", views.forbund_anvandare, name="forbund"),
    path("forbund/<slug:slug>/anvandare/utse/", views.forbund_utse, name="forbund_utse"),
    path("forbund/<slug:slug>/anvandare/<int:pk>/insatser/", views.forbund_insatser, name="forbund_insatser"),
    path("forbund/<slug:slug>/anvandare/<int:pk>/ta-bort/", views.forbund_ta_bort, name="forbund_ta_bort"),
    path("konto/", views.mitt_konto, name="mitt_konto"),
    # Django's view checks the old password and keeps the session; login is required by the view itself.
    path(
        "konto/losenord/",
        auth_views.PasswordChangeView.as_view(
            template_name="konton/losenord.html", success_url=reverse_lazy("konton:losenord_klart")
        ),
        name="losenord",
    ),
    path(
        "konto/losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(template_name="konton/losenord_klart.html"),
        name="losenord_klart",
    ),
]
