import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.choices import AgeGroup, Slot
from municipalities.models import (
    Area,
    CareProvider,
    ChildrenCount,
    Contact,
    CooperationAgreement,
    LeisureActor,
    Need,
    Province,
    School,
    Site,
    Trajectory,
)


class TrajectoryPlaceFilter(django_filters.FilterSet):
    """Trajectories by province and phase (the IN-Z portfolio filters this way)."""

    # Styled here and rendered plainly: the overview is the most visited page, and crispy's
    # field template took half of its time.
    province = django_filters.ChoiceFilter(
        field_name="municipality__province",
        choices=Province.choices,
        label=_("Province"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    phase = django_filters.ChoiceFilter(
        choices=Trajectory.Phase.choices,
        label=_("Phase"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    class Meta:
        model = Trajectory
        fields = ["province", "phase"]


class TrajectoryFilter(TrajectoryPlaceFilter):
    """The trajectory list's filters: also by the municipality's name."""

    municipality = django_filters.CharFilter(
        field_name="municipality__name_nl",
        lookup_expr="icontains",
        label=_("Municipality"),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    class Meta(TrajectoryPlaceFilter.Meta):
        fields = ["municipality", "province", "phase"]


class IntakeFilter(django_filters.FilterSet):
    """Every intake list can be searched by name and sorted by its columns."""

    search_field = "name"
    q = django_filters.CharFilter(method="search", label=_("Search"))

    def search(self, queryset, name, value):
        return queryset.filter(**{f"{self.search_field}__icontains": value})


class SchoolFilter(IntakeFilter):
    network = django_filters.ChoiceFilter(choices=School.Network.choices, label=_("Network"))
    setting = django_filters.ChoiceFilter(
        field_name="sites__setting",
        choices=Site.Setting.choices,
        label=_("Urban or rural"),
        distinct=True,
    )
    order = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("institution_number", "institution_number"),
            ("network", "network"),
        ),
        field_labels={
            "name": _("Name"),
            "institution_number": _("Instellingsnummer"),
            "network": _("Network"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = School
        fields = ["q", "network", "setting"]


class CareProviderFilter(IntakeFilter):
    kind = django_filters.ChoiceFilter(choices=CareProvider.Kind.choices, label=_("Type"))
    recognition = django_filters.ChoiceFilter(
        choices=CareProvider.Recognition.choices, label=_("Recognition")
    )
    order = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("capacity_5_10", "capacity_5_10"),
            ("capacity_11_15", "capacity_11_15"),
            ("enrolled_children", "enrolled_children"),
        ),
        field_labels={
            "name": _("Name"),
            "capacity_5_10": _("Places 5–10"),
            "capacity_11_15": _("Places 11–15"),
            "enrolled_children": _("Enrolled children"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = CareProvider
        fields = ["q", "kind", "recognition"]


class LeisureActorFilter(IntakeFilter):
    kind = django_filters.ChoiceFilter(choices=LeisureActor.Kind.choices, label=_("Type"))
    in_partnership = django_filters.BooleanFilter(label=_("In the local partnership"))
    order = django_filters.OrderingFilter(
        fields=(("name", "name"), ("kind", "kind"), ("participants", "participants")),
        field_labels={"name": _("Name"), "kind": _("Type"), "participants": _("Participants")},
        label=_("Sort by"),
    )

    class Meta:
        model = LeisureActor
        fields = ["q", "kind", "in_partnership"]


class ContactFilter(IntakeFilter):
    order = django_filters.OrderingFilter(
        fields=(("name", "name"), ("role", "role")),
        field_labels={"name": _("Name"), "role": _("Role")},
        label=_("Sort by"),
    )

    class Meta:
        model = Contact
        fields = ["q"]


class AreaFilter(IntakeFilter):
    class Meta:
        model = Area
        fields = ["q"]


class AgreementFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=CooperationAgreement.Status.choices, label=_("Status")
    )

    class Meta:
        model = CooperationAgreement
        fields = ["status"]


class ChildrenCountFilter(django_filters.FilterSet):
    age_group = django_filters.ChoiceFilter(choices=AgeGroup.choices, label=_("Age group"))
    order = django_filters.OrderingFilter(
        fields=(
            ("area__name", "area"),
            ("children", "children"),
            ("vulnerable_share", "vulnerable_share"),
        ),
        field_labels={
            "area": _("Area"),
            "children": _("Children"),
            "vulnerable_share": _("Vulnerable share"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = ChildrenCount
        fields = ["age_group"]


class NeedFilter(django_filters.FilterSet):
    age_group = django_filters.ChoiceFilter(choices=AgeGroup.choices, label=_("Age group"))
    slot = django_filters.ChoiceFilter(choices=Slot.choices, label=_("Slot"))
    voiced_by = django_filters.ChoiceFilter(choices=Need.Voice.choices, label=_("Voiced by"))
    order = django_filters.OrderingFilter(
        fields=(("age_group", "age_group"), ("slot", "slot"), ("respondents", "respondents")),
        field_labels={
            "age_group": _("Age group"),
            "slot": _("Slot"),
            "respondents": _("Respondents"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Need
        fields = ["age_group", "slot", "voiced_by"]
