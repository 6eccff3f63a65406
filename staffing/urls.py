from django.urls import path

from staffing import views

app_name = "staffing"

urlpatterns = [
    path("", views.index, name="index"),
]
