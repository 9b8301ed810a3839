"""What quantity prices add to a product's public page."""

from .businesses import is_approved_buyer
from .tiers import visible_tiers


def on_product_page(product, request):
    tiers = visible_tiers(product, request.user)
    if not tiers:
        return None
    return {"tiers": tiers, "product": product, "for_business": is_approved_buyer(request.user)}
