"""One place that decides who may see and change what.

A user without any role in a förbund gets 404 (we do not tell outsiders what exists); a user who may read but not
write gets 403 on every write.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

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


def require_granskare(user) -> None:
    """Review actions: a national reader who is not a reviewer may look (403 on the action); others get 404."""
    require_nationell(user)
    if not is_granskare(user):
        raise PermissionDenied


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


def get_forbund_access(user, slug: str, *, write: bool = False) -> ForbundAccess:
    """Resolve the förbund in the URL for this user: 404 for outsiders, 403 for a write without the right."""
    forbund = get_object_or_404(Forbund, slug=slug)
    access = access_for(user, forbund)
    if access is None:
        raise Http404
    if write and not access.can_write:
        raise PermissionDenied
    return access


def require_nationell(user) -> None:
    """National pages: only nationell handläggare and administratör; everyone else is an outsider (404)."""
    if not (is_nationell(user) or user.is_superuser):
        raise Http404
