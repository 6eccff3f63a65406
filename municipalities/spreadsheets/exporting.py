"""Exports and templates in the columns the import reads."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from municipalities.models import (
    CareProvider,
    LeisureActor,
    Site,
    Trajectory,
)
from municipalities.spreadsheets.columns import (
    _SHEET_TITLES,
    CARE_PROVIDERS,
    FILE_WORDS,
    INJECTION_PREFIXES,
    SCHOOLS,
    _decimal_text,
    columns_for,
)
from municipalities.spreadsheets.importing import _ACTOR_FIELDS, _PROVIDER_FIELDS, _YEAR_FIELDS

# --- Export ----------------------------------------------------------------------------------


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
            record.update({key: getattr(year, attr) for key, attr in _YEAR_FIELDS.items()})
        yield record


def _provider_records(trajectory) -> Iterator[dict]:
    providers = (
        CareProvider.objects.filter(trajectory=trajectory)
        .select_related("area")
        .prefetch_related("sites_served__school")
        .order_by("name")
    )
    for provider in providers:
        record = {key: getattr(provider, key) for key in _PROVIDER_FIELDS if key != "area"}
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
        record = {key: getattr(actor, key) for key in _ACTOR_FIELDS if key != "area"}
        record["area"] = actor.area.name if actor.area else ""
        yield record


def export_filename(*, trajectory: Trajectory, kind: str, day: datetime.date) -> str:
    """A Dutch, readable name without extension: sint-truiden-scholen-2026-12-03."""
    return slugify(f"{trajectory.municipality.name_nl}-{FILE_WORDS[kind]}-{day.isoformat()}")


def template_filename(kind: str) -> str:
    return f"sjabloon-{FILE_WORDS[kind]}"


def export_xlsx(*, trajectory: Trajectory, kind: str) -> bytes:
    headers, rows = export_table(trajectory=trajectory, kind=kind)
    return _xlsx(kind, headers, rows)


def export_csv(*, trajectory: Trajectory, kind: str) -> bytes:
    headers, rows = export_table(trajectory=trajectory, kind=kind)
    return _csv(headers, rows)


def template_xlsx(kind: str) -> bytes:
    """An empty import file: the headers, one example row, and a sheet explaining each column."""
    columns = columns_for(kind)
    return _xlsx(
        kind,
        [column.header for column in columns],
        [[column.example for column in columns]],
        explain=columns,
    )


def template_csv(kind: str) -> bytes:
    columns = columns_for(kind)
    return _csv([column.header for column in columns], [[column.example for column in columns]])


def _neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(INJECTION_PREFIXES):
        return "'" + value
    return value


def _csv(headers: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a BOM and semicolons: what Excel opens correctly on a Belgian computer."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            [
                _decimal_text(value) if isinstance(value, Decimal) else _neutralise(value)
                for value in row
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(kind: str, headers: list[str], rows: list[list], explain=None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_SHEET_TITLES[kind])
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 2)
    bold = Font(bold=True)

    def cell(value, font=None):
        if isinstance(value, Decimal):
            value = float(value)
        result = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and value.startswith("="):
            result.data_type = "s"  # text, never a formula
        if font:
            result.font = font
        return result

    sheet.append([cell(header, bold) for header in headers])
    for row in rows:
        sheet.append([cell(value) for value in row])
    if explain:
        guide = workbook.create_sheet("Uitleg")
        guide.column_dimensions["A"].width = 28
        guide.column_dimensions["B"].width = 10
        guide.column_dimensions["C"].width = 90
        guide.column_dimensions["D"].width = 50
        guide.append(
            [
                WriteOnlyCell(guide, value=str(text))
                for text in (
                    _("Column"),
                    _("Required"),
                    _("Accepted values"),
                    _("Also recognised as"),
                )
            ]
        )
        for column in explain:
            guide.append(
                [
                    column.header,
                    str(_("yes") if column.required else _("no")),
                    str(column.help),
                    ", ".join(column.aliases),
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
