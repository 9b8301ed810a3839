def format_vnd(amount):
    """150000 -> "150.000 ₫": whole đồng, dots between thousands, as Vietnamese write it."""
    return f"{int(amount):,}".replace(",", ".") + "\u00a0₫"
