"""Issue 17: certifications as sellers write them are read into their normal form
(adimarko/core/certifications.py), and nonsense is refused with a message that quotes it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import override

from adimarko.core.certifications import CertificationText, parse_certification, parse_certifications

EXPIRY = date(2027, 1, 31)


@pytest.mark.parametrize(
    ("written", "kind", "number", "expires_on"),
    [
        # BPOM: MD or ML in the label or leading the number; the number is its 12 digits
        ("bpom:MD 224015001234", "bpom_md", "224015001234", None),  # issue 17: was refused
        ("BPOM RI MD 224015001234", "bpom_md", "224015001234", None),
        ("bpom ri md 224015001234", "bpom_md", "224015001234", None),
        ("BPOM-RI MD224015001234", "bpom_md", "224015001234", None),
        ("Badan POM RI MD 224015001234", "bpom_md", "224015001234", None),
        ("bpom_md:224015001234", "bpom_md", "224015001234", None),  # the export's own form
        ("BPOM MD: 2240 1500 1234", "bpom_md", "224015001234", None),
        ("MD224015001234", "bpom_md", "224015001234", None),
        ("md:224015001234", "bpom_md", "224015001234", None),
        ("bpom:md 224015001234", "bpom_md", "224015001234", None),
        ("BPOM RI ML 224015001234", "bpom_ml", "224015001234", None),
        ("bpom_ml:ML 224015001234", "bpom_ml", "224015001234", None),
        ("ML-2240-1500-1234", "bpom_ml", "224015001234", None),
        ("BPOM: ML 224015001234: 2027-01-31", "bpom_ml", "224015001234", EXPIRY),
        # PIRT: 15 digits, written 13-2
        ("pirt:2063505010123-27", "pirt", "2063505010123-27", None),
        ("P-IRT No. 2063505010123-27", "pirt", "2063505010123-27", None),
        ("PIRT 206350501012327", "pirt", "2063505010123-27", None),
        ("p irt: 2063505010123 - 27", "pirt", "2063505010123-27", None),
        ("SPP-IRT 2063505010123-27", "pirt", "2063505010123-27", None),
        ("SPPIRT 2063505010123-27", "pirt", "2063505010123-27", None),
        ("PIRT2063505010123-27", "pirt", "2063505010123-27", None),
        ("P-IRT Nomor 2063505010123-27 berlaku s/d 31-01-2027", "pirt", "2063505010123-27", EXPIRY),
        # Halal: BPJPH's ID… or an older MUI number, upper-cased without spaces
        ("halal:ID35110012345678:2027-01-31", "halal", "ID35110012345678", EXPIRY),
        ("HALAL ID35110012345678", "halal", "ID35110012345678", None),
        ("halal id 3511 0012 3456 78", "halal", "ID35110012345678", None),
        ("Sertifikat Halal No. ID35110012345678", "halal", "ID35110012345678", None),
        ("Halal BPJPH: ID35110012345678: 31/01/2027", "halal", "ID35110012345678", EXPIRY),
        ("Halal MUI 00150089471118", "halal", "00150089471118", None),
        ("halal:ID35110012345678:31.01.2027", "halal", "ID35110012345678", EXPIRY),
        ("halal:ID35110012345678:2027-1-31", "halal", "ID35110012345678", EXPIRY),
    ],
)
def test_spellings_sellers_use_are_read_into_the_normal_form(written, kind, number, expires_on):
    assert parse_certification(written) == CertificationText(kind=kind, number=number, expires_on=expires_on)


def _refusal(written: str) -> str:
    with pytest.raises(ValidationError) as excinfo:
        parse_certification(written)
    [message] = excinfo.value.messages
    return message


@pytest.mark.parametrize(
    ("written", "message", "values"),
    [
        (
            "bpom:224015001234",
            "“%(text)s”: a BPOM number starts with MD (processed food made in Indonesia) or ML "
            "(imported food), e.g. BPOM RI MD 224015001234.",
            {},
        ),
        (
            "bpom_md:ML 224015001234",
            "“%(text)s”: the type says BPOM %(label)s but the number says %(number)s.",
            {"label": "MD", "number": "ML"},
        ),
        (
            "BPOM RI MD 2240150",
            "“%(text)s”: a BPOM number is MD or ML and %(digits)s digits, e.g. %(example)s.",
            {"digits": 12, "example": "BPOM RI MD 224015001234"},
        ),
        (
            "bpom:MD ABC",
            "“%(text)s”: a BPOM number is MD or ML and %(digits)s digits, e.g. %(example)s.",
            {"digits": 12, "example": "BPOM RI MD 224015001234"},
        ),
        (
            "pirt:12345",
            "“%(text)s”: a PIRT number has %(digits)s digits, e.g. %(example)s.",
            {"digits": 15, "example": "P-IRT 2063505010123-27"},
        ),
        (
            "P-IRT dalam proses",
            "“%(text)s”: a PIRT number has %(digits)s digits, e.g. %(example)s.",
            {"digits": 15, "example": "P-IRT 2063505010123-27"},
        ),
        (
            "halal:sudah",
            "“%(text)s”: a halal certificate number is letters and digits (at least %(digits)s digits), "
            "e.g. %(example)s.",
            {"digits": 6, "example": "halal:ID35110012345678"},
        ),
        ("halal:", "“%(text)s”: the certificate number is missing.", {}),
        ("PIRT", "“%(text)s”: the certificate number is missing.", {}),
        ("BPOM RI MD", "“%(text)s”: the certificate number is missing.", {}),
        (
            "sni:1234567",
            "“%(text)s”: unknown certification type. Write halal, PIRT, BPOM MD or BPOM ML before the "
            "number, e.g. halal:ID35110012345678 or BPOM RI MD 224015001234.",
            {},
        ),
        (
            "224015001234",
            "“%(text)s”: unknown certification type. Write halal, PIRT, BPOM MD or BPOM ML before the "
            "number, e.g. halal:ID35110012345678 or BPOM RI MD 224015001234.",
            {},
        ),
        (
            "halal:ID35110012345678:2027-02-30",
            "“%(text)s”: %(date)s is not a date. Write the expiry date as YYYY-MM-DD, e.g. 2027-01-31.",
            {"date": "2027-02-30"},
        ),
    ],
)
def test_nonsense_is_refused_with_a_message_in_indonesian_that_quotes_it(written, message, values):
    with override("id"):
        refusal = _refusal(written)
        expected = _(message) % {"text": written, **values}
    assert refusal == expected
    assert _(message) != message  # the message is translated: the seller reads Indonesian


def test_the_indonesian_message_reads_as_indonesian():
    with override("id"):
        assert _refusal("bpom:224015001234") == (
            "“bpom:224015001234”: nomor BPOM diawali MD (pangan olahan dalam negeri) atau ML (pangan impor), "
            "mis. BPOM RI MD 224015001234."
        )


def test_a_cell_holds_several_and_repeats_count_once():
    found = parse_certifications(
        "Halal ID35110012345678; BPOM RI MD 224015001234, halal:ID35110012345678;P-IRT 2063505010123-27"
    )
    assert [str(cert) for cert in found] == [
        "halal:ID35110012345678",
        "bpom_md:224015001234",
        "pirt:2063505010123-27",
    ]
    assert parse_certifications("") == [] and parse_certifications(" ; ") == []


def test_every_refused_part_of_a_cell_is_reported():
    with pytest.raises(ValidationError) as excinfo:
        parse_certifications("halal:ID35110012345678; bpom:224015001234; sni:1")
    assert [message.split("”")[0] for message in excinfo.value.messages] == ["“bpom:224015001234", "“sni:1"]


def test_a_certificate_the_business_holds_imports_again_as_exported():
    # An older number that today's rules refuse is taken back as our export wrote it, and only for that
    # business's own certificate.
    known = frozenset({("pirt", "PIRT-LAMA")})
    assert parse_certifications("pirt:PIRT-LAMA:2026-05-01", known=known) == [
        CertificationText(kind="pirt", number="PIRT-LAMA", expires_on=date(2026, 5, 1))
    ]
    with pytest.raises(ValidationError):
        parse_certifications("pirt:PIRT-LAMA")
