"""Demo reviews: most delivered demo order lines get one, from their buyer, mostly good,
a few with the producer's answer. Safe to run again."""

import random

from django.db import transaction

from orders.models import OrderLine, PartStatus

from . import services
from .models import Review

WORDS = {
    5: ["Hàng tươi, đóng gói cẩn thận, giao đúng hẹn.", "Ngon, ngọt, sẽ mua lại.", ""],
    4: ["Hàng ngon, giao hơi trễ một chút.", "Chất lượng tốt, giá hợp lý."],
    3: ["Tạm được, vài trái hơi dập."],
}
ANSWERS = ["Cảm ơn anh/chị đã ủng hộ vườn!", "Vườn sẽ đóng gói kỹ hơn, cảm ơn góp ý."]


@transaction.atomic
def create_demo_reviews(share=0.8, seed=2026):
    if Review.objects.exists():
        return 0
    rng = random.Random(seed)
    lines = OrderLine.objects.filter(part__status=PartStatus.DELIVERED).select_related(
        "part__order", "part__producer"
    )
    made = 0
    for line in lines.order_by("pk"):
        if rng.random() > share:
            continue
        stars = rng.choice([5, 5, 5, 4, 4, 3])
        review = services.write_review(line, None, stars=stars, text=rng.choice(WORDS[stars]))
        owner = line.part.producer.memberships.filter(role="owner").first()
        if owner and rng.random() < 0.3:
            services.answer(review, owner.user, rng.choice(ANSWERS))
        made += 1
    return made
