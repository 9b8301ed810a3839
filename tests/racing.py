"""Parties that act at the same instant, each with its own database connection."""

import threading

from django.db import connection


def race(actions, refused=()):
    """Run the callables at once; [("done", result) or ("refused", message)] in their order.

    Exceptions of the `refused` types are outcomes; any other one fails the test."""
    outcomes, barrier = [None] * len(actions), threading.Barrier(len(actions))

    def party(number):
        try:
            barrier.wait()
            outcomes[number] = ("done", actions[number]())
        except refused as error:
            outcomes[number] = ("refused", " ".join(getattr(error, "messages", [str(error)])))
        except Exception as error:  # noqa: BLE001 - reported to the test below
            outcomes[number] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=party, args=(n,)) for n in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors = [outcome[1] for outcome in outcomes if outcome[0] == "error"]
    assert not errors, errors
    return outcomes
