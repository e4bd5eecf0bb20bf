"""Field-level validation errors shared by the services' workflows, forms and APIs.

A service keeps its own translated messages in an ``ERRORS`` dict (code → message) and raises
``field_error(ERRORS, field, code, **params)``: a ``ValidationError`` whose dict maps the field
(or ``NON_FIELD_ERRORS``) to one error carrying the code and the message's parameters. Callers
read it back with ``error_codes`` (what went wrong, for tests and HTTP statuses) and
``error_dict`` (field → messages, the body of an API's 422; ``http_status`` picks 422, 403 or
503). Forms show it with
``ServiceErrorsMixin.apply_service_errors``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def field_error(
    messages: Mapping[str, Any], field: str, code: str, **params: Any
) -> ValidationError:
    """``{field: [messages[code] % params]}``, keeping ``code`` and ``params`` on the error."""
    return ValidationError({field: [ValidationError(messages[code], code=code, params=params)]})


def error_codes(exc: ValidationError) -> set[str]:
    """The codes of every error in ``exc``, whether it is a field dict or a plain error list."""
    errors = (
        [e for errs in exc.error_dict.values() for e in errs]
        if hasattr(exc, "error_dict")
        else exc.error_list
    )
    return {e.code for e in errors if e.code}


def error_dict(exc: ValidationError) -> dict[str, list[str]]:
    """Field → messages, also for a plain (non-field) error such as ``ResourceBusy``."""
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {NON_FIELD_ERRORS: exc.messages}


def http_status(exc: ValidationError, member_errors: Collection[str] = ()) -> int:
    """The API status of a service's refusal: 503 when the resource stayed locked (``busy``,
    retry later), 403 for an error about the person (``member_errors``: not a member,
    suspended…), 422 for the request itself."""
    codes = error_codes(exc)
    if "busy" in codes:
        return 503
    if codes & set(member_errors):
        return 403
    return 422


class ServiceErrorsMixin:
    """For forms: show a service's ``ValidationError`` on the fields it names.

    Errors on a field the form does not have, and plain errors, go above the form. A form whose
    fields are named differently from the service's maps them in ``error_fields``
    (service field → form field).
    """

    error_fields: Mapping[str, str] = {}

    def apply_service_errors(self, exc: ValidationError) -> None:
        form: Any = self
        if not hasattr(exc, "error_dict"):
            form.add_error(None, exc)
            return
        for field, errors in exc.error_dict.items():
            name = self.error_fields.get(field, field)
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
