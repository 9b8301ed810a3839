def format_number(amount):
    """150000 -> "150.000": dots between thousands, as Vietnamese write it."""
    return f"{int(amount):,}".replace(",", ".")


def format_vnd(amount):
    """150000 -> "150.000 ₫": whole đồng."""
    return format_number(amount) + "\u00a0₫"


def format_quantity(value):
    """Decimal("0.50") -> "0,5": no trailing zeros, a decimal comma as Vietnamese write it."""
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")
