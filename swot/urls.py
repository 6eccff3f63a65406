from django.urls import path

from swot import views

app_name = "swot"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("start/", views.analysis_start, name="analysis_start"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/quick/", views.item_quick_add, name="item_quick_add"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", views.item_update, name="item_update"),
    path("items/<int:pk>/inline/", views.item_inline_edit, name="item_inline_edit"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/park/", views.item_park, name="item_park"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/decide/", views.suggestion_decide, name="suggestion_decide"),
    path("tows/", views.tows, name="tows"),
    path("tows/new/", views.strategy_form, name="strategy_create"),
    path("tows/<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("tows/<int:pk>/edit/", views.strategy_form, name="strategy_update"),
    path("tows/<int:pk>/delete/", views.strategy_delete, name="strategy_delete"),
    path("coverage/", views.coverage, name="coverage"),
    path("export.xlsx", views.export, name="export"),
]
