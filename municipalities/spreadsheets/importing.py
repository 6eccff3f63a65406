"""Preview and apply an import: classify rows against the database, then write them."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from municipalities.models import (
    Area,
    CareProvider,
    LeisureActor,
    Municipality,
    PostalCode,
    School,
    Site,
    SiteYear,
    Trajectory,
)
from municipalities.spreadsheets.columns import (
    _COLUMNS,
    ACTOR_COLUMNS,
    BATCH_SIZE,
    CARE_PROVIDERS,
    CHANGED,
    ERROR,
    INJECTION_PREFIXES,
    LEISURE_ACTORS,
    LEVELS,
    NEW,
    PROVIDER_COLUMNS,
    SCHOOLS,
    SETTINGS,
    STATUSES,
    UNCHANGED,
    Column,
    ImportRefused,
    _CellError,
    _collapse,
    _norm,
    _site_key_label,
    columns_for,
    current_school_year,
)

# --- Preview and apply -----------------------------------------------------------------------


@dataclass
class RowResult:
    row: int
    status: str
    cells: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class ImportPreview:
    rows: list[RowResult]
    counts: dict[str, int]
    columns: list[Column]
    has_errors: bool
    notes: list[str]


@dataclass
class _Analysis:
    preview: ImportPreview
    write: Callable[[Any], None]


def preview_import(*, trajectory: Trajectory, kind: str, rows: list[dict]) -> ImportPreview:
    """Classify every row against the database without writing anything.

    Runs a fixed number of queries: what the rows refer to is loaded once, up front.
    """
    return _analyse(trajectory, kind, rows).preview


def apply_import(*, trajectory: Trajectory, kind: str, rows: list[dict], by, allow_partial: bool):
    """Validate the rows again against the data as it is now and write them in one transaction.

    With errors, nothing is written unless ``allow_partial``; then only the valid rows are.
    Returns the counts per status.
    """
    try:
        with transaction.atomic():
            # Imports into one trajectory take turns, so each validates against the other's result.
            Trajectory.objects.select_for_update().filter(pk=trajectory.pk).exists()
            analysis = _analyse(trajectory, kind, rows)
            errors = analysis.preview.counts[ERROR]
            if errors and not allow_partial:
                raise ImportRefused(
                    ngettext(
                        "%(count)d row has errors. Correct it, or choose to import only the "
                        "valid rows.",
                        "%(count)d rows have errors. Correct them, or choose to import only the "
                        "valid rows.",
                        errors,
                    )
                    % {"count": errors}
                )
            analysis.write(by)
    except IntegrityError:
        raise ImportRefused(
            gettext("The data changed while importing. Upload the file again for a fresh preview.")
        ) from None
    return dict(analysis.preview.counts)


def import_result_message(counts: dict[str, int]) -> str:
    """What an applied import did, for the message after confirming (counts from apply)."""
    return gettext("Import done: %(new)s, %(changed)s, %(unchanged)s, %(error)s.") % {
        "new": ngettext("%(count)d new", "%(count)d new", counts[NEW]) % {"count": counts[NEW]},
        "changed": ngettext("%(count)d changed", "%(count)d changed", counts[CHANGED])
        % {"count": counts[CHANGED]},
        "unchanged": ngettext("%(count)d unchanged", "%(count)d unchanged", counts[UNCHANGED])
        % {"count": counts[UNCHANGED]},
        "error": ngettext(
            "%(count)d row with errors left out",
            "%(count)d rows with errors left out",
            counts[ERROR],
        )
        % {"count": counts[ERROR]},
    }


def _analyse(trajectory: Trajectory, kind: str, rows: list[dict]) -> _Analysis:
    columns = columns_for(kind)
    ignored = list(rows[0].get("ignored_headers", ())) if rows else []
    rows = [row for row in rows if any(str(v).strip() for v in row.get("cells", {}).values())]
    present: set[str] = set()
    for row in rows:
        present.update(row["cells"])
    keys = {column.key for column in columns}
    renamed = {
        column.fallback_key: column.key
        for column in columns
        if column.fallback_key and column.key not in present and column.fallback_key in present
    }
    present = {renamed.get(key, key) for key in present}
    notes = []
    ignored += [header for key, header in _ANY_HEADERS.items() if key in present - keys]
    if ignored:
        notes.append(
            gettext("These columns are not recognised and are ignored: %(headers)s.")
            % {"headers": ", ".join(ignored)}
        )
    missing = [column.header for column in columns if column.required and column.key not in present]
    file_columns = [column for column in columns if column.key in present]
    parsed = []
    for row in rows:
        cells = {renamed.get(key, key): value for key, value in row["cells"].items()}
        values, errors = _parse_cells(file_columns, cells)
        errors[:0] = [
            (header, gettext("This column is missing from the file.")) for header in missing
        ]
        parsed.append(_Parsed(int(row["row"]), row["cells"], values, errors))
    analyser = {
        SCHOOLS: _SchoolImport,
        CARE_PROVIDERS: _ProviderImport,
        LEISURE_ACTORS: _ActorImport,
    }[kind]
    importer = analyser(trajectory, parsed, present, notes)
    importer.classify()
    results = [
        RowResult(row=p.row, status=p.status, cells=p.cells, errors=p.errors, changes=p.changes)
        for p in parsed
    ]
    counts = dict.fromkeys(STATUSES, 0)
    for result in results:
        counts[result.status] += 1
    preview = ImportPreview(
        rows=results,
        counts=counts,
        columns=file_columns,
        has_errors=counts[ERROR] > 0,
        notes=notes + importer.notes_after(),
    )
    return _Analysis(preview=preview, write=importer.write)


_ANY_HEADERS = {
    column.key: column.header for kind in reversed(_COLUMNS) for column in _COLUMNS[kind]
}


@dataclass
class _Parsed:
    row: int
    cells: dict[str, str]
    values: dict[str, Any]
    errors: list[tuple[str, str]]
    status: str = ERROR
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    # Filled in by the classification, used by the write.
    changed: list[str] = field(default_factory=list)
    site_changed: list[str] = field(default_factory=list)
    year_changed: list[str] = field(default_factory=list)
    obj: Any = None


def _parse_cells(columns: list[Column], cells: dict[str, str]):
    values, errors = {}, []
    for column in columns:
        text = str(cells.get(column.key, "")).strip()
        if text.startswith("="):
            errors.append(
                (
                    column.header,
                    gettext("contains a formula; formulas are not evaluated — paste the values."),
                )
            )
            continue
        if text.startswith("'") and text[1:2] in INJECTION_PREFIXES:
            text = text[1:].strip()  # the quote an export put before a "formula-like" text
        if not text and column.required:
            errors.append((column.header, gettext("A value is required.")))
            continue
        try:
            values[column.key] = column.parse(text)
        except _CellError as error:
            errors.append((column.header, str(error.message)))
    return values, errors


_HEADERS = {kind: {c.key: c for c in columns} for kind, columns in _COLUMNS.items()}


class _Import:
    """What every kind shares: areas, the row-by-row diff, and history-keeping bulk writes."""

    kind: str

    def __init__(self, trajectory, parsed: list[_Parsed], present: set[str], notes: list[str]):
        self.trajectory = trajectory
        self.parsed = parsed
        self.present = present
        self.columns = _HEADERS[self.kind]
        self.areas = {_area_key(area.name): area for area in trajectory.areas.all()}
        self.areas_by_pk = {area.pk: area for area in self.areas.values()}
        self.new_areas: dict[str, str] = {}

    def error(self, item: _Parsed, key: str, message: str) -> None:
        item.errors.append((self.columns[key].header, str(message)))

    def diff(self, item: _Parsed, obj, attributes: dict[str, str]) -> list[str]:
        """The column keys whose value in the row differs from the object's; records changes."""
        changed = []
        for key, attribute in attributes.items():
            if key not in item.values:
                continue
            new = item.values[key]
            if key == "area":
                old_area = self.areas_by_pk.get(obj.area_id)
                old = old_area.name if old_area else ""
                differs = _area_key(old) != _area_key(new)
            else:
                old = getattr(obj, attribute)
                differs = _comparable(old) != _comparable(new)
            if differs:
                column = self.columns[key]
                item.changes.append((column.header, column.display(old), column.display(new)))
                changed.append(key)
        return changed

    def note_area(self, item: _Parsed) -> None:
        name = item.values.get("area")
        if name and _area_key(name) not in self.areas:
            self.new_areas.setdefault(_area_key(name), name)

    def notes_after(self) -> list[str]:
        if not self.new_areas:
            return []
        return [
            gettext("These areas are new and will be added: %(areas)s.")
            % {"areas": ", ".join(sorted(self.new_areas.values()))}
        ]

    def area_for(self, name: str | None):
        return self.areas.get(_area_key(name)) if name else None

    def create_areas(self, by) -> None:
        wanted = {
            key: name
            for key, name in self.new_areas.items()
            if any(
                p.status != ERROR and _area_key(p.values.get("area")) == key for p in self.parsed
            )
        }
        created = bulk_create_with_history(
            [Area(trajectory=self.trajectory, name=name) for name in wanted.values()],
            Area,
            batch_size=BATCH_SIZE,
            default_user=by,
        )
        for area in created:
            self.areas[_area_key(area.name)] = area

    def valid(self) -> list[_Parsed]:
        return [p for p in self.parsed if p.status != ERROR]


