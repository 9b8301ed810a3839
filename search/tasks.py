from django_tasks import task

from . import indexing


@task()
def drain_search_outbox():
    return indexing.drain_all()
