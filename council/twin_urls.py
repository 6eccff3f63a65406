"""URLs of the accessible HTML twins of a plan version and a progress report, for signed-in
users, mounted at trajectories/<int:trajectory_pk>/council/ (namespace "council_twin")."""

from django.urls import path

from council import twin_views

app_name = "council_twin"

urlpatterns = [
    path("versions/<int:number>/twin/", twin_views.version_twin, name="version"),
    path("reports/<int:pk>/twin/", twin_views.report_twin, name="report"),
]
