"""The public survey: anyone with its address answers it, without an account."""

from django.urls import path

from surveys import public_views as views

app_name = "survey_public"

urlpatterns = [
    path("<str:token>/", views.start, name="start"),
    path("<str:token>/<str:lang>/parent/", views.answer, {"kind": "parent"}, name="parent"),
    path("<str:token>/<str:lang>/child/", views.answer, {"kind": "child"}, name="child"),
    path("<str:token>/<str:lang>/thanks/", views.thanks, name="thanks"),
]
