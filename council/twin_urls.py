"""URLs of the accessible HTML twins of a plan version and a progress report, for signed-in
users, mounted at trajectories/<int:trajectory_pk>/council/ (namespace "council_twin")."""

app_name = "council_twin"

urlpatterns: list = []
