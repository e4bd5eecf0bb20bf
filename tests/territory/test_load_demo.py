import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.utils import translation

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.territory.demo import (
    AREAS,
    DEMO_PASSWORD,
    ORGANISATIONS,
    PLACES,
    USERS,
    needed_insee_codes,
)
from smartvillage.territory.models import Commune, Place, ServiceArea

MODELS = [Commune, Place, ServiceArea, Organisation, User, Membership, EmailAddress]


@pytest.fixture(autouse=True)
def _debug_and_english(settings):
    settings.DEBUG = True  # pytest-django turns it off; the command refuses to run without it
    with translation.override("en"):
        yield


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_the_demo_territory(db, capsys):
    call_command("load_demo")
    # Service apps' demos add their own places; the territory's are all there, once.
    assert Place.objects.filter(slug__in=[p.slug for p in PLACES]).count() == len(PLACES)
    assert ServiceArea.objects.filter(slug__in=[a.slug for a in AREAS]).count() == len(AREAS)
    assert Organisation.objects.filter(slug__in=[o.slug for o in ORGANISATIONS]).count() == len(
        ORGANISATIONS
    )
    assert User.objects.filter(email__in=[u.email for u in USERS]).count() == len(USERS)
    assert Commune.objects.count() > 800  # the shipped file
    out = capsys.readouterr().out
    for user in USERS:
        assert user.email in out
    assert DEMO_PASSWORD in out


def test_it_is_idempotent(db):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first


def test_its_areas_have_the_intended_communes(db):
    call_command("load_demo", verbosity=0)
    massif = ServiceArea.objects.get(slug="cc-massif-du-vercors")
    assert set(massif.communes.values_list("name", flat=True)) == {
        "Autrans-Méaudre en Vercors",
        "Corrençon-en-Vercors",
        "Engins",
        "Lans-en-Vercors",
        "Saint-Nizier-du-Moucherotte",
        "Villard-de-Lans",
    }
    assert ServiceArea.objects.get(slug="cc-royans-vercors").communes.count() == 18
    assert ServiceArea.objects.get(slug="parc-du-vercors").communes.count() == 83


def test_its_places_lie_near_their_commune(db):
    call_command("load_demo", verbosity=0)
    for place in Place.objects.select_related("commune"):
        # Within ~0.1° (about 10 km) of the commune centroid: catches swapped lat/lon.
        assert abs(place.latitude - place.commune.latitude) < 0.1, place.slug
        assert abs(place.longitude - place.commune.longitude) < 0.1, place.slug


def test_every_demo_user_can_log_in(db, client):
    call_command("load_demo", verbosity=0)
    for user in USERS:
        assert client.login(email=user.email, password=DEMO_PASSWORD), user.email
        assert EmailAddress.objects.get(email=user.email).verified
        client.logout()


def test_demo_users_log_in_through_the_allauth_form(db, client):
    call_command("load_demo", verbosity=0)
    response = client.post(
        "/accounts/login/", {"login": "driver@example.org", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_it_gives_each_role_its_membership(db):
    call_command("load_demo", verbosity=0)
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_superuser
    assert admin.is_staff
    roles = {
        (m.user.email, m.organisation.slug, m.role)
        for m in Membership.objects.select_related("user", "organisation")
    }
    assert ("orgadmin@example.org", "la-paz", Membership.Role.ADMIN) in roles
    assert ("operator@example.org", "la-paz", Membership.Role.OPERATOR) in roles
    assert ("driver@example.org", "la-paz", Membership.Role.DRIVER) in roles
    assert ("resident@example.org", "la-paz", Membership.Role.MEMBER) in roles
    assert ("energy@example.org", "vercors-soleil", Membership.Role.MEMBER) in roles
    assert ("thirdplace@example.org", "la-jolie-colo", Membership.Role.ADMIN) in roles
    assert not User.objects.filter(is_superuser=True).exclude(email="admin@example.org").exists()


def test_it_restores_a_changed_demo_password(db, client):
    call_command("load_demo", verbosity=0)
    user = User.objects.get(email="resident@example.org")
    user.set_password("something else")
    user.save()
    call_command("load_demo", "--no-communes", verbosity=0)
    assert client.login(email="resident@example.org", password=DEMO_PASSWORD)


def test_without_communes_it_needs_them_loaded(db):
    with pytest.raises(CommandError, match="missing") as excinfo:
        call_command("load_demo", "--no-communes", verbosity=0)
    assert "26074" in str(excinfo.value)
    assert counts() == dict.fromkeys(counts(), 0)


def test_without_communes_it_uses_the_existing_ones(db):
    for code in needed_insee_codes():
        Commune.objects.create(
            insee_code=code, name=code, departement=code[:2], latitude=45, longitude=5.4
        )
    call_command("load_demo", "--no-communes", verbosity=0)
    # The created communes are kept as they are (not replaced by the shipped file's rows).
    assert set(
        Commune.objects.filter(name__regex=r"^[0-9]{5}$").values_list("name", flat=True)
    ) == (needed_insee_codes())
    assert Place.objects.filter(slug__in=[p.slug for p in PLACES]).count() == len(PLACES)


def test_it_refuses_to_run_in_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo", verbosity=0)
    assert not User.objects.exists()
    call_command("load_demo", "--allow-production", verbosity=0)
    assert User.objects.filter(email__in=[u.email for u in USERS]).count() == len(USERS)


def test_demo_emails_use_a_reserved_domain():
    assert all(user.email.endswith("@example.org") for user in USERS)


def test_it_runs_the_demo_of_every_service_app(db):
    from django.apps import apps

    call_command("load_demo", verbosity=0)
    with_demo = [c for c in apps.get_app_configs() if getattr(c, "demo_command", None)]
    assert with_demo, "car sharing names its demo command"
    from smartvillage.carsharing.models import Vehicle

    assert Vehicle.objects.exists()
    # Service apps' demo people are invented too: every demo address is on the reserved domain.
    assert all(
        email.endswith("@example.org") for email in User.objects.values_list("email", flat=True)
    )


@pytest.mark.django_db(transaction=True)  # notifications leave when a real commit happens
def test_it_sends_nothing_to_the_invented_people(capsys, settings):
    from smartvillage.core import notifications

    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.SMS_BACKEND = "smartvillage.core.notifications.ConsoleSmsBackend"
    notifications.outbox.clear()
    call_command("load_demo", verbosity=0)
    out = capsys.readouterr().out
    assert "Subject:" not in out
    assert "SMS to" not in out
    assert notifications.outbox, "the services' demos did notify their people, in memory"
    notifications.outbox.clear()
