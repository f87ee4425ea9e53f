# A membership may cover only parts of a kommun (Göteborg's city districts in four förbund, 2013).

from django.db import migrations, models

FALT = dict(
    blank=True,
    help_text=(
        "Tomt = hela kommunen. Annars de delar (t.ex. stadsdelar) som medlemskapet gäller; en kommun kan då ingå "
        "i flera förbund samtidigt med olika delar (Göteborg 2013)."
    ),
    max_length=200,
    verbose_name="omfattning",
)


class Migration(migrations.Migration):
    dependencies = [
        ("forbund", "0003_historik"),
    ]

    operations = [
        migrations.AddField(model_name="medlemskap", name="omfattning", field=models.CharField(**FALT)),
        migrations.AddField(model_name="historicalmedlemskap", name="omfattning", field=models.CharField(**FALT)),
    ]
