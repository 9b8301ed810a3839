from django_tasks import task

from . import rollup


@task()
def close_periods():
    return rollup.close_periods()
