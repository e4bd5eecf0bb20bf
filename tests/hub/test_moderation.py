"""Moderation of the experience sheets: draft → review → published, by the territory staff."""

import pytest
from django.core.exceptions import ValidationError

from smartvillage.core.errors import error_codes
from smartvillage.core.models import AuditLogEntry
from smartvillage.hub import permissions, services
from smartvillage.hub.models import Initiative, Status


def test_it_submits_a_draft_for_review(draft, author):
    sheet = services.submit(draft, author)
    assert sheet.status == Status.REVIEW
    assert sheet.submitted_at is not None
    assert AuditLogEntry.objects.filter(action="hub.initiative.submitted").count() == 1


def test_it_refuses_to_submit_twice(draft, author):
    services.submit(draft, author)
    with pytest.raises(ValidationError) as exc:
        services.submit(draft, author)
    assert error_codes(exc.value) == {"not_draft"}


def test_it_publishes_a_sheet_in_review(draft, author, moderator):
    services.submit(draft, author)
    sheet = services.publish(draft, moderator)
    assert sheet.status == Status.PUBLISHED
    assert sheet.published_at is not None
    assert sheet.moderated_by == moderator


def test_it_does_not_publish_a_draft(draft, moderator):
    with pytest.raises(ValidationError) as exc:
        services.publish(draft, moderator)
    assert error_codes(exc.value) == {"not_in_review"}
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_sending_back_needs_a_note_and_keeps_it(draft, author, moderator):
    services.submit(draft, author)
    with pytest.raises(ValidationError) as exc:
        services.send_back(draft, moderator, "  ")
    assert error_codes(exc.value) == {"note_required"}
    sheet = services.send_back(draft, moderator, "Ajoutez le budget.")
    assert sheet.status == Status.DRAFT
    assert sheet.moderation_note == "Ajoutez le budget."


def test_editing_a_published_sheet_sends_it_back_to_review(draft, author, moderator):
    services.submit(draft, author)
    sheet = services.publish(draft, moderator)
    sheet.summary = "Changé après publication."
    services.save_initiative(sheet, author)
    sheet.refresh_from_db()
    assert sheet.status == Status.REVIEW


def test_a_new_sheet_is_a_draft_with_a_unique_slug(author, draft):
    sheet = Initiative(title="Autostop organisé", summary="x", solution_type="service")
    sheet.status = Status.PUBLISHED  # ignored: new sheets start as drafts
    services.save_initiative(sheet, author)
    assert sheet.status == Status.DRAFT
    assert sheet.author == author
    assert sheet.slug == "autostop-organise-2"


def test_an_unpublished_sheet_is_invisible_to_others(draft, author, resident, moderator):
    from django.contrib.auth.models import AnonymousUser

    assert list(Initiative.objects.visible_to(author)) == [draft]
    assert list(Initiative.objects.visible_to(resident)) == []
    assert list(Initiative.objects.visible_to(AnonymousUser())) == []
    # The moderator reads it (to moderate) but may not edit it.
    assert permissions.get_visible_initiative(moderator, draft.slug) == draft
    assert not Initiative.objects.editable_by(moderator).exists()


def test_the_organisations_staff_edit_its_sheets(draft, association, resident):
    from smartvillage.accounts.models import Membership

    assert not Initiative.objects.editable_by(resident).exists()
    Membership.objects.create(user=resident, organisation=association, role="operator")
    assert list(Initiative.objects.editable_by(resident)) == [draft]


def test_a_plain_member_of_the_organisation_does_not_edit(draft, association, resident):
    from smartvillage.accounts.models import Membership

    Membership.objects.create(user=resident, organisation=association, role="member")
    assert not Initiative.objects.editable_by(resident).exists()


def test_territory_staff_are_public_body_staff(moderator, author, resident):
    assert permissions.is_territory_staff(moderator)
    assert not permissions.is_territory_staff(author)  # staff of an association only
    assert not permissions.is_territory_staff(resident)


def test_figure_rows_read_label_value_lines(draft):
    draft.figures = "Trajets par mois: 120\nsans deux-points\n: vide\nArrêts : 14"
    assert draft.figure_rows() == [("Trajets par mois", "120"), ("Arrêts", "14")]
