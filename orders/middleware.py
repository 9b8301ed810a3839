from marketplace import page_cache

from .cart import SESSION_KEY

# The header's cart count, read by the page's script (marketplace/enhance.js): the
# page itself stays the same for every visitor, so it can be kept (page_cache).
CART_COUNT_COOKIE = "cart_count"


class CartCountCookieMiddleware:
    """Keeps the CART_COUNT_COOKIE equal to the number of products in the session's
    cart, wherever the page read the session (a change, a sign-in, a sign-out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed:
            return response
        count = len(session.get(SESSION_KEY, {}))
        if str(count) == request.COOKIES.get(CART_COUNT_COOKIE, "0"):
            return response
        if count:  # read by the page's script
            page_cache.set_beside_session(response, CART_COUNT_COOKIE, str(count), httponly=False)
        else:
            response.delete_cookie(CART_COUNT_COOKIE, samesite="Lax")
        return response
