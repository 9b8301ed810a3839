"""Run every minute (deploy/systemd/chonongsan-payments.timer): free the stock of orders not
paid in time and send the refunds Stripe could not be reached for."""

from django.core.management.base import BaseCommand

from payments import services


class Command(BaseCommand):
    help = "Expire unpaid orders whose time ran out and retry refunds not sent yet."

    def handle(self, *args, **options):
        expired = services.expire_due()
        retried = services.retry_refunds()
        self.stdout.write(f"expired {expired}, refunds retried {len(retried)}")
