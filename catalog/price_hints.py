"""What the price form says beside the price: lines offered by the apps above that know
recent prices (prices registers in AppConfig.ready())."""

_hints = []


def register(function):
    """function(category, unit) -> [str], each a line to show the producer."""
    _hints.append(function)


def for_price(category, unit):
    return [line for function in _hints for line in function(category, unit)]
