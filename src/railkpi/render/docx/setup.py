"""The Word document the report draft is written into: A4 portrait, margins, paragraph styles
with their fonts, page numbers in the footer.

Editable, as an office expects a draft to be: text is in Word's own styles — Title, Heading 1–3
(标题 1–3 in a Chinese Word), Normal (正文), Caption (题注) — plus two styles of its own for
the table (表格文字 / Table Text) and the notes under it (表注 / Table Note). The Chinese layout
follows the national standard for official documents (GB/T 9704): 仿宋 三号 body text on a
28-point line, 黑体 headings, margins 37/35/28/26 mm, page numbers "— 1 —".

Fonts are set through every attribute of w:rFonts, the East-Asian one (w:eastAsia) included,
with the theme attributes of python-docx's template removed (a theme attribute would win over
the named font): Word and LibreOffice both render the Chinese text in the named font, or in
the system's substitute for it where it is not installed. The fonts are those of a Chinese
Windows: 仿宋, 黑体, 宋体; Latin text and digits in Times New Roman.
"""

from __future__ import annotations

import re

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from railkpi import __version__
from railkpi.messages import pick
from railkpi.messages.docx_document import DOCX_DOCUMENT
from railkpi.records import record

LATIN = "Times New Roman"
BLACK = RGBColor(0, 0, 0)


@record
class Look:
    """Fonts, sizes and page margins of one language's document."""

    body_font: str
    heading_font: str
    title_font: str
    table_font: str
    body_size: float
    heading_sizes: tuple[float, float, float]
    title_size: float
    table_size: float
    line: float | None  # exact line height in points; None: 1.15 lines
    indent_first_line: bool  # Chinese paragraphs start two characters in
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    language: str  # w:lang


LOOKS: dict[str, Look] = {
    "zh": Look("仿宋", "黑体", "宋体", "宋体", 16, (16, 16, 16), 22, 9, 28, True,
               (37, 35, 28, 26), "zh-CN"),
    "en": Look(LATIN, LATIN, LATIN, LATIN, 12, (14, 12.5, 12), 18, 9, None, False,
               (25, 25, 25, 25), "en-GB"),
}

#: Custom styles: key in DOCX_DOCUMENT (messages/docx_document.py) → the style's name.
TABLE_STYLE, NOTE_STYLE = "style-table", "style-note"

A4_WIDTH_MM, A4_HEIGHT_MM = 210, 297


def text_width_mm(lang: str) -> float:
    """The width between the margins, which the indicator table fills."""
    _, _, left, right = LOOKS[lang].margins_mm
    return A4_WIDTH_MM - left - right


def style_name(key: str, lang: str) -> str:
    return pick(DOCX_DOCUMENT[key], lang)


def new_document(lang: str, title: str) -> WordDocument:
    """An empty document with the page, the styles and the footer set up."""
    look = LOOKS[lang]
    document = Document()
    _page(document, look)
    _styles(document, look, lang)
    _footer(document, look, lang)
    properties = document.core_properties
    properties.title = xml_text(title)
    properties.author = "railkpi"
    properties.comments = f"railkpi {__version__}"
    properties.language = look.language
    return document


def _page(document: WordDocument, look: Look) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(A4_WIDTH_MM), Mm(A4_HEIGHT_MM)
    top, bottom, left, right = look.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.footer_distance = Mm(min(bottom - 7, 28))


def set_fonts(rpr_owner: object, latin: str, east_asian: str) -> None:
    """Name the fonts of a style, run or the document defaults in every script slot.

    `rpr_owner` has get_or_add_rPr() (a style's or a run's element). Theme attributes are
    removed: Word uses w:asciiTheme over w:ascii, so the named font would be ignored.
    """
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot, font in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east_asian),
                       ("cs", latin)):
        fonts.set(qn(f"w:{slot}"), font)


