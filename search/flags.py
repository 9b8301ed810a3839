"""Yes-or-no facts about a product that apps above search add to its index document and
its filters ("takes pre-orders", from harvests): each registers from its AppConfig.ready()
an expression on a product queryset (an Exists() on OuterRef("pk")); the index and the
database search both read it, so the two backends never disagree."""

_flags = {}


def register(name, expression):
    """expression() -> a boolean expression over a product row."""
    _flags[name] = expression


def names():
    return list(_flags)


def annotations():
    """{name: expression} to annotate a product queryset with."""
    return {name: expression() for name, expression in _flags.items()}
