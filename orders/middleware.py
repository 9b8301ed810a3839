from marketplace import page_cache

from .cart import SESSION_KEY

# The header's cart count, read by the page's script (marketplace/enhance.js): the
# page itself stays the same for every visitor, so it can be kept (page_cache).
CART_COUNT_COOKIE = "cart_count"


class CartCountCookieMiddleware(page_cache.CookieBesideSession):
    """Keeps the CART_COUNT_COOKIE equal to the number of products in the session's
    cart, wherever the page read the session (a change, a sign-in, a sign-out)."""

    name = CART_COUNT_COOKIE
    httponly = False  # read by the page's script

    def value(self, request, session):
        count = len(session.get(SESSION_KEY, {}))
        return str(count) if count else ""
