from django.urls import path

from municipalities import views

app_name = "municipalities"

urlpatterns = [
    path("", views.trajectory_list, name="trajectory_list"),
    path("<int:pk>/", views.trajectory_detail, name="trajectory_detail"),
    path("municipality/<int:pk>/", views.municipality_detail, name="municipality_detail"),
]
