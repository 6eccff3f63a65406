"""URLs that put a plan version or a progress report before the council, mounted at
trajectories/<int:trajectory_pk>/council/ (namespace "council_submission")."""

app_name = "council_submission"

urlpatterns: list = []
