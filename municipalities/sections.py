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
    # What the detail page shows, beyond the fields the form edits.
    extra_detail_fields: list[str] = field(default_factory=list)
    select_related: list[str] = field(default_factory=list)
    prefetch_related: list = field(default_factory=list)
    formset: type[BaseInlineFormSet] | None = None
    import_kind: str | None = None

    @property
    def detail_fields(self) -> list[str]:
        return [*self.form._meta.fields, *self.extra_detail_fields]

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
            select_related=["area"],
            import_kind=ImportBatch.Kind.LEISURE_ACTORS,
        ),
        Section(
            slug="children",
            title=_("Children per age group and area"),
            model=ChildrenCount,
            form=forms.ChildrenCountForm,
            filterset=filters.ChildrenCountFilter,
            select_related=["area"],
        ),
        Section(
            slug="needs",
            title=_("Needs of parents and schools"),
            model=Need,
            form=forms.NeedForm,
            filterset=filters.NeedFilter,
            select_related=["area"],
        ),
        Section(
            slug="contacts",
            title=_("Contacts"),
            model=Contact,
            form=forms.ContactForm,
            filterset=filters.ContactFilter,
            extra_detail_fields=["user"],
            select_related=["user"],
        ),
        Section(
            slug="agreements",
            title=_("Cooperation agreements"),
            model=CooperationAgreement,
            form=forms.CooperationAgreementForm,
            filterset=filters.AgreementFilter,
        ),
        Section(
            slug="areas",
            title=_("Areas"),
            model=Area,
            form=forms.AreaForm,
            filterset=filters.AreaFilter,
        ),
    ]
}


def section_for(slug: str) -> Section:
    try:
        return SECTIONS[slug]
    except KeyError:
        raise Http404 from None
