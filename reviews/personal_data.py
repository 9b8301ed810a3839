"""What reviews keep about a person: the reviews of the orders they placed. On deletion a
review keeps its stars (the product's rating) without the words, the name or the photos."""

from marketplace.personal_data import ERASED_NAME
from orders.personal_data import placed_by

from .models import Review, ReviewPhoto


def _theirs(person):
    return Review.objects.filter(line__part__order__in=placed_by(person))


def export(person):
    return {
        "danh_gia": [{
            "don_hang": review.line.part.order.code, "san_pham": review.line.product_name,
            "sao": review.stars, "noi_dung": review.text, "hien_la": review.author_name,
            "luc": review.created_at.isoformat(),
        } for review in _theirs(person).select_related("line__part__order")],
    }  # fmt: skip


def erase(person):
    photos = ReviewPhoto.objects.filter(review__in=_theirs(person))
    for photo in photos:
        photo.image.delete(save=False)
    photos.delete()
    _theirs(person).update(text="", author_name=ERASED_NAME, author=None)
