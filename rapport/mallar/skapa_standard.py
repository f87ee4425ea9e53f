"""Write rapport/mallar/standard.docx, the repository's Word template for the report draft.

Run from the project root: .venv/bin/python rapport/mallar/skapa_standard.py. Försäkringskassan can open the result in
Word, change the styles (fonts, colours, spacing, the title page) and upload it at /rapport/mallar/, keeping the
styles and fields listed in rapport/mall.py.
"""

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

UT = Path(__file__).parent / "standard.docx"
FK_BLA = RGBColor(0x00, 0x4B, 0x87)


def skapa() -> None:
    doc = docx.Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    styles = doc.styles
    styles["Normal"].font.name = "Georgia"
    styles["Normal"].font.size = Pt(11)
    for namn, storlek in (("Title", 26), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12)):
        styles[namn].font.name = "Arial"
        styles[namn].font.size = Pt(storlek)
        styles[namn].font.color.rgb = FK_BLA
    styles["Caption"].font.name = "Arial"
    styles["Caption"].font.size = Pt(9)
    fotnot = styles.add_style("Fotnot", WD_STYLE_TYPE.PARAGRAPH)
    fotnot.base_style = styles["Normal"]
    fotnot.font.size = Pt(8)
    fotnot.paragraph_format.space_before = Pt(6)

    doc.add_paragraph("Svar på regeringsuppdrag", style="Normal")
    doc.add_paragraph("{{ titel }}", style="Title")
    doc.add_paragraph("Försäkringskassan {{ ar }}", style="Normal")
    doc.add_paragraph("Datum: {{ datum }}", style="Normal")
    doc.add_paragraph("{{ innehall }}", style="Normal")
    fot = section.footer.paragraphs[0]
    fot.text = "{{ kalla }}"
    fot.style = fotnot
    fot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.core_properties.title = "Rapport – målgrupper och insatser som finansieras av samordningsförbund"
    doc.core_properties.author = "Försäkringskassan"
    doc.save(UT)


if __name__ == "__main__":
    skapa()
    print(UT)
