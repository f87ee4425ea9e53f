"""Reading a draft back with python-docx: its tables by caption, its text and its images."""

import io

import docx
from docx.table import Table


def oppna(data: bytes):
    return docx.Document(io.BytesIO(data))


def tabeller(doc) -> dict[str, list[list[str]]]:
    """Every table by the caption above it ("Tabell 1. …"), as rows of cell texts."""
    ut, rubrik = {}, None
    for el in doc.element.body:
        if el.tag.endswith("}p"):
            p = next(p for p in doc.paragraphs if p._p is el)
            if p.style.name == "Caption":
                rubrik = p.text
        elif el.tag.endswith("}tbl") and rubrik:
            ut[rubrik] = [[c.text for c in rad.cells] for rad in Table(el, doc).rows]
            rubrik = None
    return ut


def tabell(doc, borjar: str) -> list[list[str]]:
    return next(rader for rubrik, rader in tabeller(doc).items() if rubrik.startswith(borjar))


def text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def kolumn(rader: list[list[str]], rubrik: str) -> dict[str, str]:
    """One column of a table in the report's layout (measures as rows): row heading -> cell."""
    k = rader[0].index(rubrik)
    return {rad[0]: rad[k] for rad in rader[1:]}
