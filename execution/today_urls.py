from django.urls import path

from execution import today_views

app_name = "today"

urlpatterns = [
    path("", today_views.today, name="today"),
    path("week/", today_views.week, name="week"),
    path("sessions/<int:pk>/attendance/", today_views.attendance, name="attendance"),
]
