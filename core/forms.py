"""What every form view does with a service's refusal: each message at its field, or above the form."""

from django.core.exceptions import ValidationError


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: a field's messages at that field when the form has it, the rest
    (and a message without a field) above the form. The user's input stays in the form."""
    if hasattr(exc, "error_dict"):
        for falt, errors in exc.error_dict.items():
            form.add_error(falt if falt in form.fields else None, errors)
    else:
        form.add_error(None, exc)
