"""URLs of a plan's PDF reports; included inside actionplans/urls.py under "reports/".

    path("reports/", include(report_urls.urlpatterns)),

so they live under trajectories/<trajectory_pk>/plan/reports/ and reverse as
``actionplans:report_list`` and so on (the names take the including app's namespace).
"""

from django.urls import path

from actionplans import report_views

urlpatterns = [
    path("", report_views.report_list, name="report_list"),
    path("request/", report_views.report_request, name="report_request"),
    path("<uuid:report_id>/", report_views.report_status, name="report_status"),
    path("<uuid:report_id>/download/", report_views.report_download, name="report_download"),
    path("<uuid:report_id>/retry/", report_views.report_retry, name="report_retry"),
    path(
        "versions/<int:number>/council-decision/",
        report_views.council_decision,
        name="council_decision",
    ),
]
