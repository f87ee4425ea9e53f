"""Access to one insats of the URL, declared like every access (forbund.access, docs/adr/0002), which it builds on:

    @insats_access("write")                       the förbundsadministratör, on an insats they may see
    @insats_access("read", writes="deltagare")    anyone who may see the insats; its participant counts written by
                                                  the deltagaransvarig assigned to it (or the förbundsadministratör)

The förbund is resolved first (404 for an outsider, 403 without the need), then the insats as this user may see it
(404 otherwise: a deltagaransvarig sees only the insatser assigned to them); it is put on the request as
`request.insats`.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from forbund.access import DELTAGARE, READ, ForbundPermission, need_for, resolve_forbund
from insatser.selectors import insats_detail, kan_registrera_deltagare


def resolve_insats(request, need: str, *, slug: str | None, pk: int):
    """The förbund and the insats `pk` of the URL, as this user may see them, on the request; the insats."""
    access = resolve_forbund(request, need, slug=slug, pk=pk)
    request.insats = insats_detail(access=access, user=request.user, pk=pk)
    if request.insats is None:
        raise Http404
    if need == DELTAGARE and not (
        kan_registrera_deltagare(access, request.user, request.insats)
        and (access.can_write or request.insats.counts_participants)
    ):
        raise PermissionDenied
    return request.insats


def insats_access(read: str = READ, *, writes: str | dict | None = None):
    """View decorator: login, then the förbund (`slug`) and the insats (`pk`) of the URL resolved for the user with
    the need `read` for GET and `writes` (default: the same) for POST."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            need = need_for(request.method, read, writes)
            resolve_insats(request, need, slug=kwargs.get("slug"), pk=kwargs["pk"])
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


class InsatsPermission(ForbundPermission):
    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        need = need_for(request.method, self.read, self.writes)
        resolve_insats(request, need, slug=view.kwargs.get("slug"), pk=view.kwargs["pk"])
        return True


def insats_permission(read: str = READ, *, writes: str | dict | None = None):
    """DRF permission class declaring what insats_access declares for a page."""
    return type("InsatsPermission", (InsatsPermission,), {"read": read, "writes": writes})
