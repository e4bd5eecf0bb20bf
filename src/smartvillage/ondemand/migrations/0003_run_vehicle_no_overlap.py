"""No vehicle in two places at once on PostgreSQL: an exclusion constraint on runs' shifts.

Two usable (not declined) runs of one vehicle — of the same service or of two services of the
organisation — may not have overlapping ``[shift_start, shift_end)`` ranges. ``Run.clean`` and
``planning.draft_runs`` give the clear message; this constraint is the guard when two services
plan the same day at the same moment (they lock different service days). It needs
``btree_gist``. Raw SQL on PostgreSQL only (``PostgresOnlySQL``), for the reason given in
carsharing/migrations/0002_booking_no_overlap.py (SQLite and ``makemigrations --check``).
"""

from django.db import migrations

from smartvillage.core.migration_ops import BTREE_GIST, PostgresOnlySQL

CONSTRAINT = "ondemand_run_vehicle_no_overlap"

CREATE_SQL = f"""
ALTER TABLE ondemand_run ADD CONSTRAINT {CONSTRAINT}
EXCLUDE USING gist (
    vehicle_id WITH =,
    tstzrange(shift_start, shift_end, '[)') WITH &&
) WHERE (status <> 'declined')
"""

DROP_SQL = f"ALTER TABLE ondemand_run DROP CONSTRAINT IF EXISTS {CONSTRAINT}"


class Migration(migrations.Migration):
    dependencies = [("ondemand", "0002_notifications_language_labels")]

    operations = [PostgresOnlySQL([BTREE_GIST, CREATE_SQL], DROP_SQL)]
