"""The demo officials' and digital team's areas: the province, one commune, the second
province when the installation serves two."""

from django.conf import settings
from django.contrib.auth import get_user_model

from .jurisdiction import grant
from .models import AreaGrant, Commune, Province

SECOND_PROVINCE = 86  # Vĩnh Long, served with Đồng Tháp in the demo


def give_demo_areas():
    """Once; returns how many areas were given."""
    if AreaGrant.objects.exists():
        return 0
    users = get_user_model().objects.in_bulk(
        ["canbo", "canbo_caibe", "canbo_vinhlong", "totcns"], field_name="username"
    )
    home = Province.objects.filter(code=settings.HOME_PROVINCE_CODE).first()
    second = Province.objects.served().filter(code=SECOND_PROVINCE).first()
    cai_be = Commune.objects.filter(name="Xã Cái Bè", province=home).first()
    wanted = [
        ("canbo", {"provinces": [home]} if home else {}),
        ("totcns", {"provinces": [home]} if home else {}),
        ("canbo_caibe", {"communes": [cai_be]} if cai_be else {}),
        ("canbo_vinhlong", {"provinces": [second]} if second else {}),
    ]
    return sum(
        len(grant(users[name], **areas)) for name, areas in wanted if name in users and areas
    )
