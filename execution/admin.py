from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from execution.models import SchoolFreeDay


@admin.register(SchoolFreeDay)
class SchoolFreeDayAdmin(SimpleHistoryAdmin):
    list_display = ["day", "school", "kind"]
    list_filter = ["kind"]
    list_select_related = ["school"]
    raw_id_fields = ["school"]
