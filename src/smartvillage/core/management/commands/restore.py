"""``smartvillage restore FILE [--database-url URL] [--force]``: load a backup archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from smartvillage.core import backup


class Command(BaseCommand):
    help = "Restore a backup archive (database + uploaded files) into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the .tar.gz written by `smartvillage backup`")
        parser.add_argument(
            "--database-url", default="", help="restore there (default: the configured database)"
        )
        parser.add_argument("--media-root", help="uploaded files folder (default: MEDIA_ROOT)")
        parser.add_argument(
            "--force", action="store_true", help="replace the contents of a non-empty database"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(_("%(path)s does not exist.") % {"path": path})
        try:
            result = backup.restore(
                path,
                database_url=options["database_url"],
                media_root=Path(options["media_root"]) if options["media_root"] else None,
                force=options["force"],
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Restored %(rows)s rows (%(engine)s) and %(files)s files.")
            % {
                "rows": sum(result.tables.values()),
                "engine": result.engine,
                "files": result.media_files,
            }
        )
        self.stdout.write(_("Next: smartvillage migrate (when this version is newer)."))
