"""The nightly export (``export_feeds``, task ``ondemand.export_feeds``) writes each active
service's GTFS-Flex feed under DATA_DIR/exports, replacing the previous one whole."""

from __future__ import annotations

import zipfile

import pytest

from smartvillage.ondemand.tasks import export_feeds

pytestmark = pytest.mark.django_db


def test_every_active_service_gets_its_feed(service, stops, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    folder = tmp_path / "exports" / "gtfs-flex"
    folder.mkdir(parents=True)
    (folder / f"{service.slug}.zip").write_bytes(b"old, broken")
    export_feeds.apply().get()
    with zipfile.ZipFile(folder / f"{service.slug}.zip") as feed:
        assert "booking_rules.txt" in feed.namelist()
    assert not list(folder.glob("*.part"))


def test_an_inactive_service_is_not_exported(service, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    service.is_active = False
    service.save()
    export_feeds.apply().get()
    assert not (tmp_path / "exports" / "gtfs-flex" / f"{service.slug}.zip").exists()
