from django.urls import path

from execution import session_views as views

app_name = "sessions"

urlpatterns = [
    path("", views.week, name="week"),
    path("month/", views.month, name="month"),
    path("workers/<int:pk>/", views.worker_week, name="worker_week"),
    path("workers/<int:pk>/month/", views.worker_month, name="worker_month"),
    path("regenerate/", views.regenerate, name="regenerate"),
    path("feeds/", views.feeds, name="feeds"),
    path("feeds/<int:pk>/revoke/", views.feed_revoke_view, name="feed_revoke"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/move/", views.move, name="move"),
]
