from django.urls import path

from surveys import intake_views

app_name = "survey_intake"

urlpatterns = [
    path("<int:pk>/intake/", intake_views.proposal, name="proposal"),
]
