"""The membership imports recorded before one import record served every import move into it."""

from django.db import migrations


def copy_forward(apps, schema_editor):
    MedlemskapImport = apps.get_model("forbund", "MedlemskapImport")
    Importkorning = apps.get_model("core", "Importkorning")
    for old in MedlemskapImport.objects.order_by("pk"):
        new = Importkorning.objects.create(
            typ="medlemskap",
            user_id=old.user_id,
            filnamn=old.filnamn,
            antal=sum(1 for a in old.andringar if a.get("typ") != "oforandrad"),
            andringar=old.andringar,
        )
        # auto_now_add set the time of the migration; keep when the import was made.
        Importkorning.objects.filter(pk=new.pk).update(tidpunkt=old.tidpunkt)


def copy_back(apps, schema_editor):
    MedlemskapImport = apps.get_model("forbund", "MedlemskapImport")
    Importkorning = apps.get_model("core", "Importkorning")
    for new in Importkorning.objects.filter(typ="medlemskap").order_by("pk"):
        old = MedlemskapImport.objects.create(user_id=new.user_id, filnamn=new.filnamn, andringar=new.andringar)
        MedlemskapImport.objects.filter(pk=old.pk).update(tidpunkt=new.tidpunkt)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("forbund", "0003_historik"),
    ]

    operations = [migrations.RunPython(copy_forward, copy_back)]