def _area_key(name: str | None) -> str:
    return _collapse(name or "").casefold()


def _comparable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return sorted(value)
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _save(model, new: list, changed: list, fields: set[str], by) -> None:
    if new:
        bulk_create_with_history(new, model, batch_size=BATCH_SIZE, default_user=by)
    if changed:
        bulk_update_with_history(
            changed, model, sorted(fields), batch_size=BATCH_SIZE, default_user=by
        )


_SCHOOL_FIELDS = {"school_name": "name", "network": "network", "levels": "levels"}
_SITE_FIELDS = {
    "site_name": "name",
    "street": "street",
    "postal_code": "postal_code",
    "area": "area",
    "setting": "setting",
    "latitude": "latitude",
    "longitude": "longitude",
    "care_offer": "care_offer",
}
_YEAR_FIELDS = {
    "pupils_5_10": "pupils_5_10",
    "pupils_11_15": "pupils_11_15",
    "gok_school_allowance": "gok_school_allowance",
    "gok_home_language": "gok_home_language",
    "gok_neighbourhood": "gok_neighbourhood",
    "gok_mother_education": "gok_mother_education",
}
_YEAR_DEFAULTS = {"pupils_5_10": 0, "pupils_11_15": 0}


class _SchoolImport(_Import):
    kind = SCHOOLS

    def __init__(self, trajectory, parsed, present, notes):
        super().__init__(trajectory, parsed, present, notes)
        municipality = trajectory.municipality
        self.municipality = municipality
        self.municipality_name = municipality.name_nl
        self.postal_codes = set(
            PostalCode.objects.filter(municipality=municipality).values_list("code", flat=True)
        )
        self.schools = {s.institution_number: s for s in trajectory.schools.all()}
        self.sites = {
            (site.school_id, site.site_number): site
            for site in Site.objects.filter(school__trajectory=trajectory)
        }
        for item in parsed:
            if item.values.get("setting") == "":
                del item.values["setting"]  # not given: an existing site keeps its own
        self.default_setting, self.setting_basis = _most_common_setting(self.sites.values())
        self.defaulted_settings: list[int] = []
        self.default_year = current_school_year(timezone.localdate())
        self.defaulted_years = self._default_school_years()
        self.split_names = self._split_site_names()
        self._unite_levels()
        years = {p.values["school_year"] for p in parsed if p.values.get("school_year")}
        self.years = {
            (year.site_id, year.school_year): year
            for year in SiteYear.objects.filter(
                site__school__trajectory=trajectory, school_year__in=years
            )
        }
        padded = sum(
            1
            for p in parsed
            if re.fullmatch(r"\d{5}", re.sub(r"[\s.]", "", p.cells.get("institution_number", "")))
        )
        if padded:
            notes.append(
                ngettext(
                    "%(count)d instellingsnummer had 5 digits; the leading zero Excel dropped "
                    "was put back.",
                    "%(count)d instellingsnummers had 5 digits; the leading zero Excel dropped "
                    "was put back.",
                    padded,
                )
                % {"count": padded}
            )
        self.school_values: dict[str, dict] = {}
        self.school_changed: dict[str, list[str]] = {}

    def classify(self) -> None:
        first_of_key: dict[tuple[str, int], int] = {}
        first_of_school: dict[str, _Parsed] = {}
        for item in self.parsed:
            values = item.values
            code = values.get("postal_code")
            if code and code not in self.postal_codes:
                self.error(
                    item,
                    "postal_code",
                    gettext("postcode %(code)s is not in %(municipality)s.")
                    % {"code": code, "municipality": self.municipality_name},
                )
            number, site_number = values.get("institution_number"), values.get("site_number")
            if number and site_number:
                first = first_of_key.setdefault((number, site_number), item.row)
                if first != item.row:
                    self.error(
                        item, "site_number", gettext("Duplicate of row %(row)s.") % {"row": first}
                    )
            if number:
                earlier = first_of_school.setdefault(number, item)
                if earlier is not item:
                    for key in _SCHOOL_FIELDS:
                        if (
                            key in values
                            and key in earlier.values
                            and _comparable(values[key]) != _comparable(earlier.values[key])
                        ):
                            self.error(
                                item,
                                key,
                                gettext(
                                    "Differs from row %(row)s (%(other)s) for the same "
                                    "instellingsnummer."
                                )
                                % {
                                    "row": earlier.row,
                                    "other": self.columns[key].display(earlier.values[key]),
                                },
                            )
            if item.errors:
                continue
            item.status = UNCHANGED
            school = self.schools.get(number)
            if number not in self.school_values:
                self.school_values[number] = values
                if school is not None:
                    self.school_changed[number] = self.diff(item, school, _SCHOOL_FIELDS)
            site = self.sites.get((school.pk, site_number)) if school else None
            self.note_area(item)
            if site is None:
                item.status = NEW
                if not values.get("setting"):
                    self.defaulted_settings.append(item.row)
                    if self.default_setting:
                        values["setting"] = self.default_setting
                continue
            item.site_changed = self.diff(item, site, _SITE_FIELDS)
            school_year = values.get("school_year")
            if school_year:
                year = self.years.get((site.pk, school_year))
                if year is None:
                    year = SiteYear(site=site, school_year=school_year, **_YEAR_DEFAULTS)
                    item.changes.append((self.columns["school_year"].header, "", school_year))
                item.year_changed = self.diff(item, year, _YEAR_FIELDS)
            if item.changes:
                item.status = CHANGED

    def write(self, by) -> None:
        self.create_areas(by)
        now = timezone.now()
        new_schools, changed_schools = {}, []
        for number, values in self.school_values.items():
            school = self.schools.get(number)
            if school is None:
                new_schools[number] = School(
                    trajectory=self.trajectory,
                    institution_number=number,
                    name=values["school_name"],
                    network=values["network"],
                    levels=values.get("levels", []),
                )
            elif self.school_changed.get(number):
                for key in self.school_changed[number]:
                    setattr(school, _SCHOOL_FIELDS[key], values[key])
                school.updated_at = now
                changed_schools.append(school)
        _save(
            School,
            list(new_schools.values()),
            changed_schools,
            {"name", "network", "levels", "updated_at"},
            by,
        )
        self.schools.update(new_schools)

        new_sites, changed_sites, site_fields = [], [], set()
        site_of: dict[int, Site] = {}
        for item in self.valid():
            values = item.values
            school = self.schools[values["institution_number"]]
            site = self.sites.get((school.pk, values["site_number"]))
            if site is None:
                site = Site(school=school, site_number=values["site_number"])
                self._set_site(site, values, _SITE_FIELDS)
                new_sites.append(site)
            elif item.site_changed:
                self._set_site(site, values, {k: _SITE_FIELDS[k] for k in item.site_changed})
                site_fields.update(_SITE_FIELDS[k] for k in item.site_changed)
                changed_sites.append(site)
            site_of[item.row] = site
        _save(Site, new_sites, changed_sites, site_fields, by)

        new_years, changed_years, year_fields = [], [], set()
        for item in self.valid():
            values = item.values
            if not values.get("school_year"):
                continue
            site = site_of[item.row]
            year = self.years.get((site.pk, values["school_year"]))
            if year is None:
                year = SiteYear(site=site, school_year=values["school_year"], **_YEAR_DEFAULTS)
                for key, attribute in _YEAR_FIELDS.items():
                    if key in values:
                        setattr(year, attribute, values[key])
                new_years.append(year)
            elif item.year_changed:
                for key in item.year_changed:
                    setattr(year, _YEAR_FIELDS[key], values[key])
                year_fields.update(_YEAR_FIELDS[k] for k in item.year_changed)
                changed_years.append(year)
        _save(SiteYear, new_years, changed_years, year_fields, by)

    def _default_school_years(self) -> list[int]:
        """Give figures without a school year the current one; the rows that got it."""
        year_keys = [key for key in _YEAR_FIELDS if key in self.present]
        year_header = self.columns["school_year"].header
        rows = []
        for item in self.parsed:
            if item.values.get("school_year") or any(h == year_header for h, _m in item.errors):
                continue
            if any(str(item.cells.get(key, "")).strip() for key in year_keys):
                item.values["school_year"] = self.default_year
                rows.append(item.row)
        return rows

    def _split_site_names(self) -> list[tuple[int, str, str]]:
        """Split "School – site" names into the school's name and the site's name.

        Lists name each site in the name column, so the rows of one school differ by a
        suffix. The common part (or the name the school already has) becomes the school's
        name and the rest the site's name, unless the row names its site itself. Returns
        (row, school name, site name) for every row whose name was split.
        """
        by_school: dict[str, list[_Parsed]] = defaultdict(list)
        for item in self.parsed:
            if item.values.get("institution_number") and item.values.get("school_name"):
                by_school[item.values["institution_number"]].append(item)
        split = []
        for number, items in by_school.items():
            school = self.schools.get(number)
            common = _common_name(
                {item.values["school_name"] for item in items}, school.name if school else None
            )
            if common is None:
                continue  # different schools under one number: classify reports it
            for item in items:
                rest = _name_suffix(item.values["school_name"], common)
                if not rest:
                    continue
                item.values["school_name"] = common
                if not item.values.get("site_name"):
                    item.values["site_name"] = rest
                split.append((item.row, common, item.values["site_name"]))
        return split

    def _unite_levels(self) -> None:
        # A list gives each site its own levels (a kleuter site of a basisschool); the
        # school teaches them all.
        levels: dict[str, set[str]] = defaultdict(set)
        for item in self.parsed:
            if item.values.get("institution_number") and "levels" in item.values:
                levels[item.values["institution_number"]].update(item.values["levels"])
        for item in self.parsed:
            if item.values.get("institution_number") in levels and "levels" in item.values:
                item.values["levels"] = LEVELS.sort(levels[item.values["institution_number"]])

    def notes_after(self) -> list[str]:
        notes = []
        if self.split_names:
            notes.append(
                gettext(
                    "Names with a site added are split into the school's name and the site's "
                    "name: %(rows)s."
                )
                % {
                    "rows": "; ".join(
                        gettext("row %(row)s: “%(school)s” and site “%(site)s”")
                        % {"row": row, "school": school, "site": site}
                        for row, school, site in self.split_names
                    )
                }
            )
        if self.defaulted_years:
            count = len(self.defaulted_years)
            notes.append(
                ngettext(
                    "%(count)d row has pupil or GOK figures without a school year: they are "
                    "taken as %(year)s, the current school year.",
                    "%(count)d rows have pupil or GOK figures without a school year: they are "
                    "taken as %(year)s, the current school year.",
                    count,
                )
                % {"count": count, "year": self.default_year}
            )
        notes += self._setting_notes()
        notes += self._municipality_warnings()
        return notes + super().notes_after()

    def _setting_notes(self) -> list[str]:
        # The municipality has no urban/rural setting of its own (DESIGN: it belongs to the
        # place, and school lists do not say it), so the trajectory's own sites decide.
        count = len(self.defaulted_settings)
        if not count:
            return []
        if self.default_setting:
            most, total = self.setting_basis
            return [
                ngettext(
                    "%(count)d new site has no urban or rural setting in the file: it gets "
                    "“%(setting)s”, the setting of most sites of this trajectory (%(most)d of "
                    "%(total)d). It can be changed on the site's form.",
                    "%(count)d new sites have no urban or rural setting in the file: they get "
                    "“%(setting)s”, the setting of most sites of this trajectory (%(most)d of "
                    "%(total)d). It can be changed on the site's form.",
                    count,
                )
                % {
                    "count": count,
                    "setting": SETTINGS.label(self.default_setting),
                    "most": most,
                    "total": total,
                }
            ]
        return [
            ngettext(
                "%(count)d new site has no urban or rural setting in the file, and the sites of "
                "this trajectory do not show one most of them have: it stays unknown. Fill it "
                "in on the site's form.",
                "%(count)d new sites have no urban or rural setting in the file, and the sites "
                "of this trajectory do not show one most of them have: they stay unknown. Fill "
                "it in on the site's form.",
                count,
            )
            % {"count": count}
        ]

    def _municipality_warnings(self) -> list[str]:
        """Warn about rows whose Gemeente is not this municipality; they are not refused."""
        if "municipality" not in self.present:
            return []
        accepted = {_norm(self.municipality.name_nl), _norm(self.municipality.name_fr)}
        # Statbel's postal codes carry no place names, so the deelgemeenten known are the
        # trajectory's areas, and those this file adds.
        accepted |= {_norm(name) for name in self.areas}
        accepted |= {_norm(name) for name in self.new_areas.values()}
        unknown: dict[str, tuple[str, list[int]]] = {}
        for item in self.parsed:
            value = item.values.get("municipality")
            if value and not any(_norm(name) in accepted for name in _place_names(value)):
                unknown.setdefault(_norm(value), (value, []))[1].append(item.row)
        if not unknown:
            return []
        others = {}
        for names in Municipality.objects.exclude(pk=self.municipality.pk).values_list(
            "name_nl", "name_fr"
        ):
            for name in names:
                others.setdefault(_norm(name), names[0])
        warnings = []
        for value, rows in unknown.values():
            other = next((others[_norm(n)] for n in _place_names(value) if _norm(n) in others), "")
            context = {
                "rows": ", ".join(str(row) for row in rows),
                "value": value,
                "municipality": self.municipality_name,
                "other": other,
            }
            if other:
                message = ngettext(
                    "Row %(rows)s is in %(other)s (Gemeente “%(value)s”), not in "
                    "%(municipality)s. Check that the school belongs in this trajectory; the row "
                    "is not refused for it.",
                    "Rows %(rows)s are in %(other)s (Gemeente “%(value)s”), not in "
                    "%(municipality)s. Check that these schools belong in this trajectory; the "
                    "rows are not refused for it.",
                    len(rows),
                )
            else:
                message = ngettext(
                    "Row %(rows)s: Gemeente “%(value)s” is not %(municipality)s nor one of the "
                    "deelgemeenten this trajectory knows. Check the row; it is not refused for it.",
                    "Rows %(rows)s: Gemeente “%(value)s” is not %(municipality)s nor one of the "
                    "deelgemeenten this trajectory knows. Check the rows; they are not refused "
                    "for it.",
                    len(rows),
                )
            warnings.append(message % context)
        return warnings

    def _set_site(self, site: Site, values: dict, attributes: dict[str, str]) -> None:
        for key, attribute in attributes.items():
            if key not in values:
                continue
            if key == "area":
                site.area = self.area_for(values[key])
            else:
                setattr(site, attribute, values[key])


