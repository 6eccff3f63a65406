"""URLs that put a plan version or a progress report before the council, mounted at
trajectories/<int:trajectory_pk>/council/ (namespace "council_submission")."""

from django.urls import path

from council import submission_views

app_name = "council_submission"

urlpatterns = [
    path("versions/<int:number>/send/", submission_views.send_version, name="send_version"),
    path("reports/<int:pk>/send/", submission_views.send_report, name="send_report"),
]
