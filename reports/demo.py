"""Demo targets, so the dashboard shows progress from the first start."""

import datetime

from django.conf import settings
from django.utils import timezone

from areas.models import Commune

from .models import Metric, Target


def create_demo_targets():
    """The province's reported figure as this year's goal, and one commune's goal; once."""
    if Target.objects.exists():
        return 0
    year = timezone.localdate().year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    targets = [
        Target(
            name=f"Sản phẩm niêm yết toàn tỉnh năm {year}",
            metric=Metric.LISTED_PRODUCTS,
            value=2300,
            period_start=start,
            period_end=end,
            province_id=settings.HOME_PROVINCE_CODE,
        ),
        Target(
            name=f"Nhà sản xuất niêm yết toàn tỉnh năm {year}",
            metric=Metric.LISTING_PRODUCERS,
            value=600,
            period_start=start,
            period_end=end,
            province_id=settings.HOME_PROVINCE_CODE,
        ),
    ]
    cai_be = Commune.objects.filter(name="Xã Cái Bè").first()
    if cai_be:
        targets.append(
            Target(
                name=f"Xã Cái Bè năm {year}",
                metric=Metric.LISTED_PRODUCTS,
                value=120,
                period_start=start,
                period_end=end,
                commune=cai_be,
            )
        )
    Target.objects.bulk_create(targets)
    return len(targets)
