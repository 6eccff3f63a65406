from django.urls import path

from execution import progress_views

app_name = "progress"

urlpatterns = [
    path("", progress_views.overview, name="overview"),
    path("actions/<int:pk>/", progress_views.action_progress, name="action"),
]
