from django.urls import path

from municipalities import views

app_name = "municipalities"

intake = "<int:pk>/intake/<slug:section>/"

urlpatterns = [
    path("", views.trajectory_list, name="trajectory_list"),
    path("new/", views.trajectory_start_view, name="trajectory_start"),
    path("<int:pk>/", views.trajectory_detail, name="trajectory_detail"),
    path("<int:pk>/edit/", views.trajectory_edit, name="trajectory_edit"),
    path("<int:pk>/phase/", views.trajectory_phase, name="trajectory_phase"),
    path("municipality/<int:pk>/", views.municipality_detail, name="municipality_detail"),
    path("access/", views.membership_list, name="membership_list"),
    path("access/<int:pk>/revoke/", views.membership_revoke_view, name="membership_revoke"),
    path(intake, views.record_list, name="record_list"),
    path(f"{intake}new/", views.record_create, name="record_create"),
    path(f"{intake}<int:record_pk>/", views.record_detail, name="record_detail"),
    path(f"{intake}<int:record_pk>/edit/", views.record_update, name="record_update"),
    path(f"{intake}<int:record_pk>/delete/", views.record_delete, name="record_delete"),
    path(f"{intake}<int:record_pk>/history/", views.record_history, name="record_history"),
    path(f"{intake}export.<fmt:fmt>", views.record_export, name="record_export"),
    path(f"{intake}import/", views.import_upload, name="import_upload"),
    path(f"{intake}import/<int:batch_pk>/", views.import_preview, name="import_preview"),
    path(f"{intake}template.<fmt:fmt>", views.import_template, name="import_template"),
    path("<int:pk>/intake/sites/<int:site_pk>/years/", views.site_years, name="site_years"),
    path(
        "<int:pk>/intake/contacts/<int:record_pk>/portal-access/",
        views.contact_portal_access,
        name="contact_portal_access",
    ),
]
