"""The evaluation report draft (`railkpi assess DATA --docx FILE`): the document an analyst
edits and sends — per plan a title and its basis, 总体情况, the indicator table, a paragraph
per target, the targets needing attention; then the method.

Chinese unless `--lang en` is given (the CLI decides). python-docx is imported by this package
only, and the package only when --docx is given. The file is written atomically and never over
the input workbook, like the Excel gap table.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH

from railkpi.calc.order import ordered
from railkpi.calc.results import PlanResult
from railkpi.messages import pick
from railkpi.messages.docx_document import DOCX_DOCUMENT, DOCX_TABLE
from railkpi.render import Report
from railkpi.render.docx import words as w
from railkpi.render.docx.sections import (
    attention_paragraphs,
    method_sections,
    overview_paragraphs,
)
from railkpi.render.docx.sentences import target_text
from railkpi.render.docx.setup import (
    add_heading,
    add_paragraph,
    centred,
    new_document,
    xml_text,
)
from railkpi.render.docx.table import add_indicator_table, add_table_notes
from railkpi.render.series_words import filter_line, filter_text


def write_report(report: Report, lang: str, path: Path, data_path: Path) -> None:
    """Write the report to `path` atomically; never over the input workbook (exit 2)."""
    from railkpi.outfile import refuse_input, write_atomic

    refuse_input(path, data_path, "--docx")
    buffer = io.BytesIO()
    build_document(report, lang, data_path).save(buffer)
    write_atomic(path, buffer.getvalue(), "--docx")


def _d(key: str, lang: str, **fields: object) -> str:
    return pick(DOCX_DOCUMENT[key], lang).format(**fields)


def document_title(report: Report, lang: str) -> str:
    plans = report.assessment.plans
    if len(plans) == 1:
        return _d("title-one", lang, title=plans[0].plan.plan.title(lang))
    return _d("title-many", lang)


def build_document(report: Report, lang: str, data_path: Path) -> WordDocument:
    as_of = report.assessment.as_of
    title = document_title(report, lang)
    document = new_document(lang, title)
    add_heading(document, title, level=0)
    centred(add_paragraph(document, _d("subtitle", lang, as_of=as_of)))
    plans = report.assessment.plans
    shown = filter_line(report.target_filter, sum(len(p.targets) for p in plans), lang)
    if shown is not None:  # a report narrowed by --target, --indicator or --group says so
        centred(add_paragraph(document, shown))
    for number, plan_result in enumerate(plans, start=1):
        _plan_part(document, plan_result, number, report, data_path.name, lang)
    method_number = len(plans) + 1
    add_heading(document, _d("h1", lang, n=w.numeral(method_number, lang),
                            text=_d("method", lang)), level=1)
    sections = method_sections(plans, as_of, data_path, lang,
                               filter_text(report.target_filter, lang))
    for index, (heading, paragraphs) in enumerate(sections, start=1):
        add_heading(document, _h2(index, method_number, heading, lang), level=2)
        for text in paragraphs:
            paragraph = add_paragraph(document, text)
            if index == len(sections):  # file name, hash, version: not stretched to justify
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return document


def _h2(index: int, parent: int, text: str, lang: str) -> str:
    return _d("h2", lang, n=w.numeral(index, lang), parent=parent, text=text)


def basis(plan_result: PlanResult, as_of: int, data_file: str, lang: str) -> str:
    """评估依据：《…规划》（丰政发〔2022〕7号）；评估截至2024年；数据文件：fengtai.xlsx。"""
    meta = plan_result.plan.plan
    title, document = meta.title(lang), meta.document
    if document and document.startswith("《"):  # the document is named by its own title
        text = document if lang == "zh" else _d("basis-document", lang, title=title,
                                                  document=document)
    elif document:
        text = _d("basis-document", lang, title=title, document=document)
    else:
        text = _d("basis-title", lang, title=title)
    return _d("basis", lang, document=text, as_of=as_of, file=data_file)


def _plan_part(document: WordDocument, plan_result: PlanResult, number: int, report: Report,
               data_file: str, lang: str) -> None:
    as_of = report.assessment.as_of
    meta = plan_result.plan.plan
    add_heading(document, _d("h1", lang, n=w.numeral(number, lang), text=meta.title(lang)),
                         level=1)
    add_paragraph(document, basis(plan_result, as_of, data_file, lang))

    add_heading(document, _h2(1, number, _d("overview", lang), lang), level=2)
    narrowed = filter_text(report.target_filter, lang)
    for text in overview_paragraphs(plan_result, as_of, lang, narrowed):
        add_paragraph(document, text)

    add_heading(document, _h2(2, number, _d("indicators", lang), lang), level=2)
    caption = pick(DOCX_TABLE["caption"], lang).format(n=number, title=meta.title(lang))
    add_paragraph(document, caption, style="Caption")
    add_indicator_table(document, plan_result, as_of, lang)
    add_table_notes(document, plan_result, lang)

    add_heading(document, _h2(3, number, _d("targets", lang), lang), level=2)
    results = ordered(plan_result.targets)
    groups = list(dict.fromkeys(r.target.group for r in results))
    counter = 0
    separator = "" if lang == "zh" else " "
    for group_number, group in enumerate(groups, start=1):
        add_heading(document, _d("h3", lang, n=group_number,
                                text=plan_result.plan.groups[group](lang)), level=3)
        for r in (r for r in results if r.target.group == group):
            counter += 1
            written = target_text(r, meta, as_of, counter, lang)
            paragraph = add_paragraph(document)
            paragraph.add_run(xml_text(written.lead)).bold = True
            paragraph.add_run(xml_text(separator + written.goal + separator + written.body))

    add_heading(document, _h2(4, number, _d("attention", lang), lang), level=2)
    for index, text in enumerate(attention_paragraphs(plan_result, as_of, lang)):
        paragraph = add_paragraph(document, text)
        paragraph.paragraph_format.keep_with_next = index == 0  # the intro with the first item

