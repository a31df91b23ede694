"""The only module that reads and writes QRIS payloads (through lokal-id).

A static QRIS (printed at the counter, tag 01 = "11") lets the payer type the amount. For an order we derive a
dynamic QRIS (tag 01 = "12") carrying the exact total in tag 54 with a fresh CRC; the order page draws it with
`adimarko.core.qr.qr_svg`.
"""

import lokal


class QrisError(ValueError):
    """The stored QRIS payload cannot be used."""


def static_payload_problem(payload: str) -> str:
    """What is wrong with a static QRIS payload, as a code ("" if it is fine):
    "empty", "crc" (checksum mismatch), "invalid", "not_static" (already carries an amount), "currency"."""
    if not payload:
        return "empty"
    info = lokal.parse_qris(payload)
    if not info.valid:
        return "crc" if any(issue.code == "crc" for issue in info.errors) else "invalid"
    if info.type != "static":
        return "not_static"
    if info.currency not in (None, "360"):
        return "currency"
    return ""


def dynamic_payload(*, static_payload: str, amount_idr: int) -> str:
    """The static code turned into a dynamic one for exactly `amount_idr` rupiah, checked once more."""
    if not isinstance(amount_idr, int) or isinstance(amount_idr, bool) or amount_idr <= 0:
        raise QrisError("QRIS amounts are positive whole rupiah.")
    problem = static_payload_problem(static_payload)
    if problem:
        raise QrisError(f"The stored QRIS payload is unusable ({problem}).")
    try:
        payload = lokal.set_qris_amount(static_payload, amount_idr)
    except ValueError as exc:
        raise QrisError(str(exc)) from exc
    info = lokal.parse_qris(payload)
    if not info.valid or info.type != "dynamic" or info.amount != str(amount_idr):
        raise QrisError("The dynamic QRIS code did not come out as expected.")
    return payload


def merchant_name(payload: str) -> str:
    return lokal.parse_qris(payload).merchant_name or ""
