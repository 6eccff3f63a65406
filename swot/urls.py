from django.urls import path

from swot import views

app_name = "swot"

urlpatterns = [
    path("", views.index, name="index"),
]
