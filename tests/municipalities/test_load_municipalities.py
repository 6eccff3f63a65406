from django.core.management import call_command

from municipalities.models import Municipality, PostalCode, Province


def test_loading_twice_gives_every_municipality_once(db):
    call_command("load_municipalities")
    call_command("load_municipalities")

    assert Municipality.objects.count() == 565
    assert Municipality.objects.flemish().count() == 285
    assert Municipality.objects.filter(province=Province.LIMBURG).count() == 38
    assert Municipality.objects.filter(province=Province.ANTWERPEN).count() == 67
    assert Municipality.objects.filter(province=Province.VLAAMS_BRABANT).count() == 63


def test_province_is_stored_not_derived(db):
    call_command("load_municipalities")

    # Zwijndrecht (once Antwerp, NIS 1xxxx) merged into Beveren-Kruibeke-Zwijndrecht.
    merged = Municipality.objects.get(nis_code="46030")
    assert merged.name_nl == "Beveren-Kruibeke-Zwijndrecht"
    assert merged.province == Province.OOST_VLAANDEREN


def test_reload_repairs_a_changed_name_and_postal_codes(db):
    call_command("load_municipalities")
    Municipality.objects.filter(nis_code="71053").update(name_nl="Sint Truiden (oud)")
    PostalCode.objects.filter(code="3800").delete()

    call_command("load_municipalities")

    assert Municipality.objects.get(nis_code="71053").name_nl == "Sint-Truiden"
    assert PostalCode.objects.filter(code="3800", municipality__nis_code="71053").exists()
