"""Optimistic locking: a save names the version it was edited from, and a newer version refuses it.

Every app's conflict is a Konflikt, so the form views show it at the top of the form and the API answers it
with 409 (core.api.exception_handler), whatever was being saved.
"""

from django.core.exceptions import ValidationError


class Konflikt(ValidationError):
    """Someone else saved after this user opened it: `message` says what was saved and what to do."""

    message_text = ""

    def __init__(self, message=None):
        super().__init__(message or self.message_text, code="konflikt")
