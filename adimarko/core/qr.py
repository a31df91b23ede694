"""QR codes drawn as inline SVG: a QRIS payment, a mentoring session's check-in, a certificate's link."""

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
