from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlusPortalConfig(AppConfig):
    name = "plus_portal"
    verbose_name = _("PLUS portal")
