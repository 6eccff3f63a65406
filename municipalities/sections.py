"""The intake's sections: each a kind of record with its form, filters and list."""

from dataclasses import dataclass, field

from django.db.models import Model, Prefetch, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_filters import FilterSet

from municipalities import filters, forms
from municipalities.models import (
    Area,
    CareProvider,
    ChildrenCount,
    Contact,
    CooperationAgreement,
    ImportBatch,
    LeisureActor,
    Need,
    School,
    Site,
    SiteYear,
    Trajectory,
)


@dataclass(frozen=True)
class Section:
    slug: str
    title: Promise
    model: type[Model]
    form: type[ModelForm]
    filterset: type[FilterSet]
    detail_fields: list[str]
    select_related: list[str] = field(default_factory=list)
    prefetch_related: list = field(default_factory=list)
    formset: type[BaseInlineFormSet] | None = None
    import_kind: str | None = None

    def records(self, trajectory: Trajectory) -> QuerySet:
        return (
            self.model.objects.filter(trajectory=trajectory)
            .select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
        )


SECTIONS = {
    section.slug: section
    for section in [
        Section(
            slug="schools",
            title=_("Schools and sites"),
            model=School,
            form=forms.SchoolForm,
            filterset=filters.SchoolFilter,
            detail_fields=["institution_number", "name", "network", "levels"],
            prefetch_related=[
                Prefetch(
                    "sites",
                    queryset=Site.objects.select_related("area").prefetch_related(
                        Prefetch("years", queryset=SiteYear.objects.order_by("-school_year"))
                    ),
                )
            ],
            formset=forms.SiteFormSet,
            import_kind=ImportBatch.Kind.SCHOOLS,
        ),
        Section(
            slug="care-providers",
            title=_("Care providers"),
            model=CareProvider,
            form=forms.CareProviderForm,
            filterset=filters.CareProviderFilter,
            detail_fields=[
                "name",
                "kind",
                "recognition",
                "capacity_5_10",
                "capacity_11_15",
                "enrolled_children",
                "slots",
                "sites_served",
                "area",
                "address",
            ],
            select_related=["area"],
            prefetch_related=["sites_served__school"],
            import_kind=ImportBatch.Kind.CARE_PROVIDERS,
        ),
        Section(
            slug="leisure-actors",
            title=_("Leisure actors"),
            model=LeisureActor,
            form=forms.LeisureActorForm,
            filterset=filters.LeisureActorFilter,
            detail_fields=[
                "name",
                "kind",
                "age_groups",
                "participants",
                "cost_level",
                "area",
                "location",
                "slots",
                "contact_name",
                "contact_email",
                "contact_phone",
                "in_partnership",
            ],
            select_related=["area"],
            import_kind=ImportBatch.Kind.LEISURE_ACTORS,
        ),
        Section(
            slug="children",
            title=_("Children per age group and area"),
            model=ChildrenCount,
            form=forms.ChildrenCountForm,
            filterset=filters.ChildrenCountFilter,
            detail_fields=["area", "age_group", "children", "vulnerable_share", "source"],
            select_related=["area"],
        ),
        Section(
            slug="needs",
            title=_("Needs of parents and schools"),
            model=Need,
            form=forms.NeedForm,
            filterset=filters.NeedFilter,
            detail_fields=[
                "voiced_by",
                "age_group",
                "slot",
                "until",
                "holiday_periods",
                "area",
                "children_concerned",
                "source",
                "respondents",
                "description",
            ],
            select_related=["area"],
        ),
        Section(
            slug="contacts",
            title=_("Contacts"),
            model=Contact,
            form=forms.ContactForm,
            filterset=filters.ContactFilter,
            detail_fields=["name", "role", "email", "phone", "user"],
            select_related=["user"],
        ),
        Section(
            slug="agreements",
            title=_("Cooperation agreements"),
            model=CooperationAgreement,
            form=forms.CooperationAgreementForm,
            filterset=filters.AgreementFilter,
            detail_fields=["status", "signed_on", "starts_on", "ends_on", "notes"],
        ),
        Section(
            slug="areas",
            title=_("Areas"),
            model=Area,
            form=forms.AreaForm,
            filterset=filters.AreaFilter,
            detail_fields=["name"],
        ),
    ]
}


def section_for(slug: str) -> Section:
    try:
        return SECTIONS[slug]
    except KeyError:
        raise Http404 from None
