from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from actionplans.views import inbox
from plus_portal import views
from plus_portal.converters import SpreadsheetFormatConverter
from plus_portal.forms import QueuedPasswordResetForm

register_converter(SpreadsheetFormatConverter, "fmt")

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("inbox/", inbox, name="inbox"),
    path("comments/<str:label>/<int:pk>/", views.comment_add_view, name="comment_add"),
    path("comments/<int:pk>/resolve/", views.comment_resolve_view, name="comment_resolve"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("trajectories/", include("municipalities.urls")),
    path("trajectories/<int:trajectory_pk>/swot/", include("swot.urls")),
    path("trajectories/<int:trajectory_pk>/plan/", include("actionplans.urls")),
    path("staffing/", include("staffing.urls")),
    path("trajectories/<int:trajectory_pk>/calendar/", include("execution.urls")),
    path("trajectories/<int:trajectory_pk>/execution/", include("execution.progress_urls")),
    path("trajectories/<int:trajectory_pk>/sessions/", include("execution.session_urls")),
    path("trajectories/<int:trajectory_pk>/records/", include("execution.record_urls")),
    path("today/", include("execution.today_urls")),
    path("feeds/", include("execution.feed_urls")),
    path("follow-up/", include("execution.followup_urls")),
    path("trajectories/<int:trajectory_pk>/indicators/", include("monitoring.indicator_urls")),
    path("trajectories/<int:trajectory_pk>/dashboard/", include("monitoring.dashboard_urls")),
    path("trajectories/<int:trajectory_pk>/reports/", include("monitoring.report_urls")),
    path("portfolio/", include("monitoring.portfolio_urls")),
    path("trajectories/<int:trajectory_pk>/surveys/", include("surveys.urls")),
    path("trajectories/<int:trajectory_pk>/surveys/", include("surveys.results_urls")),
    path("trajectories/<int:trajectory_pk>/surveys/", include("surveys.intake_urls")),
    # The public survey: short addresses, typed from a flyer or reached by its QR code.
    path("s/", include("surveys.public_urls")),
    path("trajectories/<int:trajectory_pk>/council/", include("council.decision_urls")),
    path("trajectories/<int:trajectory_pk>/council/", include("council.submission_urls")),
    path("trajectories/<int:trajectory_pk>/council/", include("council.twin_urls")),
    path("", include("council.public_urls")),
]
