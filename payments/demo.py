"""Demo bank accounts, so buyers of the demo site can try paying by VietQR transfer."""

import random

from marketplace.text import fold
from producers.models import Producer, VerificationStatus

from .models import BankAccount

# Agribank, Vietcombank, VietinBank, BIDV: the banks rural households use most.
DEMO_BANKS = ["970405", "970436", "970415", "970418"]


def create_demo_bank_accounts(share=0.5, seed=2026):
    """Half of the verified producers get an account (the other half take cash only)."""
    if BankAccount.objects.exists():
        return 0
    rng = random.Random(seed)
    producers = Producer.objects.filter(status=VerificationStatus.VERIFIED).order_by("pk")
    accounts = [
        BankAccount(
            producer=producer,
            bank_bin=rng.choice(DEMO_BANKS),
            account_number=str(rng.randint(10**12, 10**13 - 1)),
            account_holder=fold(producer.display_name).upper()[:100],
        )
        for producer in producers
        if rng.random() < share
    ]
    BankAccount.objects.bulk_create(accounts)
    return len(accounts)
