"""What complaints keep about a person: the complaints about the orders they placed. On
deletion the complaint stays (the producer's record), without the buyer's words or photos."""

from marketplace.personal_data import ERASED_NAME
from orders.personal_data import placed_by

from .models import Complaint, ComplaintPhoto


def _theirs(person):
    return Complaint.objects.filter(part__order__in=placed_by(person))


def export(person):
    return {
        "khieu_nai": [{
            "don_hang": complaint.part.order.code, "ly_do": complaint.get_reason_display(),
            "noi_dung": complaint.text, "trang_thai": complaint.get_state_display(),
            "luc": complaint.opened_at.isoformat(),
        } for complaint in _theirs(person).select_related("part__order")],
    }  # fmt: skip


def erase(person):
    photos = ComplaintPhoto.objects.filter(complaint__in=_theirs(person))
    for photo in photos:
        photo.image.delete(save=False)
    photos.delete()
    _theirs(person).update(text=ERASED_NAME)
