"""One place that decides who may see and change what (docs/adr/0002).

Views declare what they need and nothing checks access by hand:

    @forbund_access("read")                       any role in the förbund in the URL, or a national one
    @forbund_access("read_all", writes="write")   GET for those who see everything, POST for the förbundsadministratör
    @insats_access("read", writes="deltagare")    the insats in the URL; writing its participant counts
                                                  (insatser.access, which builds on this module)
    @nationell_access("nationell", writes="granskare")

API views declare the same with `permission_classes = [forbund_permission(...)]`, `[insats_permission(...)]` or
`[nationell_permission(...)]`. The förbund (and the insats) is resolved once from the URL and put on the request:
`request.forbund`, `request.access`, `request.insats`.

An outsider (no role in the förbund; no national role on a national page) gets 404: we do not tell outsiders what
exists. A user who may look but not do what was asked gets 403.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from rest_framework.permissions import SAFE_METHODS, BasePermission

from forbund.models import NATIONELLA_ROLLER, Behorighet, Forbund, Roll


def user_roller(user) -> list[tuple[str, int | None]]:
    """All (roll, forbund_id) pairs of a user, read once per request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_finsam_roller", None)
    if cached is None:
        cached = list(Behorighet.objects.filter(user=user).values_list("roll", "forbund_id"))
        user._finsam_roller = cached
    return cached


def is_nationell(user) -> bool:
    """Nationell handläggare or administratör: reads every förbund."""
    return any(roll in NATIONELLA_ROLLER for roll, _ in user_roller(user))


def is_administrator(user) -> bool:
    return user.is_superuser or any(roll == Roll.ADMINISTRATOR for roll, _ in user_roller(user))


def is_granskare(user) -> bool:
    """Försäkringskassan's reviewer: reviews, approves and returns förbund-years, grants lock exceptions."""
    return user.is_superuser or any(roll == Roll.GRANSKARE for roll, _ in user_roller(user))


def forbund_ids_for(user, roll: str | None = None) -> set[int]:
    return {fid for r, fid in user_roller(user) if fid is not None and (roll is None or r == roll)}


@dataclass(frozen=True)
class ForbundAccess:
    """What one user may do in one förbund."""

    forbund: Forbund
    roller: frozenset[str]

    @property
    def is_forbundsadministrator(self) -> bool:
        return Roll.FORBUNDSADMINISTRATOR in self.roller

    @property
    def is_deltagaransvarig(self) -> bool:
        return Roll.DELTAGARANSVARIG in self.roller

    @property
    def is_nationell(self) -> bool:
        return bool(self.roller & NATIONELLA_ROLLER)

    @property
    def can_read_all(self) -> bool:
        """Sees every insats and figure of the förbund (a deltagaransvarig sees only assigned insatser)."""
        return self.is_forbundsadministrator or self.is_nationell

    @property
    def can_write(self) -> bool:
        return self.is_forbundsadministrator


def access_for(user, forbund: Forbund) -> ForbundAccess | None:
    roller = frozenset(
        r for r, fid in user_roller(user) if fid == forbund.pk or (fid is None and r in NATIONELLA_ROLLER)
    )
    return ForbundAccess(forbund=forbund, roller=roller) if roller else None


# ---------------------------------------------------------------- What a view may need

# In a förbund: any role there (or a national one); every insats and figure (not a deltagaransvarig); changing the
# förbund's figures (the förbundsadministratör); the participant counts of the insats in the URL.
READ, READ_ALL, WRITE, DELTAGARE = "read", "read_all", "write", "deltagare"
# On a national page: any national role; the granskare's actions; the administratör's.
NATIONELL, GRANSKARE, ADMINISTRATOR = "nationell", "granskare", "administrator"

