"""What a gateway backend may raise. A permanent error ends the message's tries on that
channel (it falls to the next: Zalo, then SMS, then e-mail); any other is tried again
later, with the same request id, so a gateway that dedupes never sends it twice."""


class GatewayError(Exception):
    permanent = False

    def __init__(self, message, permanent=None):
        super().__init__(message)
        if permanent is not None:
            self.permanent = permanent


class NotOnThisChannel(GatewayError):
    """The person cannot be reached this way (no Zalo account, a number the gateway blocks)."""

    permanent = True
