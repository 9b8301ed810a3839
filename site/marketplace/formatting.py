def format_number(amount):
    """150000 -> "150.000": dots between thousands, as Vietnamese write it."""
    return f"{int(amount):,}".replace(",", ".")


def format_vnd(amount):
    """150000 -> "150.000 ₫": whole đồng."""
    return format_number(amount) + "\u00a0₫"
