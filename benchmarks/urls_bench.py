"""The project's URLs plus the benchmark's baseline page (benchmarks/settings_bench.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from finsam.urls import urlpatterns as finsam_urlpatterns
from forbund.models import Forbund


@login_required
def baseline(request):
    """A logged-in page that runs one query (besides the session and the user every logged-in page reads)."""
    namn = Forbund.objects.filter(slug=request.GET.get("slug", "")).values_list("namn", flat=True).first()
    return HttpResponse(namn or "-", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/baseline/", baseline), *finsam_urlpatterns]
