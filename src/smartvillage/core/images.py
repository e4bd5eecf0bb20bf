"""Checks on uploaded photos (damage reports, vehicles, third places)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

PHOTO_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})


@deconstructible
class PhotoValidator:
    """Limit the weight and format of a photo that Pillow has opened (``forms.ImageField``)."""

    def __init__(self, max_mb: int) -> None:
        self.max_mb = max_mb

    def __call__(self, photo: Any) -> None:
        if not photo or not hasattr(photo, "image"):  # nothing new uploaded
            return
        if photo.size > self.max_mb * 1024 * 1024:
            raise ValidationError(
                _("This photo is too large (%(size)s MB): the limit is %(limit)s MB."),
                code="photo_too_large",
                params={"size": round(photo.size / 1024 / 1024, 1), "limit": self.max_mb},
            )
        if photo.image.format not in PHOTO_FORMATS:
            raise ValidationError(_("Send a JPEG, PNG or WebP photo."), code="photo_format")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhotoValidator) and other.max_mb == self.max_mb
