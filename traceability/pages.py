"""What lots add to a product's public page: the trace page of the lot on sale now."""

from . import lot_stock, services


def on_product_page(product):
    lot = services.current_lot(product)
    return {"lot": lot} if lot else None


def on_order_part(part):
    """Which lots a part's lines came from, each linking its trace page."""
    taken = lot_stock.taken_by(part.lines.all())
    rows = [
        (line, lot, quantity)
        for line in part.lines.all()
        for lot, quantity in taken.get(line.pk, [])
    ]
    return {"rows": rows} if rows else None
