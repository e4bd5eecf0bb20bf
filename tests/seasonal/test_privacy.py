"""Seasonal data joins "my data" and account erasure."""

from datetime import date

from smartvillage.accounts import gdpr
from smartvillage.seasonal import services
from smartvillage.seasonal.models import (
    Application,
    HousingRequest,
    SavedSearch,
    SeasonRecord,
    WorkerProfile,
)


def test_the_export_holds_the_worker_s_profile_applications_and_seasons(
    make_job, make_profile, worker, employer, season, commune, boss
):
    make_profile(worker, my_path="Trois hivers au téléski", languages=["fr", "it"])
    services.apply(make_job(), worker, "Disponible tout l'hiver")
    services.declare_season(worker, employer, season, "Perchman", confirmed_by=boss)
    services.save_housing_request(
        HousingRequest(worker=worker, commune=commune, starts_on=date(2026, 12, 1),
                       ends_on=date(2027, 4, 1), max_rent=400)
    )  # fmt: skip
    services.save_search(worker, "Téléski", {"rome": "G1205"})
    data = gdpr.export_user_data(worker)["data"]
    assert data["seasonal.profile"]["my_path"] == "Trois hivers au téléski"
    assert data["seasonal.applications"][0]["message"] == "Disponible tout l'hiver"
    assert data["seasonal.seasons"][0]["employer"] == "remontees"
    assert data["seasonal.housing_requests"][0]["near"] == commune.insee_code
    assert data["seasonal.saved_searches"][0]["filters"] == {"rome": "G1205"}


def test_erasure_removes_the_profile_and_withdraws_live_applications(
    make_job, make_profile, worker, employer, season, commune, boss
):
    make_profile(worker, my_path="Mon parcours")
    application = services.apply(make_job(), worker, "Bonjour")
    services.declare_season(worker, employer, season, "Perchman", confirmed_by=boss)
    services.save_search(worker, "Tout", {})
    gdpr.erase_account(worker)
    application.refresh_from_db()
    assert not WorkerProfile.objects.filter(user=worker).exists()
    assert not SavedSearch.objects.filter(worker=worker).exists()
    assert application.status == Application.Status.WITHDRAWN
    assert application.message == ""
    assert SeasonRecord.objects.filter(employer=employer).count() == 1
