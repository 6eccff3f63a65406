"""URLs of a plan version's draft council decision, mounted at
trajectories/<int:trajectory_pk>/council/ (namespace "council_decision")."""

from django.urls import path

from council import decision_views

app_name = "council_decision"

urlpatterns = [
    path("versions/<int:number>/", decision_views.packet, name="packet"),
    path("versions/<int:number>/edit/", decision_views.edit, name="edit"),
    path("versions/<int:number>/decision.pdf", decision_views.pdf, name="pdf"),
    path("versions/<int:number>/decision.html", decision_views.html, name="html"),
    path("versions/<int:number>/decision.docx", decision_views.docx, name="docx"),
    path("versions/<int:number>/decision.jsonld", decision_views.jsonld, name="jsonld"),
]
