from django.urls import path

from execution import followup_views as views

app_name = "followup"

urlpatterns = [
    path("missing-attendance/", views.missing_attendance, name="missing_attendance"),
    path("my-contacts/", views.my_contacts, name="my_contacts"),
]
