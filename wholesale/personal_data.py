"""What the wholesale lane keeps about a person: the business they registered, its contact."""

from django.db.models import Q

from marketplace.personal_data import ERASED_NAME

from .models import Business, StandingOrder, StandingStatus


def export(person):
    business = Business.objects.filter(user=person.user).first() if person.user else None
    if business is None:
        return {}
    return {
        "doanh_nghiep": [{
            "ten": business.name, "loai": business.get_kind_display(),
            "ma_so_thue": business.tax_code, "nguoi_lien_he": business.contact_name,
            "dien_thoai": business.phone, "email": business.email,
            "dia_chi": business.address, "xa": business.commune.name,
            "trang_thai": business.get_status_display(),
        }],
    }  # fmt: skip


def blocks(person):
    from django.utils.translation import gettext as _

    standing = StandingOrder.objects.filter(
        ~Q(status=StandingStatus.CANCELLED), business__user=person.user
    )
    if person.user and standing.exists():
        return [_("A standing order is still running: cancel it first.")]
    return []


def erase(person):
    """The business's record stays for its orders; the person's name and contact go. A
    household business's 12-digit code is its owner's ID number, and goes too."""
    for business in Business.objects.filter(user=person.user) if person.user else []:
        business.contact_name, business.phone, business.email = ERASED_NAME, "", ""
        if len(business.tax_code) == 12:
            business.tax_code = ""
        business.save()
