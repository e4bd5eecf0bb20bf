"""The emission-factor versions page and switching the current version."""

from __future__ import annotations

from django.urls import reverse

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.impact.models import EmissionFactorSet


def _public_body_member(make_user, role):
    park = Organisation.objects.create(name="Parc", slug="parc", kind=Organisation.Kind.PUBLIC_BODY)
    user = make_user(f"{role}@example.org")
    Membership.objects.create(user=user, organisation=park, role=role)
    return user


def test_everyone_sees_the_versions_and_their_sources(client, db):
    response = client.get(reverse("impact:factors"))
    assert b"https://impactco2.fr/outils/transport" in response.content
    assert b"0.218" in response.content or b"0,218" in response.content
    assert b"make-current" not in response.content


def test_an_admin_of_a_public_body_switches_the_version(client, make_user, second_version):
    client.force_login(_public_body_member(make_user, Membership.Role.ADMIN))
    response = client.post(reverse("impact:make_current", args=[second_version.pk]))
    assert response.status_code == 302
    assert EmissionFactorSet.objects.current() == second_version


def test_an_operator_may_not_switch_it(client, make_user, second_version):
    client.force_login(_public_body_member(make_user, Membership.Role.OPERATOR))
    response = client.post(reverse("impact:make_current", args=[second_version.pk]))
    assert response.status_code == 403
    assert EmissionFactorSet.objects.current().version == "ademe-impactco2-2026-12"
