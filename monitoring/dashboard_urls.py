from django.urls import path

from monitoring import dashboard_views as views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("finance/", views.finance_overview, name="finance"),
    path("finance/spending/", views.spending, name="spending"),
    path("finance/funding/<int:pk>/receipts/", views.receipts, name="receipts"),
]
