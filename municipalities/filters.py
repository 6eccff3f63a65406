import django_filters
from django.utils.translation import gettext_lazy as _

from municipalities.models import Province, Trajectory


class TrajectoryFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(
        field_name="municipality__name_nl", lookup_expr="icontains", label=_("Municipality")
    )
    province = django_filters.ChoiceFilter(
        field_name="municipality__province", choices=Province.choices, label=_("Province")
    )
    phase = django_filters.ChoiceFilter(choices=Trajectory.Phase.choices, label=_("Phase"))

    class Meta:
        model = Trajectory
        fields = ["municipality", "province", "phase"]
