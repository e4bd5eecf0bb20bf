"""Migration operations shared by the apps.

``PostgresOnlySQL`` runs raw SQL on PostgreSQL and does nothing on any other database. The
exclusion constraints that forbid overlapping bookings (docs/locking.md) use it: SQLite cannot
have them, so they live in the database only, with no state operation, and
``makemigrations --check`` stays clean on both databases.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import ProjectState

# ``=`` on an integer column inside a GiST index (the resource id of an exclusion constraint).
# A trusted extension since PostgreSQL 13: a database owner may create it.
BTREE_GIST = "CREATE EXTENSION IF NOT EXISTS btree_gist"


class PostgresOnlySQL(migrations.RunSQL):
    """``RunSQL`` that runs on PostgreSQL only (a no-op on SQLite), without state changes.

    ``sql`` and ``reverse_sql`` are what ``RunSQL`` takes: a string or a list of statements.
    """

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return "Raw SQL operation (PostgreSQL only)"
