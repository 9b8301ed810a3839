"""What compliance keeps about a person: the identity checks of the farms they own. On
deletion the check stays as the record that one was made (how, when, by whom), without
anything that names the person."""

from marketplace.personal_data import ERASED_NAME
from producers.models import Producer

from .models import IdentityCheck


def _checks(person):
    return IdentityCheck.objects.filter(producer__in=Producer.objects.owned_by(person.user))


def export(person):
    return {
        "xac_thuc_danh_tinh": [{
            "cach": check.get_method_display(), "ho_ten": check.full_name,
            "so_cccd": check.masked_citizen_id, "ma_so_thue": check.tax_code,
            "dang_ky_kinh_doanh": check.business_registration,
            "luc": check.checked_at.isoformat(), "hieu_luc_den": check.expires_on.isoformat(),
        } for check in _checks(person)],
    }  # fmt: skip


def erase(person):
    for check in _checks(person):
        if check.card_photo:
            check.card_photo.delete(save=False)
    _checks(person).update(
        full_name=ERASED_NAME, citizen_id_sealed="", citizen_id_hash="", tax_code="",
        business_registration="", provider_subject="", card_photo="",
    )  # fmt: skip