def _defaults(document: WordDocument, look: Look) -> None:
    """Document defaults: the body fonts and the language, for text outside any style."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None  # python-docx's template has them
    rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    assert rpr is not None
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts is not None
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot, font in (("ascii", LATIN), ("hAnsi", LATIN), ("eastAsia", look.body_font),
                       ("cs", LATIN)):
        fonts.set(qn(f"w:{slot}"), font)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), "en-US" if look.language == "zh-CN" else look.language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _paragraph_style(style: ParagraphStyle, font: str, size: float, look: Look, *,
                     bold: bool = False, indent: bool = False,
                     align: WD_ALIGN_PARAGRAPH | None = None,
                     before: float = 0, after: float = 0, line: float | None = None) -> None:
    set_fonts(style.element, LATIN, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = BLACK
    paragraph = style.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
    paragraph.first_line_indent = Pt(2 * size) if indent and look.indent_first_line else Pt(0)
    if align is not None:
        paragraph.alignment = align
    if line is not None:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(line)
    else:
        paragraph.line_spacing = 1.15


def _styles(document: WordDocument, look: Look, lang: str) -> None:
    _defaults(document, look)
    styles = document.styles
    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _paragraph_style(normal, look.body_font, look.body_size, look, indent=True,
                     align=WD_ALIGN_PARAGRAPH.JUSTIFY, line=look.line,
                     after=0 if look.line else 6)
    normal.paragraph_format.widow_control = True
    for level, size in enumerate(look.heading_sizes, start=1):
        heading = styles[f"Heading {level}"]
        assert isinstance(heading, ParagraphStyle)
        font = look.heading_font if level < 3 else look.body_font
        # 黑体 is bold by design; the third level is the body font in bold (GB/T 9704: 1.).
        _paragraph_style(heading, font, size, look, bold=lang == "en" or level == 3,
                         indent=True, line=look.line, before=6 if level > 1 else 12,
                         after=6 if look.line is None else 0)
        heading.paragraph_format.keep_with_next = True
    title = styles["Title"]
    assert isinstance(title, ParagraphStyle)
    _paragraph_style(title, look.title_font, look.title_size, look, bold=True,
                     align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    borders = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
    if borders is not None:  # the template underlines the title in blue
        title.element.pPr.remove(borders)
    caption = styles["Caption"]
    assert isinstance(caption, ParagraphStyle)
    _paragraph_style(caption, look.heading_font, look.table_size + 1.5, look,
                     bold=lang == "en", align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=3)
    caption.paragraph_format.keep_with_next = True
    table = styles.add_style(style_name(TABLE_STYLE, lang), WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    _paragraph_style(table, look.table_font, look.table_size, look,
                     align=WD_ALIGN_PARAGRAPH.CENTER)
    note = styles.add_style(style_name(NOTE_STYLE, lang), WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    _paragraph_style(note, look.table_font, look.table_size, look,
                     align=WD_ALIGN_PARAGRAPH.LEFT, after=1)
    for char in ("Heading1Char", "Heading2Char", "Heading3Char", "TitleChar"):
        linked = styles.element.get_by_id(char)
        if linked is not None:  # Word shows these when a heading's text is selected
            set_fonts(linked, LATIN, look.heading_font)
            color = linked.rPr.find(qn("w:color")) if linked.rPr is not None else None
            if color is not None:
                linked.rPr.remove(color)


def _footer(document: WordDocument, look: Look, lang: str) -> None:
    """The page number, centred: "— 1 —" in Chinese (a PAGE field, updated by Word)."""
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    before, _, after = pick(DOCX_DOCUMENT["footer"], lang).partition("{page}")
    size = 14 if lang == "zh" else 10
    for text in (before, None, after):
        if text == "":
            continue
        run = paragraph.add_run()
        run.font.size = Pt(size)
        set_fonts(run.element, LATIN, look.title_font)
        if text is None:
            add_page_field(run.element)
        else:
            run.text = text


def add_page_field(run_element: object) -> None:
    """A PAGE field in a run: begin, the instruction, separate, the last page number shown,
    end (Word and LibreOffice recompute it when they lay the page out)."""
    parts: list[tuple[str, str | None]] = [("begin", None), ("instr", " PAGE "),
                                           ("separate", None), ("text", "1"), ("end", None)]
    for kind, text in parts:
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run_element.append(element)  # type: ignore[attr-defined]


#: Characters XML 1.0 cannot hold (python-docx refuses them). Text from a plan file (a name, a
#: note) may carry one; it is dropped, as the Excel gap table drops it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def add_paragraph(document: WordDocument, text: str = "", style: str | None = None
                  ) -> Paragraph:
    return document.add_paragraph(xml_text(text), style=style)


def add_heading(document: WordDocument, text: str, level: int) -> Paragraph:
    heading: Paragraph = document.add_heading(xml_text(text), level=level)
    return heading


def centred(paragraph: Paragraph) -> Paragraph:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    return paragraph
