import functools

from forbund.access import forbund_ids_for, is_administrator, is_nationell


def roller(request):
    """Navigation needs to know which förbund the user works in and whether they are national staff."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @functools.cache  # read once per request, however often the templates ask
    def mina_forbund():
        from forbund.models import Forbund

        ids = forbund_ids_for(user)
        if not ids:
            return []
        # A user of one förbund on that förbund's pages: the förbund the URL named, already read once for this
        # request (forbund.access.resolve_forbund).
        forbund = getattr(request, "forbund", None)
        if forbund is not None and ids == {forbund.pk}:
            return [forbund]
        return list(Forbund.objects.filter(pk__in=ids).only("slug", "namn"))

    return {
        "mina_forbund": mina_forbund,
        "ar_nationell": is_nationell(user) or user.is_superuser,
        "ar_administrator": is_administrator(user),
    }
