"""Public URLs without an account, mounted at the root (namespace "council_public"): the
verification page and the twins of documents sent to a council."""

from django.urls import path

from council import public_views, twin_views

app_name = "council_public"

urlpatterns = [
    path("verify/", public_views.verify, name="verify"),
    path("council/<str:token>/", twin_views.public_twin, name="twin"),
    path("council/<str:token>/pdf/", twin_views.public_pdf, name="pdf"),
]
