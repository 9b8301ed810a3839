from django_tasks import task

from . import quotes, standing


@task()
def place_standing_orders():
    return len(standing.place_due())


@task()
def expire_quotes():
    return quotes.expire_due()
