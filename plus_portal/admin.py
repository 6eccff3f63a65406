from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from plus_portal.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    # Django's split date-time inputs have no labels and the two-list group picker's help
    # icon carries a prohibited ARIA attribute (axe-core, WCAG 2.1 AA): login dates are read
    # only, and groups and permissions use a plain labelled multiple select.
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ()
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("PLUS portal"), {"fields": ("role",)}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("PLUS portal"), {"fields": ("role", "email")}),
    )
