"""URLs of a trajectory's surveys for its coordinators and officials, mounted at
trajectories/<int:trajectory_pk>/surveys/ (namespace "surveys")."""

from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/close/", views.survey_close, name="close"),
    # Any other format answers 404 in the view (svg and png only).
    path("<int:pk>/qr.<str:fmt>", views.survey_qr, name="qr"),
    path("<int:pk>/flyers/", views.flyer_request, name="flyer_request"),
    path("<int:pk>/flyers/<int:flyer_pk>/", views.flyer_status, name="flyer_status"),
    path("<int:pk>/flyers/<int:flyer_pk>/retry/", views.flyer_retry, name="flyer_retry"),
    path("<int:pk>/flyers/<int:flyer_pk>/pdf/", views.flyer_download, name="flyer_download"),
]
