"""Profile, "my data", account deletion, organisations and invitations."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartvillage.accounts import gdpr, services
from smartvillage.accounts.adapter import set_language_cookie
from smartvillage.accounts.forms import (
    DeleteAccountForm,
    InviteForm,
    ProfileForm,
    RoleForm,
    commune_label,
)
from smartvillage.accounts.models import Invitation, Membership, User
from smartvillage.accounts.permissions import (
    get_invitation_in,
    get_membership_in,
    get_organisation_for_user,
)
from smartvillage.territory.models import Commune


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # every caller is behind login_required
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            return redirect("accounts:profile")
        form.save()
        response = redirect("accounts:profile")
        if "language" in form.changed_data:
            # The UI switches language too: this confirmation already, the next pages by cookie.
            translation.activate(user.language)
            set_language_cookie(response, user.language)
        messages.success(request, _("Your profile is saved."))
        return response
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_GET
def commune_suggestions(request: HttpRequest) -> JsonResponse:
    """Up to 15 communes for the profile's commune input, filled as the person types."""
    query = request.GET.get("q", "").strip()[:60]
    if len(query) < 2:
        return JsonResponse({"communes": []})
    if query.isdigit():
        communes = Commune.objects.filter(insee_code__startswith=query).order_by("insee_code")
    else:
        communes = Commune.objects.search(query)
    communes = communes[:15]
    return JsonResponse({"communes": [commune_label(c) for c in communes]})


@never_cache
@login_required
@require_GET
def export_data(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(
        gdpr.export_user_data(_user(request)),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    filename = f"smartvillage-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = DeleteAccountForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gdpr.erase_account(user)
        except services.LastAdminError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Goodbye!"))
            return redirect("home")
    return render(request, "accounts/delete_account.html", {"form": form})


@login_required
@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    memberships = (
        _user(request).memberships.select_related("organisation").order_by("organisation__name")
    )
    return render(request, "accounts/organisations.html", {"memberships": memberships})


def _render_organisation(
    request: HttpRequest,
    slug: str,
    invite_form: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    organisation, membership = get_organisation_for_user(request, slug)
    context: dict[str, object] = {"organisation": organisation, "membership": membership}
    if membership.sees_members:
        context["members"] = organisation.memberships.select_related("user").order_by(
            "user__last_name", "user__first_name", "user__email"
        )
    if membership.is_admin:
        context["invite_form"] = invite_form or InviteForm()
        context["invitations"] = organisation.invitations.pending().order_by("email")
        context["roles"] = Membership.Role.choices
    return render(request, "accounts/organisation.html", context, status=status)


@login_required
@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_organisation(request, slug)


@login_required
@require_POST
def invite_member(request: HttpRequest, slug: str) -> HttpResponse:
    organisation, _membership = get_organisation_for_user(request, slug, admin=True)
    form = InviteForm(request.POST)
    if form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        try:
            result = services.invite(request, organisation, email, role)
        except services.MembershipError as error:
            form.add_error("email", str(error))
        else:
            if isinstance(result, Invitation):
                messages.success(
                    request, _("An invitation is sent to %(email)s.") % {"email": email}
                )
            else:
                messages.success(request, _("%(email)s is now a member.") % {"email": email})
            return redirect("accounts:organisation", slug=slug)
    return _render_organisation(request, slug, invite_form=form, status=400)


@login_required
@require_POST
def remove_member(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organisation, _membership = get_organisation_for_user(request, slug, admin=True)
    member = get_membership_in(organisation, membership_id)
    try:
        services.remove_member(_user(request), member)
    except services.LastAdminError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is no longer a member.") % {"name": member.user})
    return redirect("accounts:organisation", slug=slug)


@login_required
@require_POST
def change_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organisation, _membership = get_organisation_for_user(request, slug, admin=True)
    member = get_membership_in(organisation, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect("accounts:organisation", slug=slug)
    try:
        changed = services.change_role(_user(request), member, form.cleaned_data["role"])
    except services.LastAdminError as error:
        messages.error(request, str(error))
    else:
        if changed:
            messages.success(request, _("The role of %(name)s is changed.") % {"name": member.user})
    return redirect("accounts:organisation", slug=slug)


@login_required
@require_POST
def cancel_invitation(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    organisation, _membership = get_organisation_for_user(request, slug, admin=True)
    invitation = get_invitation_in(organisation, invitation_id)
    if services.cancel_invitation(_user(request), invitation):
        messages.success(request, _("The invitation is cancelled."))
    return redirect("accounts:organisation", slug=slug)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, key: str) -> HttpResponse:
    """The link in an invitation email. Holding it proves access to the invited mailbox."""
    found = (
        Invitation.objects.select_related("organisation")
        .filter(key_hash=Invitation.hash_key(key))
        .first()
    )
    if found is not None and found.accepted_by_id and found.accepted_by_id == request.user.pk:
        # Signing up or in from the link already accepted it (see signals.py).
        return redirect("accounts:organisation", slug=found.organisation.slug)
    if found is None or not found.is_pending:
        return render(request, "accounts/invitation_invalid.html", status=404)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        services.accept_invitation(found, _user(request))
        messages.success(
            request, _("Welcome to %(organisation)s!") % {"organisation": found.organisation}
        )
        return redirect("accounts:organisation", slug=found.organisation.slug)
    if not request.user.is_authenticated:
        # Signing up with this address from here needs no confirmation email: the link came
        # to that mailbox (allauth then marks the address verified).
        get_adapter(request).stash_verified_email(request, found.email)
    return render(request, "accounts/invitation.html", {"invitation": found})
