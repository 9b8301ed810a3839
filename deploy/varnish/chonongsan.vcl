vcl 4.1;
# Varnish between nginx and the app: keeps the public pages the app marks, purged by
# their tags (the xkey module of Debian's varnish-modules). scripts/stack.sh renders it
# for the loopback stack (the @NAMES@ below); deploy/README.md says how for a server.
#
# The app decides what may be kept (site/marketplace/page_cache.py): a page goes out
# with its tags in `xkey` and the front cache's lifetime in `Surrogate-Control`; every
# other answer is passed as it is. A change purges by tag (PURGE with an `xkey` header,
# site/marketplace/front_cache.py), so the lifetime only bounds a purge that never came.

import std;
import xkey;

backend app {
    # nginx's inner listener: it spreads requests over the app instances and skips a
    # stopped one (deploy/nginx/stack.conf).
    .host = "@BACKEND_HOST@";
    .port = "@BACKEND_PORT@";
    .connect_timeout = 2s;
    # Above gunicorn's 30 s worker timeout, as nginx's own.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 35s;
}

acl purgers {
    # The hosts the app and the task worker run on.
    @PURGERS@
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "PURGE names the tags to purge in an xkey header"));
        }
        set req.http.purged = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.purged));
    }
    # Varnish added nginx's address to X-Forwarded-For: the app counts one proxy
    # (PROXY_COUNT=1), the one that saw the client.
    set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",\s*[^,]*$", "");
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A message waits for the visitor, or a session that is not a guest's (signed in,
    # or older than the `guest` marker the app keeps beside a cart's session).
    if (req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)messages=[^;]"
        || (req.http.Cookie ~ "(^|;\s*)sessionid=[^;]" && req.http.Cookie !~ "(^|;\s*)guest=[^;]")) {
        return (pass);
    }
    # Every other visitor gets the same page as any other: no cookie, nor the browser's
    # languages (the address names the language), changes it. The cookies go to the app
    # on a miss all the same (vcl_backend_fetch): the cart and the checkout are a guest's
    # own pages, which the app never marks for keeping.
    if (req.http.Cookie) {
        set req.http.X-Guest-Cookie = req.http.Cookie;
        unset req.http.Cookie;
    }
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_backend_fetch {
    if (bereq.http.X-Guest-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Guest-Cookie;
        unset bereq.http.X-Guest-Cookie;
    }
}

sub vcl_backend_response {
    if (beresp.http.xkey && beresp.http.Surrogate-Control ~ "max-age=[0-9]+" && !beresp.http.Set-Cookie) {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
        # A purged page is never served while the new one is drawn.
        set beresp.grace = 0s;
        unset beresp.http.Surrogate-Control;
        # The app drops Cookie from Vary on a kept page. Were one left, Varnish would key
        # the copy by the fetch's cookie, which no lookup (cookies removed) matches: a
        # miss each time, never another visitor's page.
    } else {
        # Not for keeping; the next answer for the address may be (hit-for-miss).
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
