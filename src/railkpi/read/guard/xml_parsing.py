"""Parsing a workbook's XML parts without trusting them: a DTD, entity declarations or an
external reference are refused (every XML entity attack needs one), and parts are streamed from
the bounded inflation."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO
from xml.parsers import expat

from defusedxml.common import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)

from railkpi.problems import error
from railkpi.read.guard.refusals import attack_words, damaged, fail
from railkpi.read.guard.zip_parts import inflate


class Handler:
    """Element callbacks for `parse_xml`. Names are 'namespace}local' (expat's form here);
    unprefixed attributes have no namespace. `parser` is the parser feeding the handler, for
    handlers that switch the character-data callback on and off."""

    parser: expat.XMLParserType | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        pass

    def end(self, name: str) -> None:
        pass


def local_name(name: str) -> str:
    return name.rpartition("}")[2]


def _refuse_dtd(name: str, system_id: str | None, public_id: str | None,
                has_internal_subset: bool) -> None:
    raise DTDForbidden(name, system_id, public_id)


def _refuse_entity(name: str, is_parameter_entity: bool, value: str | None, base: str | None,
                   system_id: str | None, public_id: str | None,
                   notation_name: str | None) -> None:
    raise EntitiesForbidden(name, value, base, system_id, public_id, notation_name)


def _refuse_unparsed_entity(name: str, base: str | None, system_id: str | None,
                            public_id: str | None, notation_name: str | None) -> None:
    raise EntitiesForbidden(name, None, base, system_id, public_id, notation_name)


def _refuse_external(context: str, base: str | None, system_id: str | None,
                     public_id: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, system_id, public_id)


def guarded_expat() -> expat.XMLParserType:
    """An expat parser refusing what defusedxml refuses with forbid_dtd=True — a DTD, entity
    declarations, external references — raising defusedxml's own exceptions. Used directly,
    not through xml.sax, because a worksheet has an element per cell: SAX's per-element
    objects made the scan cost half of what reading the workbook costs."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_unparsed_entity
    parser.ExternalEntityRefHandler = _refuse_external
    return parser


#: Characters XML 1.0 does not allow, which spreadsheet readers still read from cell text:
#: C0 controls but tab, line feed and carriage return (as raw bytes and as character
#: references), and U+FFFE, U+FFFF.
_CONTROL_BYTES = bytes.maketrans(bytes(b for b in range(32) if b not in b"\t\n\r"),
                                 b" " * 29)
_NON_CHARACTERS = re.compile(rb"\xef\xbf[\xbe\xbf]|&#(?:x0*(?:[0-8bcef]|1[0-9a-f]|fff[ef])"
                             rb"|0*(?:[0-8]|1[1-24-9]|2\d|3[01]|6553[45]));", re.IGNORECASE)


def tolerant(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """UTF-8 XML with the characters XML forbids but readers accept replaced by spaces, so that
    the guard's parse reads what the readers read (the text is cleaned where it is read).
    A sequence cut by a chunk's end waits for the next chunk."""
    carry = b""
    first = True
    for chunk in chunks:
        if first:
            first = False
            if chunk[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\0", b"\0<"):  # UTF-16: as it is
                yield chunk
                yield from chunks
                return
        data = carry + chunk
        keep = max(data.rfind(b"&", len(data) - 12), data.rfind(b"\xef", len(data) - 2))
        if keep != -1 and b";" not in data[keep:]:
            data, carry = data[:keep], data[keep:]
        else:
            carry = b""
        yield _NON_CHARACTERS.sub(lambda m: b" " * len(m.group()), data.translate(_CONTROL_BYTES))
    if carry:
        yield carry.translate(_CONTROL_BYTES)


def parse_xml(file: str, fp: BinaryIO, info: zipfile.ZipInfo, handler: Handler,
              lenient: bool = False) -> None:
    """Parse a part, streamed, refusing any DTD (an .xlsx never has one). `lenient`: replace
    the characters XML forbids but readers accept (see `tolerant`) instead of refusing them."""
    parser = guarded_expat()
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    handler.parser = parser
    chunks = inflate(file, fp, info)
    try:
        for chunk in tolerant(chunks) if lenient else chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except DefusedXmlException as exc:
        fail(error("xml-attack", file, info.filename, detail=attack_words(exc)))
    except expat.ExpatError as exc:
        damaged(file, "member-xml", part=info.filename, error=exc)


class _RootReached(Exception):
    pass


def _root_reached(name: str, attrs: dict[str, str]) -> None:
    raise _RootReached



def has_tag(data: bytes, tag: re.Pattern[bytes]) -> bool:
    """Whether `tag` (a pattern ending in the element name f) occurs in `data`.

    Searching for the single byte "f" runs at memory speed, and in sheet XML an "f" is rare
    (UTF-8 text never contains the byte outside ASCII, and numbers and cell references have
    none); the pattern is tried only where an "f" follows "<" or a prefix's ":".
    """
    position = data.find(b"f", 1)
    while position != -1:
        if data[position - 1] in b"<:":
            opening = data.rfind(b"<", 0, position)
            if opening != -1 and tag.match(data, opening):
                return True
        position = data.find(b"f", position + 1)
    return False


def prolog_checked(file: str, fp: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's bytes, inflated; a part whose prolog declares a DTD is refused."""
    prolog = guarded_expat()
    prolog.StartElementHandler = _root_reached  # a DTD can only come before the root
    parser: expat.XMLParserType | None = prolog
    for chunk in inflate(file, fp, info):
        if parser is not None:
            try:
                parser.Parse(chunk, False)
            except _RootReached:
                parser = None
            except DefusedXmlException as exc:
                fail(error("xml-attack", file, info.filename, detail=attack_words(exc)))
            except expat.ExpatError:
                parser = None  # not well-formed before its root (a legacy VML drawing, say):
                # left to the reader, which ignores or refuses it; sizes are still checked
        yield chunk


def check_prolog(file: str, fp: BinaryIO, info: zipfile.ZipInfo,
                  look_for: re.Pattern[bytes] | None = None) -> bool:
    """Refuse an XML part whose prolog declares a DTD; inflate the rest without parsing it.

    Returns whether `look_for` occurs in the part (always True for UTF-16 text, which a
    byte pattern cannot search).
    """
    found = False
    start = b""  # the part's first two bytes
    window = b""  # the last bytes seen, so that a tag cut by a chunk boundary is found
    for chunk in prolog_checked(file, fp, info):
        if len(start) < 2:
            start = (start + chunk)[:2]
            if start in (b"\xff\xfe", b"\xfe\xff", b"<\0", b"\0<"):  # UTF-16
                found = look_for is not None
        if look_for is not None and not found:
            seen = window + chunk
            found = has_tag(seen, look_for)
            window = seen[-256:]
    return found
