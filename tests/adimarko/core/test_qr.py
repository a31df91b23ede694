import segno

from adimarko.core.qr import qr_svg


def test_qr_svg_is_inline_markup_with_its_title_and_scale():
    svg = qr_svg("https://adimarko.test/sertifikat/ABC", scale=8, title="Verify <ABC>")
    assert svg.startswith("<svg") and "<?xml" not in svg and "\n" not in svg
    assert "<title>Verify &lt;ABC&gt;</title>" in svg
    size = segno.make("https://adimarko.test/sertifikat/ABC", error="m").symbol_size(scale=8)
    assert f'width="{size[0]}"' in svg


def test_qr_svg_without_a_title_has_none():
    assert "<title>" not in qr_svg("00020101021226")
