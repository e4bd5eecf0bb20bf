"""Checks on the files of the resources library: a whitelist of types, recognised by their
extension *and* their first bytes (a renamed executable is refused), and a size limit
(``HUB_UPLOAD_MAX_MB``)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

ZIP = (b"PK\x03\x04",)
# Extension → accepted signatures (None: plain text, checked as UTF-8 without NUL bytes).
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF-",),
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "csv": None,
    "txt": None,
    "md": None,
}


def max_bytes() -> int:
    return int(getattr(settings, "HUB_UPLOAD_MAX_MB", 10)) * 1024 * 1024


@deconstructible
class ResourceFileValidator:
    def __call__(self, upload: Any) -> None:
        if not upload:
            return
        limit = max_bytes()
        if upload.size > limit:
            raise ValidationError(
                _("This file is too large (%(size)s MB): the limit is %(limit)s MB."),
                code="file_too_large",
                params={"size": round(upload.size / 1024 / 1024, 1), "limit": limit // 2**20},
            )
        extension = PurePath(upload.name).suffix.lower().lstrip(".")
        if extension not in SIGNATURES:
            raise ValidationError(
                _("This type of file is not accepted. Accepted: %(types)s."),
                code="file_type",
                params={"types": ", ".join(sorted(SIGNATURES))},
            )
        if not getattr(upload, "_committed", False):  # a new upload: check its content too
            upload.seek(0)
            head = upload.read(2048)
            upload.seek(0)
            if not _matches(extension, head):
                raise ValidationError(
                    _("The content of this file does not match its type (.%(ext)s)."),
                    code="file_content",
                    params={"ext": extension},
                )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ResourceFileValidator)


def _matches(extension: str, head: bytes) -> bool:
    signatures = SIGNATURES[extension]
    if signatures is None:
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is fine.
            return exc.start >= len(head) - 3
        return True
    return head.startswith(signatures)
