"""core.errors: the services' field errors, read back by their APIs and forms; core.booking's
guarded run turning an exclusion violation into the service's error."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError

from smartvillage.core import booking
from smartvillage.core.errors import (
    ServiceErrorsMixin,
    error_codes,
    error_dict,
    field_error,
    http_status,
)

ERRORS = {
    "too_long": "A booking lasts at most %(limit)s h.",
    "not_member": "You are not a member.",
}


def test_field_error_names_the_field_the_code_and_the_message():
    exc = field_error(ERRORS, "end", "too_long", limit=4)
    assert exc.message_dict == {"end": ["A booking lasts at most 4 h."]}
    [inner] = exc.error_dict["end"]
    assert (inner.code, inner.params) == ("too_long", {"limit": 4})


def test_field_error_refuses_an_unknown_code():
    with pytest.raises(KeyError):
        field_error(ERRORS, "end", "no_such_code")


def test_error_codes_reads_field_dicts_and_plain_errors():
    both = ValidationError(
        {
            "end": field_error(ERRORS, "end", "too_long", limit=4).error_dict["end"],
            NON_FIELD_ERRORS: field_error(ERRORS, NON_FIELD_ERRORS, "not_member").error_dict[
                NON_FIELD_ERRORS
            ],
        }
    )
    assert error_codes(both) == {"too_long", "not_member"}
    assert error_codes(booking.ResourceBusy()) == {"busy"}
    plain_list = ValidationError([ValidationError("a", code="x"), ValidationError("b")])
    assert error_codes(plain_list) == {"x"}


def test_error_dict_puts_a_plain_error_above_the_fields():
    assert error_dict(field_error(ERRORS, "end", "too_long", limit=2)) == {
        "end": ["A booking lasts at most 2 h."]
    }
    assert list(error_dict(booking.ResourceBusy())) == [NON_FIELD_ERRORS]


def test_http_status_tells_busy_person_and_request_apart():
    member = frozenset({"not_member"})
    assert http_status(booking.ResourceBusy(), member) == 503
    assert http_status(field_error(ERRORS, NON_FIELD_ERRORS, "not_member"), member) == 403
    assert http_status(field_error(ERRORS, NON_FIELD_ERRORS, "not_member")) == 422
    assert http_status(field_error(ERRORS, "end", "too_long", limit=1), member) == 422


class SlotForm(ServiceErrorsMixin, forms.Form):
    error_fields = {"origin": "origin_stop"}

    start = forms.CharField()
    origin_stop = forms.CharField()


def test_the_form_shows_each_error_on_its_field_or_above():
    form = SlotForm({"start": "x", "origin_stop": "y"})
    assert form.is_valid()
    form.apply_service_errors(
        ValidationError(
            {
                "start": ["Too early."],
                "origin": ["Outside the zone."],
                "vehicle": ["Taken."],
            }
        )
    )
    assert form.errors["start"] == ["Too early."]
    assert form.errors["origin_stop"] == ["Outside the zone."]
    assert form.non_field_errors() == ["Taken."]


def test_the_form_shows_a_plain_error_above_the_fields():
    form = SlotForm({"start": "x", "origin_stop": "y"})
    assert form.is_valid()
    form.apply_service_errors(booking.ResourceBusy())
    assert len(form.non_field_errors()) == 1
    assert not form.is_valid()


class DriverError(Exception):
    """Stands for psycopg's error, which Django chains as the IntegrityError's cause."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _violation(sqlstate: str) -> IntegrityError:
    exc = IntegrityError("refused")
    exc.__cause__ = DriverError(sqlstate)
    return exc


@pytest.mark.django_db
@pytest.mark.parametrize("lock", [True, False])
def test_run_guarded_turns_an_exclusion_violation_into_the_services_error(lock):
    def insert():
        raise _violation("23P01")

    with pytest.raises(ValidationError) as caught:
        booking.run_guarded(
            insert, lock=lock, overlap=lambda: field_error(ERRORS, "end", "too_long", limit=1)
        )
    assert error_codes(caught.value) == {"too_long"}
    assert isinstance(caught.value.__cause__, IntegrityError)


@pytest.mark.django_db
def test_run_guarded_lets_other_integrity_errors_through():
    def insert():
        raise _violation("23505")  # unique_violation: a bug, not a taken slot

    with pytest.raises(IntegrityError):
        booking.run_guarded(insert, overlap=lambda: ValidationError("never"))


@pytest.mark.django_db
def test_run_guarded_returns_what_the_function_returns():
    assert booking.run_guarded(lambda: 42, overlap=lambda: ValidationError("never")) == 42
