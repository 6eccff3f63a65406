from django.urls import path

from monitoring import portfolio_views as views

app_name = "portfolio"

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
]
