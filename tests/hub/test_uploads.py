"""Checked uploads of the resources library: type whitelist by extension and content, size."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from smartvillage.hub.uploads import ResourceFileValidator


def _check(name, content):
    ResourceFileValidator()(SimpleUploadedFile(name, content))


def test_it_accepts_a_pdf_and_a_text_file():
    _check("guide.pdf", b"%PDF-1.7\n...")
    _check("notes.csv", b"commune,score\nLa Chapelle,50\n")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "file_type"),
        ("guide.pdf", b"MZ\x90\x00 not a pdf", "file_content"),
        ("table.csv", b"\x00\x01binary", "file_content"),
        ("photo.png", b"\xff\xd8\xff a jpeg named png", "file_content"),
    ],
)
def test_it_refuses_other_types_and_disguised_files(name, content, code):
    with pytest.raises(ValidationError) as exc:
        _check(name, content)
    assert exc.value.code == code


def test_it_refuses_files_over_the_limit(settings):
    settings.HUB_UPLOAD_MAX_MB = 1
    with pytest.raises(ValidationError) as exc:
        _check("big.pdf", b"%PDF-" + b"0" * (1024 * 1024))
    assert exc.value.code == "file_too_large"
