"""Authorization matrix: accounts, organisations, invitations, and allauth's pages."""

from smartvillage.accounts.models import Invitation, Membership
from tests.authz import ADMIN_ONLY, API_SIGNED_IN, PUBLIC, SIGNED_IN, Entry

ORG = "login ok ok 404 ok ok"  # every member of the organisation, not outsiders


def build(world):
    world.invitation, world.invitation_key = Invitation.create(
        world.org, "newcomer@example.org", Membership.Role.MEMBER, world.admin
    )
    world.resident_membership = Membership.objects.get(user=world.resident, organisation=world.org)


def _org(w):
    return {"slug": w.org.slug}


def _member(w):
    return {"slug": w.org.slug, "membership_id": w.resident_membership.pk}


ENTRIES = {
    "accounts:profile": Entry(get=SIGNED_IN, post=SIGNED_IN),
    "accounts:commune_suggestions": Entry(get=SIGNED_IN, query=lambda w: {"q": "Chap"}),
    "accounts:export_data": Entry(get=SIGNED_IN),
    "accounts:delete_account": Entry(get=SIGNED_IN, post=SIGNED_IN),
    "accounts:organisations": Entry(get=SIGNED_IN),
    "accounts:organisation": Entry(get=ORG, kwargs=_org),
    "accounts:invite_member": Entry(post=ADMIN_ONLY, kwargs=_org),
    "accounts:remove_member": Entry(post=ADMIN_ONLY, kwargs=_member),
    "accounts:change_role": Entry(
        post=ADMIN_ONLY, kwargs=_member, data=lambda w: {"role": Membership.Role.DRIVER}
    ),
    "accounts:cancel_invitation": Entry(
        post=ADMIN_ONLY, kwargs=lambda w: {"slug": w.org.slug, "invitation_id": w.invitation.pk}
    ),
    # Holding the link proves access to the invited mailbox; accepting needs an account.
    "accounts:invitation": Entry(
        get=PUBLIC, post=SIGNED_IN, kwargs=lambda w: {"key": w.invitation_key}
    ),
    "api/v1/accounts/me": Entry(get=API_SIGNED_IN),
    # django-allauth. Signed-in people are sent on from the login and sign-up pages (ok).
    "account_login": Entry(get=PUBLIC),
    "account_logout": Entry(get=PUBLIC),
    "account_inactive": Entry(get=PUBLIC),
    "account_signup": Entry(get=PUBLIC),
    "account_reauthenticate": Entry(get=SIGNED_IN),
    # Re-authentication (before a sensitive change) by password or by a code sent to one's
    # own verified address: signed-in people only.
    "account_request_reauthentication_code": Entry(get=SIGNED_IN),
    "account_confirm_reauthentication_code": Entry(get=SIGNED_IN),
    "account_email": Entry(get=SIGNED_IN),
    "account_email_verification_sent": Entry(get=PUBLIC),
    "account_change_password": Entry(get=SIGNED_IN),
    "account_set_password": Entry(get=SIGNED_IN),
    "account_reset_password": Entry(get=PUBLIC),
    "account_reset_password_done": Entry(get=PUBLIC),
    "account_reset_password_from_key_done": Entry(get=PUBLIC),
    # Without a login in progress: back to the login page (signed-in people: home).
    "account_confirm_login_code": Entry(get=SIGNED_IN),
    # A wrong key shows the "invalid link" page.
    "account_confirm_email": Entry(get=PUBLIC, kwargs=lambda w: {"key": "not-a-key"}),
    "account_reset_password_from_key": Entry(
        get=PUBLIC, kwargs=lambda w: {"uidb36": "1", "key": "not-a-key"}
    ),
}