# Where a site's name starts after the school's: a spaced dash, an en or em dash, a colon,
# comma, bar or slash, or a parenthesis. A bare hyphen is part of names like Sint-Truiden.
_SITE_SEPARATOR = re.compile(r"\s+[-–—]\s*|\s*[–—:,|/]\s*|\s*\(")


def _name_cuts(name: str) -> list[str]:
    return [name[: m.start()].strip() for m in _SITE_SEPARATOR.finditer(name) if m.start()]


def _name_suffix(name: str, common: str) -> str:
    """The site's part of ``name`` after the school's name ``common``; "" if nothing."""
    if name == common or not name.startswith(common):
        return ""
    rest = name[len(common) :].strip()
    rest = re.sub(r"^[-–—:,|/]\s*", "", rest)
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1]
    return _collapse(rest)


def _fits(common: str, name: str, *, loose: bool) -> bool:
    """Whether ``name`` is the school's name ``common``, or it with a site's name added."""
    if name == common:
        return True
    if not name.startswith(common) or not common:
        return False
    rest = name[len(common) :]
    if _SITE_SEPARATOR.match(rest) and rest.strip(" -–—:,|/()"):
        return True
    # Without a separator only when another row of the file writes the bare name alone; the
    # name the school already has needs a separator, or a longer new name could never be set.
    return loose and rest[:1].isspace()


