"""The import of a school list: schools, their sites and the sites' school-year figures.

What Flemish school lists do is met here: a site's name written after the school's name
("Basisschool De Regenboog – wijkschool Brustem"), levels per site of one school, figures
without a school year (the current one, with a note), no urban/rural setting (the setting
most of the trajectory's sites have, with a note), and a Gemeente column naming another
municipality (a warning, not a refusal).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from municipalities.models import Municipality, PostalCode, School, Site, SiteYear
from municipalities.spreadsheets.cells import collapse, lost_leading_zero, norm
from municipalities.spreadsheets.import_base import (
    CHANGED,
    NEW,
    UNCHANGED,
    KindImport,
    ParsedRow,
    comparable,
    save_records,
)
from municipalities.spreadsheets.kinds import SCHOOLS
from municipalities.spreadsheets.schools import (
    SCHOOL_FIELDS,
    SITE_FIELDS,
    YEAR_FIELDS,
    current_school_year,
)
from municipalities.spreadsheets.vocabulary import LEVELS, SETTINGS


class SchoolImport(KindImport):
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
        padded = sum(1 for p in parsed if lost_leading_zero(p.cells.get("institution_number", "")))
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
        first_of_school: dict[str, ParsedRow] = {}
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
                    for key in SCHOOL_FIELDS:
                        if (
                            key in values
                            and key in earlier.values
                            and comparable(values[key]) != comparable(earlier.values[key])
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
                    self.school_changed[number] = self.diff(item, school, SCHOOL_FIELDS)
            site = self.sites.get((school.pk, site_number)) if school else None
            self.note_area(item)
            if site is None:
                item.status = NEW
                if not values.get("setting"):
                    self.defaulted_settings.append(item.row)
                    if self.default_setting:
                        values["setting"] = self.default_setting
                continue
            item.site_changed = self.diff(item, site, SITE_FIELDS)
            school_year = values.get("school_year")
            if school_year:
                year = self.years.get((site.pk, school_year))
                if year is None:
                    year = SiteYear(site=site, school_year=school_year)
                    item.changes.append((self.columns["school_year"].header, "", school_year))
                item.year_changed = self.diff(item, year, YEAR_FIELDS)
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
                    setattr(school, SCHOOL_FIELDS[key], values[key])
                school.updated_at = now
                changed_schools.append(school)
        save_records(
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
                self._set_site(site, values, SITE_FIELDS)
                new_sites.append(site)
            elif item.site_changed:
                self._set_site(site, values, {k: SITE_FIELDS[k] for k in item.site_changed})
                site_fields.update(SITE_FIELDS[k] for k in item.site_changed)
                changed_sites.append(site)
            site_of[item.row] = site
        save_records(Site, new_sites, changed_sites, site_fields, by)

        new_years, changed_years, year_fields = [], [], set()
        for item in self.valid():
            values = item.values
            if not values.get("school_year"):
                continue
            site = site_of[item.row]
            year = self.years.get((site.pk, values["school_year"]))
            if year is None:
                year = SiteYear(site=site, school_year=values["school_year"])
                for key, attribute in YEAR_FIELDS.items():
                    if key in values:
                        setattr(year, attribute, values[key])
                new_years.append(year)
            elif item.year_changed:
                for key in item.year_changed:
                    setattr(year, YEAR_FIELDS[key], values[key])
                year_fields.update(YEAR_FIELDS[k] for k in item.year_changed)
                changed_years.append(year)
        save_records(SiteYear, new_years, changed_years, year_fields, by)

    def _default_school_years(self) -> list[int]:
        """Give figures without a school year the current one; the rows that got it."""
        year_keys = [key for key in YEAR_FIELDS if key in self.present]
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
        by_school: dict[str, list[ParsedRow]] = defaultdict(list)
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
        accepted = {norm(self.municipality.name_nl), norm(self.municipality.name_fr)}
        # Statbel's postal codes carry no place names, so the deelgemeenten known are the
        # trajectory's areas, and those this file adds.
        accepted |= {norm(name) for name in self.areas}
        accepted |= {norm(name) for name in self.new_areas.values()}
        unknown: dict[str, tuple[str, list[int]]] = {}
        for item in self.parsed:
            value = item.values.get("municipality")
            if value and not any(norm(name) in accepted for name in _place_names(value)):
                unknown.setdefault(norm(value), (value, []))[1].append(item.row)
        if not unknown:
            return []
        others = {}
        for names in Municipality.objects.exclude(pk=self.municipality.pk).values_list(
            "name_nl", "name_fr"
        ):
            for name in names:
                others.setdefault(norm(name), names[0])
        warnings = []
        for value, rows in unknown.values():
            other = next((others[norm(n)] for n in _place_names(value) if norm(n) in others), "")
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
    return collapse(rest)


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
