"""Experience sheet pages: write, submit, moderate, publish; unpublished sheets stay hidden."""

from smartvillage.hub.models import Initiative, Status


def _sheet_data(**extra):
    data = {
        "title": "Autopartage de village", "summary": "Une voiture partagée.",
        "solution_type": "service", "stage": "running", "dimensions": ["mobility"],
        "commune_codes": "26074", "figures": "Membres: 40", "lessons": "L'assurance.",
    }  # fmt: skip
    data.update(extra)
    return data


def test_a_signed_in_person_writes_a_draft(client, author, commune):
    client.force_login(author)
    response = client.post("/hub/initiatives/new/", _sheet_data())
    sheet = Initiative.objects.get()
    assert response.status_code == 302
    assert (sheet.status, sheet.author, sheet.dimensions) == (Status.DRAFT, author, "mobility")
    assert list(sheet.communes.all()) == [commune]


def test_bad_dates_are_a_field_error_and_nothing_is_saved(client, author, commune):
    client.force_login(author)
    response = client.post(
        "/hub/initiatives/new/", _sheet_data(started_on="2026-05-01", ended_on="2026-01-01")
    )
    assert response.status_code == 200
    assert "ended_on" in response.context["form"].errors
    assert not Initiative.objects.exists()


def test_an_unpublished_sheet_is_a_404_for_others(client, draft, resident):
    assert client.get(f"/hub/initiatives/{draft.slug}/").status_code == 404
    client.force_login(resident)
    assert client.get(f"/hub/initiatives/{draft.slug}/").status_code == 404
    assert client.post(f"/hub/initiatives/{draft.slug}/submit/").status_code == 404
    assert draft not in client.get("/hub/initiatives/").context["initiatives"]


def test_the_whole_moderation_flow(client, draft, author, moderator):
    client.force_login(author)
    assert client.post(f"/hub/initiatives/{draft.slug}/submit/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert client.post(f"/hub/initiatives/{draft.slug}/publish/").status_code == 403
    client.force_login(moderator)
    assert draft.slug in client.get("/hub/moderation/").content.decode()
    assert client.get(f"/hub/initiatives/{draft.slug}/edit/").status_code == 403
    client.post(f"/hub/initiatives/{draft.slug}/publish/")
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    client.logout()
    page = client.get(f"/hub/initiatives/{draft.slug}/")
    assert page.status_code == 200
    assert draft in client.get("/hub/initiatives/").context["initiatives"]


def test_sending_back_without_a_note_changes_nothing(client, draft, author, moderator):
    client.force_login(author)
    client.post(f"/hub/initiatives/{draft.slug}/submit/")
    client.force_login(moderator)
    client.post(f"/hub/initiatives/{draft.slug}/send-back/", {"note": ""})
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    client.post(f"/hub/initiatives/{draft.slug}/send-back/", {"note": "Le budget ?"})
    draft.refresh_from_db()
    assert (draft.status, draft.moderation_note) == (Status.DRAFT, "Le budget ?")
    client.force_login(author)
    assert "Le budget ?" in client.get(f"/hub/initiatives/{draft.slug}/").content.decode()


def test_moderation_needs_post(client, draft, moderator):
    client.force_login(moderator)
    assert client.get(f"/hub/initiatives/{draft.slug}/publish/").status_code == 405


def test_the_author_names_the_actors_and_their_roles(client, author, actor, commune):
    from smartvillage.hub.models import Actor

    client.force_login(author)
    client.post(
        "/hub/initiatives/new/",
        _sheet_data(actor_roles="activ'royans: porte le projet\n\n"),
    )
    sheet = Initiative.objects.get()
    assert [(r.actor, r.role) for r in sheet.roles.all()] == [(actor, "porte le projet")]
    hidden = Actor.objects.create(kind="person", name="Cachée", slug="cachee", consent_listed=False)
    response = client.post(
        f"/hub/initiatives/{sheet.slug}/edit/", _sheet_data(actor_roles="cachee: aide\nPersonne")
    )
    assert "actor_roles" in response.context["form"].errors
    assert sheet.roles.get().actor == actor  # unchanged
    client.post(f"/hub/initiatives/{sheet.slug}/edit/", _sheet_data(actor_roles=""))
    assert not sheet.roles.exists()
    assert hidden.initiative_roles.count() == 0


def test_a_photo_needs_a_description(client, author, commune, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.authz import png_bytes

    settings.MEDIA_ROOT = tmp_path
    client.force_login(author)
    photo = SimpleUploadedFile("p.png", png_bytes(), "image/png")
    response = client.post("/hub/initiatives/new/", _sheet_data(photo=photo))
    assert "photo_alt" in response.context["form"].errors
    assert not Initiative.objects.exists()
    photo = SimpleUploadedFile("p.png", png_bytes(), "image/png")
    client.post("/hub/initiatives/new/", _sheet_data(photo=photo, photo_alt="L'arrêt"))
    assert Initiative.objects.get().photos.get().alt_text == "L'arrêt"


def test_the_csv_export_has_published_sheets_only(client, draft, author, moderator):
    import csv
    import io

    from smartvillage.hub import services

    rows = list(csv.DictReader(io.StringIO(client.get("/hub/initiatives.csv").content.decode())))
    assert rows == []
    services.submit(draft, author)
    services.publish(draft, moderator)
    rows = list(csv.DictReader(io.StringIO(client.get("/hub/initiatives.csv").content.decode())))
    assert [(r["id"], r["insee_codes"], r["dimensions"]) for r in rows] == [
        ("autostop-organise", "26074", "mobility people")
    ]


def test_only_an_editor_deletes_a_photo(client, draft, author, resident, settings, tmp_path):
    from django.core.files.base import ContentFile

    from smartvillage.hub.models import InitiativePhoto
    from tests.authz import png_bytes

    settings.MEDIA_ROOT = tmp_path
    photo = InitiativePhoto(initiative=draft, alt_text="L'arrêt")
    photo.image.save("arret.png", ContentFile(png_bytes()))
    url = f"/hub/initiatives/{draft.slug}/photos/{photo.pk}/delete/"
    client.force_login(resident)
    assert client.post(url).status_code == 404
    client.force_login(author)
    assert client.post(url).status_code == 302
    assert not draft.photos.exists()
    assert not list(tmp_path.rglob("*.png"))
