"""No double booking on PostgreSQL: an exclusion constraint on each vehicle's booking ranges.

Two live (not cancelled) bookings of one vehicle may not have overlapping ``[starts_at, ends_at)``
ranges. It needs the ``btree_gist`` extension (``=`` on an integer inside a GiST index).

Why raw SQL (``core.migration_ops.PostgresOnlySQL``) instead of ``Meta.constraints = [...]``: the
project also runs on SQLite, where an ExclusionConstraint in the model state cannot be created,
and ``makemigrations --check`` must stay clean there. So the constraint lives in the database
only (no state operation), on PostgreSQL only; on SQLite the service layer's locking rule is the
guard (docs/locking.md). The concurrency tests import DROP_SQL/CREATE_SQL from this module.
"""

from django.db import migrations

from smartvillage.core.migration_ops import BTREE_GIST, PostgresOnlySQL

CONSTRAINT = "carsharing_booking_no_overlap"

CREATE_SQL = f"""
ALTER TABLE carsharing_booking ADD CONSTRAINT {CONSTRAINT}
EXCLUDE USING gist (
    vehicle_id WITH =,
    tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (status <> 'cancelled')
"""

DROP_SQL = f"ALTER TABLE carsharing_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}"


class Migration(migrations.Migration):
    dependencies = [("carsharing", "0001_initial")]

    operations = [PostgresOnlySQL([BTREE_GIST, CREATE_SQL], DROP_SQL)]
