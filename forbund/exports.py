from django.utils.translation import gettext as _

from forbund.selectors import Struktur


def struktur_csv_rows(struktur: Struktur):
    """One row per kommun: in a förbund, or with empty förbund columns when it has none. Swedish headings, since the
    file is read in a spreadsheet; the date is a date (written ÅÅÅÅ-MM-DD)."""
    yield [_("Datum"), _("Länskod"), _("Län"), _("Kommunkod"), _("Kommun"), _("Samordningsförbund"), _("Kortnamn")]
    rows = []
    for fs in struktur.forbund:
        for k in fs.kommuner:
            rows.append([struktur.datum, k.lan_id, k.lan.namn, k.kod, k.namn, fs.namn, fs.forbund.slug])
    for k in struktur.kommuner_utan_forbund:
        rows.append([struktur.datum, k.lan_id, k.lan.namn, k.kod, k.namn, "", ""])
    yield from sorted(rows, key=lambda r: r[3])