FORBUND_NEEDS = {
    READ: lambda access: True,
    READ_ALL: lambda access: access.can_read_all,
    WRITE: lambda access: access.can_write,
    DELTAGARE: lambda access: True,  # decided per insats (insatser.access)
}
NATIONELL_NEEDS = {NATIONELL: lambda user: True, GRANSKARE: is_granskare, ADMINISTRATOR: is_administrator}


def need_for(method: str, read: str, writes: str | dict | None) -> str:
    """The need of this request: `read` for GET, HEAD and OPTIONS; `writes` (per method, if a dict) for the others."""
    if method in SAFE_METHODS or writes is None:
        return read
    return writes.get(method, read) if isinstance(writes, dict) else writes


def check_forbund(user, forbund: Forbund | None, need: str = READ) -> ForbundAccess:
    """What this user may do in this förbund: 404 for an outsider (or no förbund), 403 when it is not `need`."""
    access = access_for(user, forbund) if forbund is not None else None
    if access is None:
        raise Http404
    if not FORBUND_NEEDS[need](access):
        raise PermissionDenied
    return access


def check_nationell(user, need: str = NATIONELL) -> None:
    """National pages: 404 for everyone without a national role; 403 for a national user without `need`."""
    if not (is_nationell(user) or user.is_superuser):
        raise Http404
    if not NATIONELL_NEEDS[need](user):
        raise PermissionDenied


def resolve_forbund(request, need: str, *, slug: str | None = None, pk: int | None = None) -> ForbundAccess:
    """Resolve the förbund of the URL (its slug, or the insats `pk` belongs to) and the user's access there once, and
    put them on the request. One insats of the förbund is resolved by insatser.access, which builds on this."""
    filters = {"slug": slug} if slug is not None else {"insatser__pk": pk}
    forbund = Forbund.objects.filter(**filters).first()
    access = check_forbund(request.user, forbund, need)
    request.forbund, request.access = forbund, access
    return access


def _forbund_needs(read: str, writes: str | dict | None) -> None:
    """A förbund-wide declaration cannot say `deltagare`: that need is decided per insats (insatser.access), and on
    the förbund alone it would let every role in."""
    needs = {read, *(writes.values() if isinstance(writes, dict) else [writes])}
    if DELTAGARE in needs:
        raise ImproperlyConfigured("The need 'deltagare' is an insats's: declare it with insatser.access.")


def forbund_access(read: str = READ, *, writes: str | dict | None = None):
    """View decorator: login, then the förbund (`slug`) of the URL resolved for the user with the need `read` for GET
    and `writes` (default: the same) for POST."""
    _forbund_needs(read, writes)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            resolve_forbund(request, need_for(request.method, read, writes), slug=kwargs["slug"])
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def nationell_access(read: str = NATIONELL, *, writes: str | None = None):
    """View decorator for national pages: login, then `read` for GET and `writes` (default: the same) for POST."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            check_nationell(request.user, need_for(request.method, read, writes))
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


class ForbundPermission(BasePermission):
    """Base of forbund_permission's classes (and insatser.access's, which resolve an insats as well)."""

    read, writes = READ, None

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False  # DRF answers 401/403, as for every API view
        need = need_for(request.method, self.read, self.writes)
        resolve_forbund(request, need, slug=view.kwargs.get("slug"), pk=view.kwargs.get("pk"))
        return True


class _NationellPermission(BasePermission):
    read, writes = NATIONELL, None

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        check_nationell(request.user, need_for(request.method, self.read, self.writes))
        return True


def forbund_permission(read: str = READ, *, writes: str | dict | None = None):
    """DRF permission class declaring what forbund_access declares for a page (the förbund from `slug`, or from the
    insats `pk` when the URL has no slug)."""
    _forbund_needs(read, writes)
    return type("ForbundPermission", (ForbundPermission,), {"read": read, "writes": writes})


def nationell_permission(read: str = NATIONELL, *, writes: str | None = None):
    """DRF permission class declaring what nationell_access declares for a page."""
    return type("NationellPermission", (_NationellPermission,), {"read": read, "writes": writes})
