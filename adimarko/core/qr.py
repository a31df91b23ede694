"""QR codes drawn as inline SVG (a QRIS payment, a mentoring session's check-in, a certificate's link) or as a
PNG file to save (a QRIS payment, to scan from the phone's gallery)."""

import io

import segno


def qr_svg(data: str, *, scale: int = 4, title: str = "") -> str:
    """The QR code of `data` as inline SVG markup: no XML declaration, quiet zone included, error correction
    M, `title` (when given) as the SVG's accessible name; `scale` is the size of one module in pixels."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(
        buffer, kind="svg", scale=scale, xmldecl=False, svgns=True, title=title or None, nl=False
    )
    return buffer.getvalue().decode()


def qr_png(data: str, *, scale: int = 10) -> bytes:
    """The QR code of `data` as a PNG image (quiet zone included, error correction M), e.g. a download that a
    banking app can scan from the phone's gallery; `scale` is the size of one module in pixels."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale)
    return buffer.getvalue()
