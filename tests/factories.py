import datetime

import factory
from django.contrib.auth import get_user_model

from forbund.models import Behorighet, Forbund, Kommun, Lan, Medlemskap
from insatser.models import Inriktning, Insats, InsatsAr, Typ


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("losenord-123")


class ForbundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forbund

    namn = factory.Sequence(lambda n: f"Testförbund {n}")
    slug = factory.Sequence(lambda n: f"testforbund-{n}")


class MedlemskapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Medlemskap

    forbund = factory.SubFactory(ForbundFactory)
    giltig_fran = datetime.date(2020, 1, 1)


def kommun(kod: str) -> Kommun:
    return Kommun.objects.get(kod=kod)


def lan(kod: str) -> Lan:
    return Lan.objects.get(kod=kod)


class BehorighetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Behorighet

    user = factory.SubFactory(UserFactory)


class InsatsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insats
        skip_postgeneration_save = True

    forbund = factory.SubFactory(ForbundFactory)
    namn = factory.Sequence(lambda n: f"Insats {n}")
    typ = Typ.INDIVIDINRIKTAD
    inriktning = factory.LazyAttribute(
        lambda o: Inriktning.objects.get(
            kod="arbetslivsinriktad" if o.typ == Typ.INDIVIDINRIKTAD else "utveckla_samverkan"
        )
    )
    startdatum = datetime.date(2024, 1, 1)

    @factory.post_generation
    def malgrupper(self, create, extracted, **kwargs):
        if create and extracted:
            self.malgrupper.set(extracted)


class InsatsArFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InsatsAr

    insats = factory.SubFactory(InsatsFactory)
    ar = 2024
