from django_tasks import task

from . import refunds, services


@task()
def settle_payments():
    """Free the stock of orders not paid in time; resend refunds Stripe missed."""
    return {"expired": services.expire_due(), "refunds_retried": len(refunds.retry_refunds())}
