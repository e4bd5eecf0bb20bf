"""The shared email helpers: rendered in the recipient's language, sent after the commit."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings

from smartvillage.accounts.models import User
from smartvillage.core import notifications

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "test/hello_subject.txt": (
                            "{% load i18n %}\n  {% translate 'Cancel' %}\n {{ name }}\n"
                        ),
                        "test/hello.txt": "{% load i18n %}{% translate 'Cancel' %}: {{ name }}.",
                    },
                )
            ]
        },
    }
]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("sms_outbox"),
]


@pytest.fixture
def sms_outbox(settings):
    settings.SMS_BACKEND = "smartvillage.core.notifications.LocmemSmsBackend"
    notifications.outbox.clear()
    yield notifications.outbox
    notifications.outbox.clear()


def _user(email="ana@example.org", **extra):
    return User.objects.create_user(email=email, password="x", **extra)


@override_settings(TEMPLATES=TEMPLATES, LANGUAGE_CODE="fr", SITE_NAME="Smart Village Vercors")
def test_email_user_renders_in_the_recipient_language_after_the_commit(
    django_capture_on_commit_callbacks,
):
    english, french = _user(language="en"), _user("bea@example.org", language="")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.email_user(english, "test/hello", {"name": "Ana"})
        notifications.email_user(french, "test/hello", {"name": "Béa"})
        assert mail.outbox == []  # nothing before the commit
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["ana@example.org"], "[Smart Village Vercors] Cancel Ana", "Cancel: Ana."),
        (["bea@example.org"], "[Smart Village Vercors] Annuler Béa", "Annuler: Béa."),
    ]


@override_settings(TEMPLATES=TEMPLATES)
def test_a_rolled_back_action_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        notifications.email_user(_user(), "test/hello", {"name": "Ana"})
        transaction.set_rollback(True)
    assert callbacks == []
    assert mail.outbox == []


@override_settings(TEMPLATES=TEMPLATES)
def test_inactive_people_get_nothing_and_sms_only_when_asked(
    django_capture_on_commit_callbacks, sms_outbox
):
    gone = _user("gone@example.org", is_active=False, phone="+33600000001")
    phone_only = _user("erased@example.org", phone="+33600000002")
    phone_only.email = ""  # an address removed, a phone still known
    with django_capture_on_commit_callbacks(execute=True):
        notifications.email_user(gone, "test/hello", {"name": "G"}, sms=True)
        notifications.email_user(phone_only, "test/hello", {"name": "P"})
        notifications.email_user(phone_only, "test/hello", {"name": "P"}, sms=True)
    assert mail.outbox == []
    assert len(sms_outbox) == 1
    assert sms_outbox[0][0] == "+33600000002"


@override_settings(TEMPLATES=TEMPLATES, LANGUAGE_CODE="fr", SITE_NAME="Smart Village Vercors")
def test_email_addresses_sends_one_french_email_each(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notifications.email_addresses(
            ["a@example.org", "b@example.org"], "test/hello", {"name": "X"}
        )
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"]]
    assert {m.body for m in mail.outbox} == {"Annuler: X."}
