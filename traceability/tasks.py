from django_tasks import task

from . import lot_stock


@task()
def retire_expired_lots():
    return lot_stock.retire_expired()
