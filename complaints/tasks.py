from django_tasks import task

from . import services


@task()
def mediate_unanswered():
    return services.mediate_unanswered()
