"""What accounts keep about a person, and how it is made anonymous."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from marketplace.personal_data import ERASED_NAME

from .models import PhoneCode


def export(person):
    user = person.user
    return {
        "tai_khoan": [{
            "ten_dang_nhap": user.username, "ho": user.last_name, "ten": user.first_name,
            "dien_thoai": user.phone or "", "email": user.email,
            "ngay_dang_ky": user.date_joined.isoformat(),
            "dang_nhap_lan_cuoi": user.last_login.isoformat() if user.last_login else "",
        }],
        "dong_y": [{
            "muc_dich": consent.get_purpose_display(), "dong_y": consent.given,
            "phien_ban_chinh_sach": consent.notice_version,
            "luc": consent.recorded_at.isoformat(),
            "ghi_thay_boi": consent.recorded_by.display_name() if consent.recorded_by else "",
        } for consent in user.consents.select_related("recorded_by")],
        "chap_nhan_quy_che": [{
            "van_ban": acceptance.get_kind_display(), "phien_ban": acceptance.version,
            "dip": acceptance.get_occasion_display(), "luc": acceptance.accepted_at.isoformat(),
        } for acceptance in user.policy_acceptances.all()],
    }  # fmt: skip


def erase(person):
    """The account stays (orders and records point at it) with nothing that names the
    person, and can never log in again. The consent history stays as the proof of
    what was agreed, without the paper forms' scans."""
    user = person.user
    signed_in_as = {user.username, *person.phones}
    user.username = f"da-xoa-{user.pk}"
    user.first_name, user.last_name = ERASED_NAME, ""
    user.email, user.phone, user.phone_verified_at = "", None, None
    user.is_active = False
    user.set_unusable_password()
    user.save()
    for consent in user.consents.exclude(paper_form=""):
        consent.paper_form.delete(save=True)
    PhoneCode.objects.filter(phone__in=person.phones).delete()
    for log in (AccessAttempt, AccessFailureLog, AccessLog):  # django-axes' log-in records
        log.objects.filter(username__in=signed_in_as).delete()
