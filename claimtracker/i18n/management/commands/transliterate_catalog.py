"""Regenerate Kazakh in Latin script's catalog from Kazakh's: manage.py transliterate_catalog.

Run after editing locale/kk/LC_MESSAGES/django.po (make messages does). docs/i18n.md.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from claimtracker.i18n.catalogs import convert_file
from claimtracker.i18n.transliteration import to_kazakh_latin

CATALOG = Path("LC_MESSAGES") / "django.po"


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Write locale/kk_Latn's catalog: locale/kk's, transliterated to the 2021 Latin alphabet."

    def handle(self, *args: Any, **options: Any) -> None:
        locale = Path(settings.LOCALE_PATHS[0])
        source, target = locale / "kk" / CATALOG, locale / "kk_Latn" / CATALOG
        convert_file(source, target, to_kazakh_latin, language="kk_Latn")
        self.stdout.write(f"Wrote {target.relative_to(settings.BASE_DIR)} from {source.name}.")
