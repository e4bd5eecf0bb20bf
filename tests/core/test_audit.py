import pytest

from smartvillage.core import audit
from smartvillage.core.models import AuditLogEntry


def test_it_records_actor_action_and_target(admin_user, organisation):
    entry = audit.record(admin_user, "accounts.organisation.updated", organisation, field="name")
    entry.refresh_from_db()
    assert entry.actor == admin_user
    assert entry.target_type == "accounts.organisation"
    assert entry.target_id == str(organisation.pk)
    assert entry.data == {"field": "name"}
    assert list(AuditLogEntry.objects.for_target(organisation)) == [entry]


def test_it_requires_a_namespaced_action(db):
    with pytest.raises(ValueError, match="namespaced"):
        audit.record(None, "deleted")


def test_it_is_append_only(admin_user):
    entry = audit.record(admin_user, "core.test.done")
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditLogEntry.objects.all().delete()
    with pytest.raises(TypeError):
        AuditLogEntry.objects.update(action="x.y.z")
    assert AuditLogEntry.objects.count() == 1
