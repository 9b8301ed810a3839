"""Vietnamese banks that take VietQR transfers, from the NAPAS list vietnam-qr-pay keeps."""

from functools import cache

from vietnam_qr_pay import BanksObject
from vietnam_qr_pay.constants.banks import VietQRStatus


@cache
def banks():
    """{BIN: bank} for the banks a VietQR transfer can reach."""
    return {
        bank.bin: bank
        for bank in BanksObject.values()
        if bank.viet_qr_status == VietQRStatus.TRANSFER_SUPPORTED and not bank.deprecated
    }


def choices():
    return sorted(
        ((code, f"{bank.short_name} · {bank.name}") for code, bank in banks().items()),
        key=lambda choice: choice[1].lower(),
    )


def short_name(code):
    bank = banks().get(code)
    return bank.short_name if bank else code


def account_line(code, number, holder):
    """'Vietcombank 0071000888999 (TRAN THI HIEN)': an account as people read it out."""
    return f"{short_name(code)} {number} ({holder})"