def _common_name(names: set[str], known: str | None) -> str | None:
    """The school's name shared by all ``names``; None when they name different schools."""
    if known and all(_fits(known, name, loose=False) for name in names):
        return known
    candidates = set(names) | {cut for name in names for cut in _name_cuts(name)}
    fitting = [
        candidate
        for candidate in candidates
        if all(_fits(candidate, name, loose=candidate in names) for name in names)
    ]
    return max(fitting, key=len) if fitting else None


def _place_names(value: str) -> list[str]:
    """A Gemeente cell as names to compare: "3800 Sint-Truiden (Brustem)" gives three."""
    value = re.sub(r"^(?:[Bb]-)?\d{4}\s*", "", value).strip()
    names = [value]
    match = re.fullmatch(r"(.+?)\s*(?:\((.+)\)|\s[-–—]\s*(.+))", value)
    if match:
        names += [part for part in match.groups() if part]
    return names


def _most_common_setting(sites: Iterable[Site]) -> tuple[str, tuple[int, int]]:
    """The setting most of these sites have, "" on a tie or without any; and (most, all)."""
    counts = Counter(site.setting for site in sites if site.setting)
    top = counts.most_common(2)
    total = sum(counts.values())
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return "", (0, total)
    return top[0][0], (top[0][1], total)


