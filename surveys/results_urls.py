from django.urls import path

from surveys import results_views as views

app_name = "survey_results"

urlpatterns = [
    path("<int:pk>/results/", views.results_page, name="results"),
    path("<int:pk>/texts/", views.texts, name="texts"),
    path("<int:pk>/texts/<int:response_pk>/", views.text_review, name="text_review"),
    path("<int:pk>/bursts/", views.bursts, name="bursts"),
    path("<int:pk>/bursts/<int:burst_pk>/", views.burst_review, name="burst_review"),
    path("<int:pk>/answers.<fmt:fmt>", views.export_answers, name="export_answers"),
    path("<int:pk>/aggregates.<fmt:fmt>", views.export_aggregates, name="export_aggregates"),
]
