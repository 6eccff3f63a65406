from django.urls import path

from execution import views

app_name = "execution"

urlpatterns = [
    path("", views.current_year, name="current_year"),
    path("<int:year>/", views.year_view, name="year"),
    path("free-days/import/", views.free_day_import, name="free_day_import"),
    path("schools/<int:school_pk>/free-days/", views.school_free_days, name="school_free_days"),
    path(
        "schools/<int:school_pk>/free-days/remove/",
        views.school_free_day_remove_view,
        name="school_free_day_remove",
    ),
]
