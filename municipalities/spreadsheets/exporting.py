"""Exports and templates in the columns the import reads."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils.text import slugify
from django.utils.translation import gettext

from municipalities.models import CareProvider, LeisureActor, Site, Trajectory
from municipalities.spreadsheets.actors import FIELDS as ACTOR_FIELDS
from municipalities.spreadsheets.columns import Column
from municipalities.spreadsheets.kinds import (
    CARE_PROVIDERS,
    FILE_WORDS,
    SCHOOLS,
    SHEET_TITLES,
    columns_for,
)
from municipalities.spreadsheets.providers import FIELDS as PROVIDER_FIELDS
from municipalities.spreadsheets.schools import YEAR_FIELDS
from plus_portal import spreadsheets


def export_table(*, trajectory: Trajectory, kind: str) -> tuple[list[str], list[list]]:
    """The trajectory's records of this kind in the columns the import reads.

    Schools give one row per site with its most recent school year figures.
    """
    columns = columns_for(kind)
    if kind == SCHOOLS:
        records = _school_records(trajectory)
    elif kind == CARE_PROVIDERS:
        records = _provider_records(trajectory)
    else:
        records = _actor_records(trajectory)
    rows = [[column.export(record.get(column.key)) for column in columns] for record in records]
    return [column.header for column in columns], rows


def _school_records(trajectory) -> Iterator[dict]:
    sites = (
        Site.objects.filter(school__trajectory=trajectory)
        .select_related("school", "area")
        .prefetch_related("years")
        .order_by("school__institution_number", "site_number")
    )
    for site in sites:
        school = site.school
        record = {
            "institution_number": school.institution_number,
            "school_name": school.name,
            "network": school.network,
            "levels": school.levels,
            "site_number": site.site_number,
            "site_name": site.name,
            "street": site.street,
            "postal_code": site.postal_code,
            "municipality": trajectory.municipality.name_nl,
            "area": site.area.name if site.area else "",
            "setting": site.setting,
            "latitude": site.latitude,
            "longitude": site.longitude,
            "care_offer": site.care_offer,
        }
        year = max(site.years.all(), key=lambda y: y.school_year, default=None)
        if year is not None:
            record["school_year"] = year.school_year
            record.update({key: getattr(year, attr) for key, attr in YEAR_FIELDS.items()})
        yield record


def _provider_records(trajectory) -> Iterator[dict]:
    providers = (
        CareProvider.objects.filter(trajectory=trajectory)
        .select_related("area")
        .prefetch_related("sites_served__school")
        .order_by("name")
    )
    for provider in providers:
        record = {key: getattr(provider, key) for key in PROVIDER_FIELDS if key != "area"}
        record["area"] = provider.area.name if provider.area else ""
        record["sites_served"] = tuple(
            sorted(
                (s.school.institution_number, s.site_number) for s in provider.sites_served.all()
            )
        )
        yield record


def _actor_records(trajectory) -> Iterator[dict]:
    actors = LeisureActor.objects.filter(trajectory=trajectory).select_related("area")
    for actor in actors.order_by("name"):
        record = {key: getattr(actor, key) for key in ACTOR_FIELDS if key != "area"}
        record["area"] = actor.area.name if actor.area else ""
        yield record


def export_filename(*, trajectory: Trajectory, kind: str, day: datetime.date) -> str:
    """A Dutch, readable name without extension: sint-truiden-scholen-2026-12-03."""
    return slugify(f"{trajectory.municipality.name_nl}-{FILE_WORDS[kind]}-{day.isoformat()}")


def template_filename(kind: str) -> str:
    return f"sjabloon-{FILE_WORDS[kind]}"


def export_xlsx(*, trajectory: Trajectory, kind: str) -> bytes:
    headers, rows = export_table(trajectory=trajectory, kind=kind)
    return spreadsheets.xlsx([_data_sheet(kind, headers, rows)])


def export_csv(*, trajectory: Trajectory, kind: str) -> bytes:
    headers, rows = export_table(trajectory=trajectory, kind=kind)
    return spreadsheets.csv_bytes(headers, rows)


def template_xlsx(kind: str) -> bytes:
    """An empty import file: the headers, one example row, and a sheet explaining each column."""
    columns = columns_for(kind)
    headers, example = [column.header for column in columns], [column.example for column in columns]
    return spreadsheets.xlsx([_data_sheet(kind, headers, [example]), _guide_sheet(columns)])


def template_csv(kind: str) -> bytes:
    columns = columns_for(kind)
    return spreadsheets.csv_bytes(
        [column.header for column in columns], [[column.example for column in columns]]
    )


def _data_sheet(kind: str, headers: list[str], rows: list[list]) -> spreadsheets.Sheet:
    widths = [max(12, len(header) + 2) for header in headers]
    return spreadsheets.Sheet(SHEET_TITLES[kind], headers, rows, widths=widths)


def _guide_sheet(columns: list[Column]) -> spreadsheets.Sheet:
    return spreadsheets.Sheet(
        "Uitleg",
        [
            gettext("Column"),
            gettext("Required"),
            gettext("Accepted values"),
            gettext("Also recognised as"),
        ],
        [
            [
                column.header,
                gettext("yes") if column.required else gettext("no"),
                str(column.help),
                ", ".join(column.aliases),
            ]
            for column in columns
        ],
        widths=[28, 10, 90, 50],
    )
