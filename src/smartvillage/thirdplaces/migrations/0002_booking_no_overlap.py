"""No overlapping room or machine bookings on PostgreSQL: an exclusion constraint.

Two live (not cancelled) *exclusive* bookings of one space may not have overlapping
``[starts_at, ends_at)`` ranges. Desks (an open space with a capacity) are not exclusive: the
locking rule of docs/locking.md guards their capacity. Same approach as car sharing's migration
0002: raw SQL on PostgreSQL only, no state operation (SQLite has no exclusion constraints, and
``makemigrations --check`` must stay clean). The concurrency tests import DROP_SQL/CREATE_SQL.
"""

from django.db import migrations

from smartvillage.core.migration_ops import BTREE_GIST, PostgresOnlySQL

CONSTRAINT = "thirdplaces_booking_no_overlap"

CREATE_SQL = f"""
ALTER TABLE thirdplaces_booking ADD CONSTRAINT {CONSTRAINT}
EXCLUDE USING gist (
    space_id WITH =,
    tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (exclusive AND status <> 'cancelled')
"""

DROP_SQL = f"ALTER TABLE thirdplaces_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}"


class Migration(migrations.Migration):
    dependencies = [("thirdplaces", "0001_initial")]

    operations = [PostgresOnlySQL([BTREE_GIST, CREATE_SQL], DROP_SQL)]
