from django.urls import path

from staffing import views
from staffing.forms import SECTIONS

app_name = "staffing"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("alerts/", views.alerts, name="alerts"),
    path("workers/new/", views.worker_form, name="worker_create"),
    path("workers/<int:pk>/", views.worker_detail, name="worker"),
    path("workers/<int:pk>/edit/", views.worker_form, name="worker_update"),
    path("workers/<int:pk>/pop/", views.pop_form, name="worker_pop"),
    path("workers/<int:pk>/account/", views.worker_account, name="worker_account"),
    *(
        path(
            f"workers/<int:pk>/{section}/",
            views.worker_section,
            {"section": section},
            name=f"worker_{section}",
        )
        for section in SECTIONS
    ),
    path("municipality/<int:trajectory_pk>/", views.municipality, name="municipality"),
    path(
        "municipality/<int:trajectory_pk>/suggestions/",
        views.suggestions,
        name="suggestions",
    ),
    path(
        "municipality/<int:trajectory_pk>/placements/new/",
        views.placement_form,
        name="placement_create",
    ),
    path(
        "municipality/<int:trajectory_pk>/placements/<int:pk>/",
        views.placement_form,
        name="placement_update",
    ),
]