_PROVIDER_FIELDS = {
    column.key: column.key for column in PROVIDER_COLUMNS if column.key not in {"sites_served"}
}
_ACTOR_FIELDS = {column.key: column.key for column in ACTOR_COLUMNS}


class _NamedImport(_Import):
    """Care providers and leisure actors: one record per row, matched on its name."""

    model: type
    attributes: dict[str, str]

    def __init__(self, trajectory, parsed, present, notes):
        super().__init__(trajectory, parsed, present, notes)
        self.existing = {obj.name: obj for obj in self.model.objects.filter(trajectory=trajectory)}

    def classify(self) -> None:
        first_of_name: dict[str, int] = {}
        for item in self.parsed:
            name = item.values.get("name")
            if name:
                first = first_of_name.setdefault(name, item.row)
                if first != item.row:
                    self.error(item, "name", gettext("Duplicate of row %(row)s.") % {"row": first})
            self.check(item)
            if item.errors:
                continue
            self.note_area(item)
            obj = self.existing.get(name)
            if obj is None:
                item.status = NEW
                continue
            item.changed = self.diff(item, obj, self.attributes)
            item.changed += self.diff_more(item, obj)
            item.status = CHANGED if item.changes else UNCHANGED

    def check(self, item: _Parsed) -> None:
        pass

    def diff_more(self, item: _Parsed, obj) -> list[str]:
        return []

    def assign(self, obj, values: dict, keys: Iterable[str]) -> None:
        for key in keys:
            if key not in values or key not in self.attributes:
                continue
            if key == "area":
                obj.area = self.area_for(values[key])
            else:
                setattr(obj, self.attributes[key], values[key])

    def write(self, by) -> None:
        self.create_areas(by)
        now = timezone.now()
        new, changed, fields = [], [], {"updated_at"}
        for item in self.valid():
            obj = self.existing.get(item.values["name"])
            if obj is None:
                obj = self.model(trajectory=self.trajectory)
                self.assign(obj, item.values, self.attributes)
                new.append(obj)
            elif item.status == CHANGED:
                keys = [key for key in item.changed if key in self.attributes]
                self.assign(obj, item.values, keys)
                obj.updated_at = now
                fields.update(self.attributes[key] for key in keys)
                changed.append(obj)
            item.obj = obj
        _save(self.model, new, changed, fields, by)
        self.write_more(by)

    def write_more(self, by) -> None:
        pass


