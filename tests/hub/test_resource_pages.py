"""The resources library: curated by the territory staff, uploads checked."""

from django.core.files.uploadedfile import SimpleUploadedFile

from smartvillage.hub.models import Resource


def test_staff_upload_a_pdf(client, moderator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(moderator)
    response = client.post(
        "/hub/resources/new/",
        {"title": "Kit ASIS", "kind": "toolkit", "language": "fr", "dimensions": ["people"],
         "file": SimpleUploadedFile("kit.pdf", b"%PDF-1.7 kit", "application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.file.name.endswith(".pdf")
    assert resource.dimensions == "people"
    assert resource.added_by == moderator
    page = client.get("/hub/resources/", {"dimension": "people"})
    assert list(page.context["resources"]) == [resource]


def test_a_disguised_file_is_refused_and_nothing_saved(client, moderator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(moderator)
    response = client.post(
        "/hub/resources/new/",
        {"title": "Guide", "kind": "document", "language": "fr",
         "file": SimpleUploadedFile("guide.pdf", b"MZ\x90\x00", "application/pdf")},
    )  # fmt: skip
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Resource.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_resource_needs_a_file_or_an_address(client, moderator):
    client.force_login(moderator)
    response = client.post(
        "/hub/resources/new/", {"title": "Rien", "kind": "link", "language": "fr"}
    )
    assert "url" in response.context["form"].errors


def test_other_people_may_not_add_resources(client, author):
    client.force_login(author)
    assert client.get("/hub/resources/new/").status_code == 403
