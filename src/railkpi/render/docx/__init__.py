"""The evaluation report draft as a Word document (`railkpi assess DATA --docx FILE`).

One module per job:

- report.py — the entry point (write_report) and the order of the parts;
- setup.py — the page, the styles and their fonts, the page numbers;
- table.py — the indicator table and the notes under it;
- sentences.py, window_sentences.py — the paragraph on each target, by kind and status;
- sections.py — the overview, the targets needing attention, the method;
- words.py — figures in words; numbers.py — the Excel table's number formats as text.

The rules it words are the calculation's: the targets needing attention and their order
(calc/order.py, shared with the Excel summary), the difficulty word (calc/difficulty.py).
Every string is in the catalog: messages/docx_document.py (headings, table, small words),
docx_sentences.py (the target paragraphs), docx_sections.py (overview, attention, method).
Nothing here is imported unless --docx is given.
"""
