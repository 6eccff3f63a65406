"""URLs of a trajectory's progress reports and stories, mounted at
trajectories/<int:trajectory_pk>/reports/ (namespace "progress_reports")."""

from django.urls import path

from monitoring import report_views

app_name = "progress_reports"

urlpatterns = [
    path("", report_views.report_list, name="list"),
    path("request/", report_views.report_request, name="request"),
    path("<int:pk>/", report_views.report_detail, name="detail"),
    path("<int:pk>/download/", report_views.report_download, name="download"),
    path("<int:pk>/figures.xlsx", report_views.report_xlsx, name="xlsx"),
    path("<int:pk>/figures.csv", report_views.report_csv, name="csv"),
    path("<int:pk>/retry/", report_views.report_retry, name="retry"),
    path("<int:pk>/accept/", report_views.report_accept, name="accept"),
    path("stories/add/", report_views.story_add, name="story_add"),
    path("stories/<int:pk>/", report_views.story_edit, name="story_edit"),
    path("stories/<int:pk>/remove/", report_views.story_remove, name="story_remove"),
]
