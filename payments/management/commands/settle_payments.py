"""Run every minute (deploy/systemd/chonongsan-payments.timer): free the stock of orders not
paid in time and send the refunds Stripe could not be reached for."""

from django.core.management.base import BaseCommand

from payments import tasks


class Command(BaseCommand):
    help = "Expire unpaid orders whose time ran out and retry refunds not sent yet."

    def handle(self, *args, **options):
        settled = tasks.settle_payments.call()
        self.stdout.write(
            f"expired {settled['expired']}, refunds retried {settled['refunds_retried']}"
        )
