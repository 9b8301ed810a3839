"""Requests served as gunicorn serves them: a few worker processes, each one request at a
time, and more clients than workers, each sending its next request once answered.

Threads in one process would share one interpreter lock: the buyer holding a row lock
waits for the other nineteen's Python, a queue a server never has (its workers are
processes, 2 × cores + 1 of them, and the requests beyond them wait in the listen
queue, which the latencies here include as a buyer's do).
"""

import multiprocessing
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections
from threads import tasks_as_in_production

WORKERS = 2 * (os.cpu_count() or 1) + 1  # gunicorn's advice


def _start_worker(warm_up, ready):
    tasks_as_in_production().enable()
    if warm_up:
        warm_up()  # the first request of a process loads templates and catalogs
    ready.wait()


@dataclass
class Served:
    latencies: list = field(default_factory=list)  # ms, from sending to the answer
    errors: list = field(default_factory=list)
    answers: Counter = field(default_factory=Counter)  # what function() returned, counted
    wall: float = 0.0  # s


def _answer(function, argument):
    try:
        return function(argument), None
    except Exception as error:  # noqa: BLE001 - a benchmark reports every failure
        return None, repr(error)


def serve(function, clients, warm_up=None, workers=WORKERS):
    """Each client is a list of arguments, sent to function() in order, one after the
    other; returns what was Served."""
    connections.close_all()  # the workers open their own
    context = multiprocessing.get_context("fork")
    served, lock = Served(), threading.Lock()
    ready = context.Barrier(workers + 1)
    with context.Pool(workers, initializer=_start_worker, initargs=(warm_up, ready)) as pool:
        ready.wait()  # every worker up and warm before the clock starts

        def client(arguments):
            for argument in arguments:
                sent = time.perf_counter()
                answer, error = pool.apply(_answer, (function, argument))
                with lock:
                    if error:
                        served.errors.append(error)
                    else:
                        served.latencies.append((time.perf_counter() - sent) * 1000)
                        served.answers[answer] += 1

        threads = [threading.Thread(target=client, args=(arguments,)) for arguments in clients]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        served.wall = time.perf_counter() - started
    return served
