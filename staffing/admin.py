from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from staffing.models import (
    Availability,
    Competence,
    DevelopmentPlan,
    ImprovementAction,
    Milestone,
    Placement,
    PlacementSlot,
    Qualification,
    Training,
    Worker,
    WorkerCompetence,
)


class WorkerCompetenceInline(admin.TabularInline):
    model = WorkerCompetence
    extra = 1


class QualificationInline(admin.TabularInline):
    model = Qualification
    extra = 1


class AvailabilityInline(admin.TabularInline):
    model = Availability
    extra = 1


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1


class TrainingInline(admin.TabularInline):
    model = Training
    extra = 1


@admin.register(Worker)
class WorkerAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "function", "regime", "trajectory_starts_on", "outcome")
    list_filter = ("function", "regime", "outcome")
    search_fields = ("first_name", "last_name", "email")
    inlines = [
        WorkerCompetenceInline,
        QualificationInline,
        AvailabilityInline,
        MilestoneInline,
        TrainingInline,
    ]


class ImprovementActionInline(admin.TabularInline):
    # Coordinators keep the POP in the portal (staffing:worker_pop); an administrator editing
    # it here is held to the same minimum of improvement actions.
    model = ImprovementAction
    extra = 0
    min_num = DevelopmentPlan.MIN_ACTIONS
    validate_min = True


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(SimpleHistoryAdmin):
    list_display = ("worker", "reviewed_on")
    inlines = [ImprovementActionInline]


class PlacementSlotInline(admin.TabularInline):
    model = PlacementSlot
    extra = 1


@admin.register(Placement)
class PlacementAdmin(SimpleHistoryAdmin):
    list_display = ("worker", "trajectory", "place", "starts_on", "ends_on", "hours_per_week")
    list_select_related = ("worker", "trajectory__municipality", "site__school")
    inlines = [PlacementSlotInline]


admin.site.register(Competence)
