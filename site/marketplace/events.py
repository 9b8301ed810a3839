"""Things that happened that someone should hear of (an order placed, a producer
verified), announced by the app where they happen and heard by the apps above that
care (notifications), which register in AppConfig.ready(). A listener runs in the
caller's transaction: what it writes commits or rolls back with the change."""

from collections import defaultdict

_listeners = defaultdict(list)


def listen(event, function):
    _listeners[event].append(function)


def announce(event, **facts):
    for function in _listeners[event]:
        function(**facts)
