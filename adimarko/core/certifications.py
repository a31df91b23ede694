"""Certifications as sellers write them, read into their normal form (kind, number, expiry).

Sellers copy the text printed on their label or certificate: `BPOM RI MD 224015001234`, `P-IRT No.
2063505010123-27`, `Halal ID35110012345678`, in any case and spacing. The normal form is what
`Certification` stores and the product export writes back (`bpom_md:224015001234`):

- the kind is one of `Certification.Kind`: `halal`, `pirt`, `bpom_md`, `bpom_ml`. For BPOM, MD (processed food
  made in Indonesia) or ML (imported) may stand in the label (`bpom_md`, `BPOM MD`) or lead the number
  (`bpom:MD 224015001234`); a plain `BPOM 224015001234` is refused, since it could be either.
- the number: BPOM's 12 digits without the MD/ML (the kind says it), PIRT's 15 digits as `13 digits-2 digits`
  (the last two are the year it runs out), a halal number upper-cased without spaces (BPJPH's `ID…`, or an
  older MUI number).
- the expiry date, optional, as `YYYY-MM-DD` or the Indonesian day-first `DD-MM-YYYY` / `DD/MM/YYYY`.

Several certifications are separated by `;` (or `,`). Refusals are `ValidationError`s in the active language
that quote the part they refuse.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from adimarko.core.models import Certification

Kind = Certification.Kind

# The label before the number, on the text upper-cased with `_`, `.`, `:` and `#` turned into spaces.
# A label ends where no letter follows, so that `MD224015001234` and `PIRT2063505010123-27` are read too.
_LABELS = (
    (
        re.compile(
            r"^(?:SERTIFIKAT\s+|SERTIFIKASI\s+|LABEL\s+)?HALAL(?:\s+(?:MUI|BPJPH|RI|KEMENAG))*(?![A-Z])"
        ),
        "halal",
    ),
    (re.compile(r"^(?:SP\s*-?\s*)?P\s*-?\s*IRT(?![A-Z])"), "pirt"),
    (re.compile(r"^(?:BADAN\s+)?B?POM(?:\s*-?\s*RI)?(?:\s*-?\s*(MD|ML))?(?![A-Z])"), "bpom"),
    (re.compile(r"^(MD|ML)(?![A-Z])"), "bpom"),
)
_NUMBER_WORDS = re.compile(r"^(?:NO|NOMOR|NOMER|NUMBER|REG|NIE)\b\s*")
_BPOM_NUMBER = re.compile(r"^(?:(MD|ML)\s*-?\s*)?([0-9][0-9\s-]*)$")
_BPOM_DIGITS = 12
_PIRT_DIGITS = 15
_HALAL_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9/-]*$")
_HALAL_MIN_DIGITS = 6
_EXPIRY = re.compile(
    r"(?:^|[\s:])(?:(?:BERLAKU|EXP|EXPIRED|S/?D|SAMPAI|HINGGA)\s*)*"
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\s*$"
)
_SEPARATORS = re.compile(r"[;,\n]")
_EXAMPLES = {
    "halal": "halal:ID35110012345678",
    "pirt": "P-IRT 2063505010123-27",
    "bpom_md": "BPOM RI MD 224015001234",
    "bpom_ml": "BPOM RI ML 224015001234",
}


@dataclass(frozen=True)
class CertificationText:
    """One certification in its normal form."""

    kind: str
    number: str
    expires_on: date | None = None

    def __str__(self):
        expiry = f":{self.expires_on.isoformat()}" if self.expires_on else ""
        return f"{self.kind}:{self.number}{expiry}"


def _refuse(message: str, part: str, **values) -> ValidationError:
    return ValidationError(message % {"text": part, **values})


def _expiry(text: str, part: str) -> tuple[str, date | None]:
    """The text without its expiry date at the end, and the date."""
    found = _EXPIRY.search(text)
    if found is None:
        return text, None
    written = found.group(1)
    try:
        if re.match(r"\d{4}-", written):
            expires = date.fromisoformat("-".join(f"{int(piece):02d}" for piece in written.split("-")))
        else:
            day, month, year = (int(piece) for piece in re.split(r"[-/.]", written))
            expires = date(year, month, day)
    except ValueError:
        raise _refuse(
            _("“%(text)s”: %(date)s is not a date. Write the expiry date as YYYY-MM-DD, e.g. 2027-01-31."),
            part,
            date=written,
        ) from None
    return text[: found.start()], expires


def _label(text: str) -> tuple[str | None, str | None, str]:
    """(kind family, MD/ML written in the label, the rest) of the upper-cased text."""
    for pattern, family in _LABELS:
        found = pattern.match(text)
        if found is not None:
            sub = found.group(1) if pattern.groups else None
            return family, sub, text[found.end() :]
    return None, None, text


def _digits(text: str) -> str:
    return re.sub(r"[\s-]", "", text)


def _number(family: str, sub: str | None, rest: str, part: str) -> tuple[str, str]:
    """(kind, number in its normal form) of a certification of `family`."""
    if not rest:
        raise _refuse(_("“%(text)s”: the certificate number is missing."), part)
    if family == "bpom":
        found = _BPOM_NUMBER.match(rest)
        if found is None:
            raise _refuse(
                _("“%(text)s”: a BPOM number is MD or ML and %(digits)s digits, e.g. %(example)s."),
                part,
                digits=_BPOM_DIGITS,
                example=_EXAMPLES[Kind.BPOM_ML if sub == "ML" else Kind.BPOM_MD],
            )
        number_sub = found.group(1)
        if number_sub is None and sub is None:
            raise _refuse(
                _(
                    "“%(text)s”: a BPOM number starts with MD (processed food made in Indonesia) or ML "
                    "(imported food), e.g. BPOM RI MD 224015001234."
                ),
                part,
            )
        if sub and number_sub and sub != number_sub:
            raise _refuse(
                _("“%(text)s”: the type says BPOM %(label)s but the number says %(number)s."),
                part,
                label=sub,
                number=number_sub,
            )
        kind = Kind.BPOM_MD if (sub or number_sub) == "MD" else Kind.BPOM_ML
        digits = _digits(found.group(2))
        if not digits.isdigit() or len(digits) != _BPOM_DIGITS:
            raise _refuse(
                _("“%(text)s”: a BPOM number is MD or ML and %(digits)s digits, e.g. %(example)s."),
                part,
                digits=_BPOM_DIGITS,
                example=_EXAMPLES[kind],
            )
        return kind, digits
    if family == "pirt":
        digits = _digits(rest)
        if not digits.isdigit() or len(digits) != _PIRT_DIGITS:
            raise _refuse(
                _("“%(text)s”: a PIRT number has %(digits)s digits, e.g. %(example)s."),
                part,
                digits=_PIRT_DIGITS,
                example=_EXAMPLES["pirt"],
            )
        return Kind.PIRT, f"{digits[:-2]}-{digits[-2:]}"
    number = re.sub(r"\s", "", rest)
    if _HALAL_NUMBER.match(number) is None or sum(ch.isdigit() for ch in number) < _HALAL_MIN_DIGITS:
        raise _refuse(
            _(
                "“%(text)s”: a halal certificate number is letters and digits (at least %(digits)s digits), "
                "e.g. %(example)s."
            ),
            part,
            digits=_HALAL_MIN_DIGITS,
            example=_EXAMPLES["halal"],
        )
    return Kind.HALAL, number


def parse_certification(part: str) -> CertificationText:
    """One certification as a seller wrote it, in its normal form; a `ValidationError` for anything else."""
    part = " ".join(part.split())
    text, expires = _expiry(part.upper(), part)
    family, sub, rest = _label(re.sub(r"[_.:#]", " ", text).strip())
    if family is None:
        raise _refuse(
            _(
                "“%(text)s”: unknown certification type. Write halal, PIRT, BPOM MD or BPOM ML before the "
                "number, e.g. halal:ID35110012345678 or BPOM RI MD 224015001234."
            ),
            part,
        )
    rest = _NUMBER_WORDS.sub("", rest.strip(" -")).strip(" -")
    kind, number = _number(family, sub, rest, part)
    return CertificationText(kind=str(kind), number=number, expires_on=expires)


def parse_certifications(text: str, *, known=frozenset()) -> list[CertificationText]:
    """Every certification of a cell (separated by `;` or `,`), in its normal form, without repeats.

    `known` holds (kind, number) pairs already stored: written as our export writes them
    (`bpom_md:<number>`), they are taken as they are, so that a file exported before these rules imports
    again. Every refused part is reported in one `ValidationError`."""
    found, errors = [], []
    for part in filter(None, (piece.strip() for piece in _SEPARATORS.split(text))):
        pieces = [piece.strip() for piece in part.split(":")]
        if len(pieces) in (2, 3) and (pieces[0], pieces[1]) in known:
            expiry = pieces[2] if len(pieces) == 3 else ""
            if not expiry or re.fullmatch(r"\d{4}-\d{2}-\d{2}", expiry):
                try:
                    expires = date.fromisoformat(expiry) if expiry else None
                except ValueError:
                    pass  # the parser below reports the date
                else:
                    found.append(CertificationText(kind=pieces[0], number=pieces[1], expires_on=expires))
                    continue
        try:
            found.append(parse_certification(part))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return list(dict.fromkeys(found))
