"""The accounts part of the API: who am I."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from smartvillage.accounts.api_auth import AUTH
from smartvillage.accounts.models import User

router = Router(tags=["accounts"])


class MeCommuneOut(Schema):
    insee_code: str
    name: str


class MembershipOut(Schema):
    organisation: str
    organisation_slug: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    phone: str
    language: str
    commune: MeCommuneOut | None
    accessibility_needs: str
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, auth=AUTH, summary="The authenticated user's profile")
def me(request: HttpRequest) -> dict[str, object]:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "language": user.language,
        "commune": user.commune,
        "accessibility_needs": user.accessibility_needs,
        "memberships": [
            {
                "organisation": m.organisation.name,
                "organisation_slug": m.organisation.slug,
                "role": m.role,
            }
            for m in user.memberships.select_related("organisation").order_by("pk")
        ],
    }
