from unittest import mock

from django.db.utils import OperationalError


def test_it_reports_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_reports_an_unreachable_database(client, db):
    with mock.patch("smartvillage.core.views.connection") as conn:
        conn.cursor.side_effect = OperationalError("down")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_it_rejects_post(client, db):
    assert client.post("/healthz").status_code == 405
