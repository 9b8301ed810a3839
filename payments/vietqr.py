"""VietQR codes for bank transfers: the EMVCo/NAPAS payload (built by vietnam-qr-pay) and its
picture (segno). Every Vietnamese banking app reads the bank, the account, the amount
and the transfer message from it, so the buyer types nothing."""

import io

import segno
from vietnam_qr_pay import QRPay

from marketplace.qr import qr_svg


def payload(bank_bin, account_number, amount_vnd, message):
    """The text a VietQR code carries: a transfer to an account, with amount and message."""
    return QRPay.init_viet_qr(
        bank_bin=bank_bin,
        bank_number=account_number,
        amount=str(amount_vnd),
        purpose=message,
    ).build()


def for_transfer(payment):
    """The code of one part's transfer, to the account the buyer was shown when ordering;
    the order code is the message producers look for."""
    account = payment.payee
    return payload(account.bank_bin, account.account_number, payment.amount_vnd, payment.order.code)


def svg(text):
    """An inline SVG, for the order page."""
    return qr_svg(text, title="VietQR")


def png(text):
    """For e-mails, where an inline SVG is not shown."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()
