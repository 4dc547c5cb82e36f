"""Parsing a workbook's XML parts without trusting them: a DTD, entity declarations or an
external reference are refused (every XML entity attack needs one), and parts are streamed from
the bounded inflation."""

from __future__ import annotations

import re
import zipfile
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


def parse_xml(file: str, fp: BinaryIO, info: zipfile.ZipInfo, handler: Handler) -> None:
    """Parse a part, streamed, refusing any DTD (an .xlsx never has one)."""
    parser = guarded_expat()
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    handler.parser = parser
    try:
        for chunk in inflate(file, fp, info):
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


def check_prolog(file: str, fp: BinaryIO, info: zipfile.ZipInfo,
                  look_for: re.Pattern[bytes] | None = None) -> bool:
    """Refuse an XML part whose prolog declares a DTD; inflate the rest without parsing it.

    Returns whether `look_for` occurs in the part (always True for UTF-16 text, which a
    byte pattern cannot search).
    """
    chunks = inflate(file, fp, info)
    prolog = guarded_expat()
    prolog.StartElementHandler = _root_reached  # a DTD can only come before the root
    parser: expat.XMLParserType | None = prolog
    found = False
    start = b""  # the part's first two bytes
    window = b""  # the last bytes seen, so that a tag cut by a chunk boundary is found
    for chunk in chunks:
        if len(start) < 2:
            start = (start + chunk)[:2]
            if start in (b"\xff\xfe", b"\xfe\xff", b"<\0", b"\0<"):  # UTF-16
                found = look_for is not None
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
        if look_for is not None and not found:
            seen = window + chunk
            found = has_tag(seen, look_for)
            window = seen[-256:]
    return found
