from forbund.access import forbund_ids_for, is_administrator, is_nationell


def roller(request):
    """Navigation needs to know which förbund the user works in and whether they are national staff."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def mina_forbund():
        from forbund.models import Forbund

        return list(Forbund.objects.filter(pk__in=forbund_ids_for(user)).only("slug", "namn"))

    return {
        "mina_forbund": mina_forbund,
        "ar_nationell": is_nationell(user) or user.is_superuser,
        "ar_administrator": is_administrator(user),
    }
