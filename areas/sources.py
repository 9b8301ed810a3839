"""Read the maintained data packages into plain records.

- vietnam-provinces: the current (2025) provinces and communes with their codes.
- vietnamadminunits: which pre-2025 communes each current commune was formed
  from, so we know each commune's former district, and the conversion of old
  addresses. Its mapping tables are package data, read here and nowhere else.
"""

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import vietnam_provinces
import vietnamadminunits
from vietnam_provinces import Province, Ward


@dataclass(frozen=True)
class DistrictRecord:
    code: int
    name: str
    legacy_province_name: str


def provinces():
    return list(Province.iter_all())


def communes(province_codes=None):
    wanted = {int(code) for code in province_codes} if province_codes else None
    return [
        ward
        for ward in Ward.iter_all()
        if wanted is None or int(ward.province_code.value) in wanted
    ]


@lru_cache(maxsize=1)
def _adminunits_data():
    data_dir = Path(vietnamadminunits.__file__).parent / "data"
    with open(data_dir / "converter_2025.json", encoding="utf-8") as f:
        converter = json.load(f)
    with open(data_dir / "parser_legacy.json", encoding="utf-8") as f:
        legacy = json.load(f)
    with open(data_dir / "parser_from_2025.json", encoding="utf-8") as f:
        current = json.load(f)
    return converter, legacy, current


def legacy_districts_by_commune_code(province_code):
    """{current commune code: DistrictRecord of the former district most of it came from}."""
    converter, legacy, current = _adminunits_data()
    province_key = next(
        (
            key
            for key, info in current["DICT_PROVINCE"].items()
            if int(info["provinceCode"]) == int(province_code)
        ),
        None,
    )
    if province_key is None:
        return {}
    sources = {
        ward_key: list(old_keys)
        for ward_key, old_keys in converter["DICT_PROVINCE_WARD_NO_DIVIDED"]
        .get(province_key, {})
        .items()
    }
    # Former communes split between several current ones.
    for old_key, new_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].get(province_key, {}).items():
        for new_ward in new_wards:
            sources.setdefault(new_ward["newWardKey"], []).append(old_key)

    current_wards = current["DICT_PROVINCE_WARD_NO_ACCENTED"][province_key]
    result = {}
    for ward_key, old_keys in sources.items():
        if ward_key not in current_wards:
            continue
        old_province_key, old_district_key = Counter(
            tuple(old_key.split("_")[:2]) for old_key in old_keys
        ).most_common(1)[0][0]
        district = legacy["DICT_PROVINCE_DISTRICT"].get(old_province_key, {}).get(old_district_key)
        if not district:
            continue
        result[int(current_wards[ward_key]["wardCode"])] = DistrictRecord(
            code=int(district["districtCode"]),
            name=district["district"],
            legacy_province_name=legacy["DICT_PROVINCE"][old_province_key]["provinceShort"],
        )
    return result


def data_version():
    return vietnam_provinces.__data_version__
