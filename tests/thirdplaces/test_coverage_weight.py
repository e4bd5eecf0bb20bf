"""The coverage page of the 874 communes of Isère and Drôme stays light for a rural 3G
connection: a summary per département, uncovered communes first, 50 rows a page; the full table
is the CSV download.

Weight: the HTML as sent (Django does not compress it) plus every local asset the page
references, gzip-compressed as WhiteNoise serves them in production
(``CompressedManifestStaticFilesStorage`` writes ``.gz`` files); map tiles excluded. The
helpers come from the home page's weight test.
"""

from __future__ import annotations

import csv
import gzip
import io

import pytest
from django.urls import reverse

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.territory.communes import DEFAULT_CSV, load_communes_file
from smartvillage.territory.models import Commune
from smartvillage.thirdplaces.models import ThirdPlace
from tests.core.test_home_weight import asset_sizes, static_file

BUDGET_BYTES = 150_000


@pytest.fixture
def territory(colo_org):
    load_communes_file(DEFAULT_CSV, progress=False)
    for code, slug in [("38225", "colo"), ("38548", "villard"), ("26281", "die")]:
        commune = Commune.objects.get(insee_code=code)
        ThirdPlace.objects.create(
            organisation=colo_org, name=f"Tiers-lieu {commune.name}", slug=slug, commune=commune,
            latitude=commune.latitude, longitude=commune.longitude,
        )  # fmt: skip
    return Commune.objects.count()


@pytest.fixture
def staff(make_user):
    user = make_user("staff@example.org")
    body = Organisation.objects.create(name="Parc", slug="parc", kind=Organisation.Kind.PUBLIC_BODY)
    Membership.objects.create(user=user, organisation=body, role=Membership.Role.OPERATOR)
    return user


def page_weight(html: str) -> tuple[int, dict[str, int]]:
    """HTML + each asset (stylesheets' images included), assets gzip-compressed."""
    sizes = {"HTML": len(html.encode())}
    for path in asset_sizes(html):
        sizes[path] = len(gzip.compress(static_file(path).read_bytes(), 9))
    return sum(sizes.values()), sizes


def test_the_coverage_page_of_874_communes_weighs_under_150_kb(client, staff, territory):
    assert territory == 874
    client.force_login(staff)
    response = client.get(reverse("thirdplaces:coverage"), {"minutes": 15, "k": 3})
    assert response.status_code == 200
    total, sizes = page_weight(response.content.decode())
    assert "/static/leaflet/leaflet.js" in sizes  # the map's script is counted
    assert total < BUDGET_BYTES, f"coverage page weighs {total} bytes: {sizes}"


def test_the_table_shows_uncovered_communes_first_50_a_page(client, staff, territory):
    client.force_login(staff)
    response = client.get(reverse("thirdplaces:coverage"), {"minutes": 15})
    page = response.context["page"]
    assert len(page.object_list) == 50
    assert page.paginator.count == 874
    assert not any(r.covered for r in page.object_list)
    populations = [r.commune.population for r in page.object_list]
    assert populations == sorted(populations, reverse=True)
    last = client.get(
        reverse("thirdplaces:coverage"), {"minutes": 15, "page": page.paginator.num_pages}
    ).context["page"]
    assert all(r.covered for r in last.object_list)
    assert "minutes=15" in response.content.decode()  # the page links keep the parameters


def test_the_summary_counts_each_departement(client, staff, territory):
    client.force_login(staff)
    lines = client.get(reverse("thirdplaces:coverage"), {"minutes": 15}).context["departements"]
    assert [line.code for line in lines] == ["26", "38"]
    assert sum(line.communes for line in lines) == 874
    analysis = client.get(reverse("thirdplaces:coverage"), {"minutes": 15}).context["analysis"]
    assert sum(line.covered_population for line in lines) == analysis.covered_population


def test_the_csv_has_every_commune_with_its_insee_code(client, staff, territory):
    client.force_login(staff)
    response = client.get(reverse("thirdplaces:coverage_csv"), {"minutes": 15})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 874
    colo = next(r for r in rows if r["insee_code"] == "38225")
    assert (colo["covered"], colo["nearest"]) == ("1", "Tiers-lieu " + colo["commune"])
    only_drome = client.get(
        reverse("thirdplaces:coverage_csv"), {"minutes": 15, "departement": "26"}
    )
    drome_rows = list(csv.DictReader(io.StringIO(only_drome.content.decode())))
    assert {r["departement"] for r in drome_rows} == {"26"}


def test_the_csv_is_for_territory_staff_and_checks_its_parameters(client, staff, member_user):
    url = reverse("thirdplaces:coverage_csv")
    assert client.get(url).status_code == 302
    client.force_login(member_user)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    assert client.get(url, {"minutes": "abc"}).status_code == 400
    assert client.post(url).status_code == 405
