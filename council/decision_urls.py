"""URLs of a plan version's draft council decision, mounted at
trajectories/<int:trajectory_pk>/council/ (namespace "council_decision")."""

app_name = "council_decision"

urlpatterns: list = []
