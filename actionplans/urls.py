from django.urls import include, path

from actionplans import report_urls, views

app_name = "actionplans"

urlpatterns = [
    path("", views.plan_view, name="plan"),
    path("create/", views.plan_create, name="plan_create"),
    path("edit/", views.plan_edit, name="plan_edit"),
    path("submit/", views.plan_submit, name="plan_submit"),
    path("decide/", views.plan_decide, name="plan_decide"),
    path("amend/", views.plan_amend, name="plan_amend"),
    path("library/", views.library, name="library"),
    path("reports/", include(report_urls.urlpatterns)),
    path("versions/<int:number>/", views.version_detail, name="version"),
    path("versions/diff/", views.version_diff, name="diff"),
    path("export.<fmt:fmt>", views.version_export, name="export"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("<str:kind>/new/", views.part_create, name="part_create"),
    path("<str:kind>/<int:pk>/", views.part_detail, name="part_detail"),
    path("<str:kind>/<int:pk>/edit/", views.part_update, name="part_update"),
    path("<str:kind>/<int:pk>/remove/", views.part_remove, name="part_remove"),
    path("<str:kind>/<int:pk>/move/", views.part_move, name="part_move"),
]
