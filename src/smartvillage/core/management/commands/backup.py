"""``smartvillage backup [-o FILE]``: database + media in one archive (see core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.core import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one .tar.gz archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            help="archive to write (default: DATA_DIR/backups/smartvillage-YYYYmmdd-HHMMSS.tar.gz)",
        )
        parser.add_argument("--media-root", help="uploaded files folder (default: MEDIA_ROOT)")

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        output = Path(
            options["output"] or settings.DATA_DIR / "backups" / f"smartvillage-{stamp}.tar.gz"
        )
        media = Path(options["media_root"]) if options["media_root"] else None
        try:
            manifest = backup.backup(output, media_root=media)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            _("Backup written to %(path)s (%(engine)s, %(rows)s rows).")
            % {"path": output, "engine": manifest["engine"], "rows": rows}
        )
