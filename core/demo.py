"""Demo users and data for a newcomer's first start. Never for production (refuses when DEBUG is off)."""

from dataclasses import dataclass, field
from importlib import import_module

from django.contrib.auth import get_user_model

from forbund.models import Forbund, Roll
from forbund.services import behorighet_grant

# (username, full name, role, förbund slug). Each demo user's password is the same as the username.
DEMO_USERS = [
    ("chef", "Karin Förbundschef", Roll.FORBUNDSADMINISTRATOR, "samordningsforbundet-i-blekinge"),
    ("chef-halland", "Anders Förbundschef", Roll.FORBUNDSADMINISTRATOR, "samordningsforbundet-halland"),
    ("deltagare", "Lena Deltagaransvarig", Roll.DELTAGARANSVARIG, "samordningsforbundet-i-blekinge"),
    ("handlaggare", "Maria Handläggare", Roll.NATIONELL_HANDLAGGARE, None),
    ("admin", "Per Administratör", Roll.ADMINISTRATOR, None),
    ("granskare", "Sara Granskare", Roll.GRANSKARE, None),
]


@dataclass
class DemoContext:
    users: dict = field(default_factory=dict)  # username -> User
    forbund: dict = field(default_factory=dict)  # slug -> Forbund


def seed_demo() -> DemoContext:
    context = DemoContext()
    User = get_user_model()
    for username, full_name, roll, slug in DEMO_USERS:
        first, last = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_password(username)
            user.save()
        forbund = Forbund.objects.get(slug=slug) if slug else None
        behorighet_grant(user=user, roll=roll, forbund=forbund)
        context.users[username] = user
        if forbund:
            context.forbund[slug] = forbund
    # Each app may add its own sample data in <app>/demo.py: seed(context).
    for app in ("insatser", "ekonomi", "statistik", "revision", "rapportering", "utfall"):
        try:
            module = import_module(f"{app}.demo")
        except ModuleNotFoundError:
            continue
        module.seed(context)
    return context
