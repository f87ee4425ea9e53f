"""Swedish text helpers."""

# Swedish alphabet order ends with å, ä, ö; code points put ä before å, and case before letters.
_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def sv_key(text: str) -> str:
    """Sort key in Swedish alphabetical order, ignoring case."""
    return text.lower().translate(_SV_ORDER)
