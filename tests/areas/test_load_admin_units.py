import unicodedata

import pytest
from django.core.management import call_command

from areas.models import Commune, LegacyDistrict
from areas.services import commune_for_old_address
from marketplace.text import vietnamese_sort_key

pytestmark = pytest.mark.django_db


def test_home_province_has_its_real_communes_with_former_districts(home_communes):
    assert home_communes.count() == 102
    cai_be = home_communes.get(name="Xã Cái Bè")
    assert cai_be.slug == "xa-cai-be"
    assert cai_be.legacy_district.name == "Huyện Cái Bè"
    assert cai_be.legacy_province_name == "Tiền Giang"
    former_tien_giang = home_communes.filter(legacy_district__legacy_province_name="Tiền Giang")
    assert former_tien_giang.count() > 50


def test_loading_again_changes_nothing(home_communes):
    before = (Commune.objects.count(), LegacyDistrict.objects.count())

    call_command("load_admin_units", province=[82], verbosity=0)

    assert (Commune.objects.count(), LegacyDistrict.objects.count()) == before


def test_communes_with_the_same_folded_name_get_distinct_slugs(home_communes):
    slugs = list(home_communes.values_list("slug", flat=True))

    assert len(slugs) == len(set(slugs))


def test_an_address_from_before_july_2025_finds_its_new_commune(home_communes):
    commune = commune_for_old_address("Ấp Hòa Quý, Xã Hòa Khánh, Huyện Cái Bè, Tỉnh Tiền Giang")

    assert commune.name == "Xã Cái Bè"


def test_an_unreadable_address_finds_nothing(home_communes):
    assert commune_for_old_address("không biết") is None


def test_communes_are_listed_in_vietnamese_alphabetical_order(home_communes):
    from areas.models import Commune, Province

    names = list(home_communes.filter(name__startswith="Xã C").values_list("name", flat=True))
    assert names.index("Xã Cái Bè") < names.index("Xã Chợ Gạo")  # a before h, not á after h
    provinces = list(Province.objects.values_list("name", flat=True))
    assert provinces == sorted(provinces, key=vietnamese_sort_key)
    wards = list(Commune.objects.in_home_province().values_list("name", flat=True))
    assert wards == sorted(wards, key=vietnamese_sort_key)


@pytest.mark.parametrize(
    "before, after",
    [("An Giang", "Ăn"), ("Ăn", "Ấp"), ("Ba", "Bà"), ("Bà", "Ba Tri"), ("Dương", "Đạo"),
     ("Đồng Tháp", "Gia Lai"), ("Mỹ Tho", "Mỹ Thọ"), ("Cái Bè", "Chợ Gạo")],
)  # fmt: skip
def test_the_vietnamese_sort_key(before, after):
    assert vietnamese_sort_key(before) < vietnamese_sort_key(after)
    assert vietnamese_sort_key(unicodedata.normalize("NFD", after)) == vietnamese_sort_key(after)
