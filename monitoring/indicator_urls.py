from django.urls import path

from monitoring import indicator_views as views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("objectives/<int:objective_pk>/add/", views.indicator_add, name="add"),
    path("<int:pk>/edit/", views.indicator_edit, name="edit"),
    path("<int:pk>/remove/", views.indicator_remove, name="remove"),
    path("<int:pk>/targets/", views.indicator_targets, name="targets"),
    path("<int:pk>/results/", views.indicator_results, name="results"),
    path("<int:pk>/results/<int:result_pk>/edit/", views.result_edit, name="result_edit"),
    path("<int:pk>/results/<int:result_pk>/remove/", views.result_remove, name="result_remove"),
]
