from collections import Counter

from django.conf import settings
from django.db import transaction

from marketplace.text import vietnamese_slug, vietnamese_sort_key

from . import sources
from .models import Commune, LegacyDistrict, Province


@transaction.atomic
def load_admin_units(province_codes=None, legacy_province_codes=()):
    """Load provinces and communes from the data packages; safe to run again.

    Former districts are worked out for the provinces in legacy_province_codes
    (the home province: its officials report by them).
    """
    province_rows = [
        Province(
            code=p.code.value,
            name=p.name,
            slug=vietnamese_slug(p.name),
            sort_key=vietnamese_sort_key(p.name),
            division_type=p.division_type.value,
        )
        for p in sources.provinces()
        if not province_codes or p.code.value in province_codes
    ]
    Province.objects.bulk_create(
        province_rows,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "slug", "sort_key", "division_type"],
    )

    districts_by_commune = {}
    for province_code in legacy_province_codes:
        for commune_code, district in sources.legacy_districts_by_commune_code(
            province_code
        ).items():
            districts_by_commune[commune_code] = (province_code, district)
    district_rows = {
        district.code: LegacyDistrict(
            code=district.code,
            name=district.name,
            sort_key=vietnamese_sort_key(district.name),
            legacy_province_name=district.legacy_province_name,
            province_id=province_code,
        )
        for province_code, district in districts_by_commune.values()
    }
    LegacyDistrict.objects.bulk_create(
        district_rows.values(),
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "sort_key", "legacy_province_name", "province"],
    )

    commune_rows = []
    wards = sources.communes(province_codes)
    slug_counts = Counter((w.province_code.value, vietnamese_slug(w.name)) for w in wards)
    # /xa/<slug>/ names one commune across the provinces served: the home province's
    # keep their plain names, another province's "Phường 1" gets its code.
    loaded = {ward.province_code.value for ward in wards}
    taken = set(Commune.objects.exclude(province_id__in=loaded).values_list("slug", flat=True))
    wards = sorted(
        wards,
        key=lambda w: (w.province_code.value != settings.HOME_PROVINCE_CODE, w.code.value),
    )
    for ward in wards:
        district = districts_by_commune.get(ward.code.value)
        slug = vietnamese_slug(ward.name)
        if slug_counts[(ward.province_code.value, slug)] > 1 or slug in taken:
            slug = f"{slug}-{ward.code.value}"  # "Mỹ Tho" and "Mỹ Thọ" fold alike
        taken.add(slug)
        commune_rows.append(
            Commune(
                code=ward.code.value,
                name=ward.name,
                sort_key=vietnamese_sort_key(ward.name),
                division_type=ward.division_type.value,
                slug=slug,
                province_id=ward.province_code.value,
                legacy_district_id=district[1].code if district else None,
            )
        )
    Commune.objects.bulk_create(
        commune_rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "sort_key", "division_type", "slug", "province", "legacy_district"],
    )
    return len(province_rows), len(commune_rows), len(district_rows)


def commune_for_old_address(address):
    """The current commune for a pre-2025 address ("Xã Hòa Khánh, Huyện Cái Bè, Tiền Giang").

    Only the commune, district and province parts are given to the converter:
    with a street it may try to geocode over the network, which we never do.
    Returns None when the address cannot be read.
    """
    from vietnamadminunits import convert_address

    parts = [part.strip() for part in address.split(",") if part.strip()][-3:]
    if len(parts) < 3:
        return None
    try:
        unit = convert_address(", ".join(parts))
    except Exception:  # the converter raises bare errors on unreadable text
        return None
    if not unit.ward_code:
        return None
    return Commune.objects.filter(code=int(unit.ward_code)).first()
