"""What lots add to a product's public page: the trace page of the lot on sale now."""

from . import services


def on_product_page(product):
    lot = services.current_lot(product)
    return {"lot": lot} if lot else None
