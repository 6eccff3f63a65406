from django.urls import path

from execution import record_views as views

app_name = "records"

urlpatterns = [
    path("enrolments/", views.enrolments_current, name="enrolments_current"),
    path("enrolments/<int:year>/", views.enrolment_grid, name="enrolments"),
    path("contacts/", views.contacts, name="contacts"),
    path("export/", views.export_page, name="export"),
    path("export/attendance.<fmt:fmt>", views.attendance_export, name="attendance_export"),
    path("export/enrolments.<fmt:fmt>", views.enrolment_export, name="enrolment_export"),
]
