from django.urls import path

from execution import feed_views

app_name = "feeds"

urlpatterns = [
    path("<str:token>.ics", feed_views.feed, name="feed"),
]
