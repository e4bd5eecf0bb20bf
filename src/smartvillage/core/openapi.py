"""OpenAPI helpers: response examples for Django Ninja's ``openapi_extra`` (merged into the
operation of the generated document)."""

from __future__ import annotations

from typing import Any


def example(value: Any, media_type: str = "application/json", status: int = 200) -> dict[str, Any]:
    """``openapi_extra`` giving the ``status`` response of ``media_type`` an example."""
    return {"responses": {status: {"content": {media_type: {"example": value}}}}}
