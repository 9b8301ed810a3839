"""The VietQR payload: EMVCo fields in NAPAS's layout, and its CRC-16/CCITT checked by hand."""

from payments import vietqr


def crc16_ccitt_false(text):
    """Written out from the EMVCo spec (poly 0x1021, start 0xFFFF), not taken from the package."""
    crc = 0xFFFF
    for byte in text.encode():
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def fields(payload):
    """Top-level EMVCo fields: two-digit id, two-digit length, value."""
    found, at = {}, 0
    while at < len(payload):
        tag, length = payload[at : at + 2], int(payload[at + 2 : at + 4])
        found[tag] = payload[at + 4 : at + 4 + length]
        at += 4 + length
    return found


def test_the_crc_is_the_standard_check_value():
    assert crc16_ccitt_false("123456789") == "29B1"  # CRC-16/CCITT-FALSE's published check


def test_a_published_vietqr_code_checks_out():
    # A real ACB code (1.000 ₫, "Chuyen tien") from vietnam-qr-pay's documentation.
    code = (
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA"
        "5303704540410005802VN62150811Chuyen tien6304BBB8"
    )
    assert crc16_ccitt_false(code[:-4]) == "BBB8"
    assert vietqr.payload("970416", "257678859", 1000, "Chuyen tien") == code


def test_a_hand_verified_vietqr_for_an_agribank_account():
    payload = vietqr.payload("970405", "1234567890123", 250_000, "CNS-ABC234")

    assert payload == (
        "000201"  # payload format 01
        "010212"  # dynamic: the amount is set
        "3857"  # merchant account, 57 characters:
        "0010A000000727"  # NAPAS's id
        "0127" "0006970405" "01131234567890123"  # the bank's BIN (Agribank), the account
        "0208QRIBFTTA"  # transfer to an account
        "5303704"  # đồng
        "5406250000"  # whole đồng
        "5802VN"
        "6214" "0810CNS-ABC234"  # the message: the order code
        "6304C746"
    )  # fmt: skip
    assert crc16_ccitt_false(payload[:-4]) == "C746"
    layout = fields(payload)
    assert layout["54"] == "250000" and layout["53"] == "704" and layout["58"] == "VN"


def test_the_package_reads_back_what_it_wrote():
    from vietnam_qr_pay import QRPay

    read = QRPay(vietqr.payload("970436", "0071000888999", 1_500_000, "CNS-XYZ789"))

    assert read.is_valid
    assert (read.consumer.bank_bin, read.consumer.bank_number) == ("970436", "0071000888999")
    assert (read.amount, read.additional_data.purpose) == ("1500000", "CNS-XYZ789")


def test_the_picture_is_a_small_inline_svg():
    svg = vietqr.svg(vietqr.payload("970405", "1234567890123", 250_000, "CNS-ABC234"))

    assert svg.startswith("<svg") and len(svg) < 8_000