class _ProviderImport(_NamedImport):
    kind = CARE_PROVIDERS
    model = CareProvider
    attributes = _PROVIDER_FIELDS

    def __init__(self, trajectory, parsed, present, notes):
        super().__init__(trajectory, parsed, present, notes)
        self.site_pks, self.site_keys = {}, {}
        for pk, number, site_number in Site.objects.filter(
            school__trajectory=trajectory
        ).values_list("pk", "school__institution_number", "site_number"):
            self.site_pks[(number, site_number)] = pk
            self.site_keys[pk] = (number, site_number)
        self.served: dict[int, set[int]] = {}
        through = CareProvider.sites_served.through
        for provider_id, site_id in through.objects.filter(
            careprovider__trajectory=trajectory
        ).values_list("careprovider_id", "site_id"):
            self.served.setdefault(provider_id, set()).add(site_id)

    def check(self, item: _Parsed) -> None:
        unknown = [key for key in item.values.get("sites_served", ()) if key not in self.site_pks]
        if unknown:
            self.error(
                item,
                "sites_served",
                gettext("These school sites are not in this trajectory: %(sites)s.")
                % {"sites": ", ".join(_site_key_label(key) for key in unknown)},
            )

    def diff_more(self, item: _Parsed, obj) -> list[str]:
        if "sites_served" not in item.values:
            return []
        old = tuple(sorted(self.site_keys[pk] for pk in self.served.get(obj.pk, ())))
        new = item.values["sites_served"]
        if old == new:
            return []
        column = self.columns["sites_served"]
        item.changes.append((column.header, column.display(old), column.display(new)))
        return ["sites_served"]

    def write_more(self, by) -> None:
        # Few providers serve sites, so each sets its own: the m2m signal then records the
        # change in the provider's history, with its sites.
        for item in self.valid():
            if "sites_served" not in item.values:
                continue
            if item.status == CHANGED and "sites_served" not in item.changed:
                continue
            wanted = {self.site_pks[key] for key in item.values["sites_served"]}
            if item.status == NEW and not wanted:
                continue
            item.obj._history_user = by
            item.obj.sites_served.set(wanted)


class _ActorImport(_NamedImport):
    kind = LEISURE_ACTORS
    model = LeisureActor
    attributes = _ACTOR_FIELDS
