from django.utils.functional import SimpleLazyObject


def new_orders(request):
    """How many order parts wait for the user's producers; counted only where a page shows it."""

    def count():
        from .models import PartStatus
        from .portal import managed_parts

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return managed_parts(user).filter(status=PartStatus.PLACED).count()

    return {"new_orders_count": SimpleLazyObject(count)}
