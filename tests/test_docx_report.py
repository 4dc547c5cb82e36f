"""The Word report (`railkpi assess DATA --docx FILE`) as a document: its parts and headings,
one indicator table per plan with a row per target, the styles and fonts an office can edit,
A4 portrait with page numbers, each language free of the other, and the same write rules as
the Excel gap table. The sentences themselves: tests/test_docx_sentences.py.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn

from docx_helpers import all_text, open_docx, sections, style_of
from railkpi import __version__
from railkpi.messages.words import STATUS

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "fengtai.xlsx"

H2 = {"zh": ["（一）总体情况", "（二）主要指标完成情况", "（三）分项评估", "（四）需关注的指标"],
      "en": ["{n}.1 Overview", "{n}.2 Indicator table", "{n}.3 Target by target",
             "{n}.4 Targets needing attention"]}
HEADER = {
    "zh": ["类别", "指标", "单位", "基期值\n{base}年", "最新值\n2024年", "目标值\n2025年",
           "完成进度", "序时进度", "状态"],
    "en": ["Group", "Indicator", "Unit", "Baseline\n{base}", "Latest\n2024", "Target\n2025",
           "Completion", "Time elapsed", "Status"],
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example assessed once per language: (document, JSON report, path)."""
    from conftest import run_cli

    runs = {}
    for lang in ("zh", "en"):
        out = tmp_path_factory.mktemp(lang) / "report.docx"
        run = run_cli("assess", EXAMPLE, "--docx", out, "--format", "json", "--lang", lang)
        assert run.exit_code == 0, run.stderr
        runs[lang] = (open_docx(out), run.json(), out)
    return runs


# -- parts and headings ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_headings(example: dict[str, Any], lang: str) -> None:
    document, report, _ = example[lang]
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(style_of(paragraph), []).append(paragraph.text)
    assert by_style["Title"] == (["规划实施情况监测评估报告"] if lang == "zh" else
                                 ["Plan implementation: monitoring and evaluation report"])
    titles = [p["title"][lang] for p in report["plans"]]
    method = "三、说明" if lang == "zh" else "3. Method"
    first = ("一、", "二、") if lang == "zh" else ("1. ", "2. ")
    assert by_style["Heading 1"] == [f"{n}{t}" for n, t in zip(first, titles, strict=True)] + [
        method]
    expected_h2 = []
    for n in (1, 2):
        expected_h2 += [h.format(n=n) for h in H2[lang]]
    assert by_style["Heading 2"][:8] == expected_h2
    assert len(by_style["Heading 2"]) == 8 + 4  # the method's four parts
    # the plan's groups as third-level headings, in the plan's order
    groups = {"zh": "1．企业数量", "en": "Number of enterprises"}[lang]
    assert by_style["Heading 3"][0] == groups


def test_single_plan_title_names_the_plan(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert railkpi("assess", EXAMPLE, "--plan", "14th-fyp", "--docx", out).exit_code == 0
    document = open_docx(out)
    [title] = [p.text for p in document.paragraphs if style_of(p) == "Title"]
    assert title == "《“十四五”时期丰台区轨道交通产业发展规划》实施情况监测评估报告"
    assert document.core_properties.title == title
    basis = next(p.text for p in document.paragraphs if p.text.startswith("评估依据"))
    assert basis == ("评估依据：《“十四五”时期丰台区轨道交通产业发展规划》（丰政发〔2022〕7号）；"
                     "评估截至2024年；数据文件：fengtai.xlsx。")


def test_overview_counts_and_headline(example: dict[str, Any]) -> None:
    document, report, _ = example["zh"]
    [[overview], *_] = list(sections(document, "总体情况"))
    statuses = [(t["status"], t["early"]) for t in report["plans"][0]["targets"]]
    assert statuses.count(("achieved", True)) == 2
    assert statuses.count(("moderate", False)) == 3
    assert overview.text.startswith(
        "本规划共设置量化目标12项。截至2024年，已提前完成2项，符合进度4项，进度偏慢3项，进度滞后1项，"
        "逆向变化1项，未完成1项。企业数量方面，轨道交通产业总收入2948.2亿元，完成进度51.4%，进度偏慢；"
        "轨道交通企业数量228家，完成进度约80.0%，符合进度；")
    # two targets on the same indicator with the same figures are listed once
    assert overview.text.count("轨道交通企业数量228家") == 1
    assert overview.text.endswith(
        "进度偏慢及以下、无法判定或无数据的指标共6项，详见“需关注的指标”。")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_attention_list_worst_first(example: dict[str, Any], lang: str) -> None:
    document, report, _ = example[lang]
    order = ["not_achieved", "regressing", "off_track", "moderate", "undetermined", "no_data"]
    for paragraphs, plan in zip(sections(document, H2[lang][3][-10:]), report["plans"],
                                strict=True):
        intro, *items = paragraphs
        assert "、".join(STATUS[s][0] for s in order) in intro.text or lang == "en"
        needing = [t for t in plan["targets"] if t["status"] in order]
        assert len(items) == len(needing)
        words = [re.search(r"[（(]([^）)]+)[）)][：:]", p.text) for p in items]
        statuses = [m.group(1) if m else "" for m in words]
        index = {STATUS[s][0 if lang == "zh" else 1]: order.index(s) for s in order}
        ranks = [index[s] for s in statuses]
        assert ranks == sorted(ranks)
        assert items[0].text.startswith("1．" if lang == "zh" else "1. ")


def test_attention_list_is_the_excel_summarys(railkpi: Callable[..., Any],
                                               tmp_path: Path) -> None:
    # One rule (calc/order.py) for both: the same targets, statuses and order, plan by plan.
    import openpyxl

    xlsx, docx_path = tmp_path / "gaps.xlsx", tmp_path / "report.docx"
    run = railkpi("assess", EXAMPLE, "--xlsx", xlsx, "--docx", docx_path, "--lang", "zh",
                  "--format", "json")
    assert run.exit_code == 0, run.stderr
    needing = {"not_achieved", "regressing", "off_track", "moderate", "undetermined", "no_data"}
    targets = [t for plan in run.json()["plans"] for t in plan["targets"]]
    summary = openpyxl.load_workbook(xlsx)["汇总"]
    plan_ids = ["14th-fyp", "2023-2025"]
    excel = [(row[0], row[1].rsplit("（", 1)[0], row[9].rstrip("*"))
             for row in summary.iter_rows(min_row=5, values_only=True)
             if row[0] in plan_ids and isinstance(row[9], str)]
    word = []
    for plan_id, (_, *items) in zip(plan_ids, sections(open_docx(docx_path), "需关注的指标"),
                                    strict=True):
        for item in items:
            name, status = item.text.split("：", 1)[0].split("．", 1)[1].rsplit("（", 1)
            word.append((plan_id, name, status.rstrip("）")))
    assert len(excel) == sum(1 for t in targets if t["status"] in needing) > 0
    assert word == excel


# -- the indicator table ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_table_per_plan_with_a_row_per_target(example: dict[str, Any], lang: str) -> None:
    document, report, _ = example[lang]
    assert len(document.tables) == len(report["plans"])
    for table, plan in zip(document.tables, report["plans"], strict=True):
        rows = table.rows
        assert len(rows) == 1 + len(plan["targets"])
        header_texts = [h.format(base=plan["baseline_year"]) for h in HEADER[lang]]
        assert [c.text for c in rows[0].cells] == header_texts
        header = rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)


def test_table_cells_formatted_as_in_the_excel_table(example: dict[str, Any]) -> None:
    document, _, _ = example["zh"]
    table = document.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    # revenue: money #,##0.0, rates 0.0%
    assert cells[1] == ["企业数量", "轨道交通产业总收入", "亿元", "2,364.9", "2,948.2", ">3,500.0",
                        "51.4%", "80.0%", "进度偏慢"]
    # a qualified baseline 180余, rates from it ≈; a change target resolved
    assert cells[3][3:] == ["180余", "228", "≥+60=240", "≈80.0%", "80.0%", "符合进度"]
    # regressing: a negative completion; each year: no baseline, no rates
    assert cells[7][3:] == ["11301", "11190", "≥15000", "-3.0%", "80.0%", "逆向变化"]
    assert cells[11][3:] == ["—", "3", "每年2–3", "—", "—", "未完成"]
    # the group cell spans its rows (merged, the text once)
    assert {cells[i][0] for i in range(1, 7)} == {"企业数量"}
    first = table.rows[1].cells[0]._tc
    assert first.tcPr.find(qn("w:vMerge")) is not None
    # the linear method is starred, and explained under the table
    action = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert action[15][1:] == ["检验检测试验线", "条", "0", "0", "≥1", "0.0%", "66.7%", "进度滞后*"]


@pytest.mark.parametrize(("lang", "year"), [("zh", "(2020年)"), ("en", "(2020)")])
def test_a_figure_of_another_year_has_its_year_on_a_line_of_its_own(
        tmp_path: Path, lang: str, year: str) -> None:
    """A number is never broken by a narrow column: the year goes on the next line."""
    from conftest import run_cli
    from test_yearbook import yearbook

    out = tmp_path / "report.docx"
    run = run_cli("assess", yearbook(tmp_path / "yearbook.xlsx", fixed=True), "--docx", out,
                  "--plan", "14th-fyp", "--lang", lang)
    assert run.exit_code == 0, run.stderr
    cells = [[c.text for c in row.cells] for row in open_docx(out).tables[0].rows]
    latest = {row[1]: row[4] for row in cells[1:]}
    firms = "收入百亿级以上企业数量" if lang == "zh" else "Enterprises with revenue of 10 billion"
    (shown,) = [value for name, value in latest.items() if name.startswith(firms)]
    assert shown == f"4\n{year}"
    if lang == "zh":  # the target's base year in half-width brackets, on one line
        targets = {row[1]: row[5] for row in cells[1:]}
        assert targets["研发费用"] == "≥×2=113.6\n(较2020年)"


def test_english_table_has_no_chinese_qualifier(example: dict[str, Any]) -> None:
    document, _, _ = example["en"]
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[3][3:6] == ["180+", "228", "≥+60=240"]


def test_notes_under_the_table(example: dict[str, Any]) -> None:
    document, _, _ = example["zh"]
    notes = [p.text for p in document.paragraphs if style_of(p) == "表注"]
    assert notes[0].startswith("注：“≈”表示")
    assert "参加或举办的国际性展览和论坛会议：2022年未达标。" in notes
    assert any(n.startswith("“*”表示增速无定义") for n in notes)  # the Action Plan's table
    assert not any("intl-events" in n for n in notes)  # no target ids in the Chinese text


# -- styles, fonts, page ---------------------------------------------------------------------


def _fonts(style: Any) -> dict[str, str]:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return {key.split("}")[1]: value for key, value in fonts.attrib.items()}


def test_styles_name_the_fonts_east_asian_included(example: dict[str, Any]) -> None:
    document, _, _ = example["zh"]
    styles = document.styles
    assert _fonts(styles["Normal"]) == {"ascii": "Times New Roman", "hAnsi": "Times New Roman",
                                        "eastAsia": "仿宋", "cs": "Times New Roman"}
    for name in ("Heading 1", "Heading 2"):
        assert _fonts(styles[name])["eastAsia"] == "黑体"
    assert _fonts(styles["Title"])["eastAsia"] == "宋体"
    assert _fonts(styles["表格文字"])["eastAsia"] == "宋体"
    # no theme font is left to override a named one
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "Caption"):
        assert not any("Theme" in key for key in _fonts(styles[name]))
    defaults = styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsia")) == "仿宋"
    assert fonts.get(qn("w:asciiTheme")) is None
    assert styles["Normal"].font.size.pt == 16
    # headings are black, not the template's blue
    assert str(styles["Heading 1"].font.color.rgb) == "000000"


def test_every_paragraph_and_cell_uses_a_style(example: dict[str, Any]) -> None:
    document, _, _ = example["zh"]
    used = {style_of(p) for p in document.paragraphs}
    assert used <= {"Title", "Normal", "Heading 1", "Heading 2", "Heading 3", "Caption", "表注"}
    for table in document.tables:
        assert table.style.name == "Table Grid"
        for row in table.rows:
            assert {style_of(p) for c in row.cells for p in c.paragraphs} == {"表格文字"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a4_portrait_with_page_numbers(example: dict[str, Any], lang: str) -> None:
    document, _, _ = example[lang]
    [section] = document.sections
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = section.footer.paragraphs[0]._p
    instructions = [e.text for e in footer.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    kinds = [e.get(qn("w:fldCharType")) for e in footer.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert section.footer.paragraphs[0].text == ("— 1 —" if lang == "zh" else "1")


# -- one language at a time ------------------------------------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_no_english_in_the_chinese_document(example: dict[str, Any]) -> None:
    document, _, _ = example["zh"]
    text = all_text(document)
    digest = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert digest in text
    text = text.replace(digest, "").replace("fengtai.xlsx", "")
    words = set(re.findall(r"[A-Za-z]+", text))
    # names of things, not English: the tool, Excel, the hash, the command line
    assert words <= {"railkpi", "Excel", "SHA", "assess", "xlsx"}, words


def test_no_chinese_in_the_english_document(example: dict[str, Any]) -> None:
    document, report, _ = example["en"]
    text = all_text(document)
    # the plans' document numbers are quoted as the plans print them
    for plan in report["plans"]:
        text = text.replace(plan["document"], "")
    assert not CJK.findall(text), sorted(set(CJK.findall(text)))


def test_chinese_by_default_even_in_an_english_locale(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    run = subprocess.run([sys.executable, "-m", "railkpi", "assess", str(EXAMPLE), "--docx",
                          str(out)], capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr
    assert "Status" in run.stdout  # the terminal report follows the locale …
    document = open_docx(out)
    assert document.paragraphs[0].text == "规划实施情况监测评估报告"  # … the report draft does not


def test_lang_en_gives_the_english_document(example: dict[str, Any]) -> None:
    document, _, _ = example["en"]
    assert document.paragraphs[0].text == "Plan implementation: monitoring and evaluation report"
    assert document.core_properties.language == "en-GB"


# -- method ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_method_names_file_hash_version_thresholds(example: dict[str, Any], lang: str) -> None:
    document, _, _ = example[lang]
    start = next(i for i, p in enumerate(document.paragraphs)
                 if style_of(p) == "Heading 1" and p.text.endswith(("说明", "Method")))
    method = "\n".join(p.text for p in document.paragraphs[start:])
    assert "fengtai.xlsx" in method
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() in method
    assert f"railkpi {__version__}" in method
    assert "0.95" in method and "0.6" in method
    # the difficulty thresholds, and where the charts are
    limits = ("不超过1为", "不超过1.5为", "超过4或") if lang == "zh" else (
        "up to 1 it", "up to 1.5 it", "above 4")
    assert all(limit in method for limit in limits)
    assert ("图表" if lang == "zh" else "Charts sheet") in method


# -- writing the file ------------------------------------------------------------------------


def test_never_over_the_input_workbook(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    data = tmp_path / "data.xlsx"
    shutil.copy(EXAMPLE, data)
    before = data.read_bytes()
    run = railkpi("assess", data, "--docx", data)
    assert run.exit_code == 2
    assert "output-is-input" in run.stderr and "--docx" in run.stderr
    assert data.read_bytes() == before
    link = tmp_path / "link.docx"
    os.link(data, link)
    assert railkpi("assess", data, "--docx", link).exit_code == 2
    assert data.read_bytes() == before


def test_never_over_a_plan_file(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(REPO / "examples" / "my-plan.yaml", plan)
    before = plan.read_bytes()
    run = railkpi("assess", EXAMPLE, "--plan", plan, "--docx", plan)
    assert run.exit_code == 2 and "output-is-input" in run.stderr
    assert plan.read_bytes() == before


def test_unwritable_destination_is_a_problem(railkpi: Callable[..., Any], tmp_path: Path) -> None:
    run = railkpi("assess", EXAMPLE, "--docx", tmp_path / "missing" / "r.docx")
    assert run.exit_code == 2
    assert "output-not-written" in run.stderr


def test_written_atomically_over_an_old_report(railkpi: Callable[..., Any],
                                               tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    assert railkpi("assess", EXAMPLE, "--docx", out).exit_code == 0
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]  # no temporary file left
    assert out.stat().st_mode & 0o777 == 0o640


def test_python_docx_is_imported_only_for_docx() -> None:
    probe = ("import sys; from railkpi.cli import main\n"
             "sys.argv = ['railkpi', 'assess', sys.argv[1], '--format', 'json']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print([m for m in sys.modules if m == 'docx' or m.startswith(('docx.', "
             "'railkpi.render.docx'))], file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", probe, str(EXAMPLE)], capture_output=True,
                         text=True, check=False)
    assert run.stderr.strip().splitlines()[-1] == "[]"


# -- LibreOffice opens it --------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed (.ci/run installs it where it can)")
def test_libreoffice_converts_the_report_to_pdf(example: dict[str, Any], tmp_path: Path) -> None:
    _, _, report = example["zh"]
    profile = tmp_path / "profile"
    result = subprocess.run(
        ["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
        capture_output=True, text=True, timeout=300,
    )
    pdf = tmp_path / (report.stem + ".pdf")
    if not pdf.exists() and "no export filter" in (result.stdout + result.stderr).lower():
        pytest.skip("LibreOffice Writer is not installed (only Calc): no filter for .docx")
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "规划实施情况监测评估报告" in text
        assert re.search(r"—\s*2\s*—", text)  # page numbers, from the PAGE field


def test_control_characters_from_a_plan_file_are_refused(railkpi: Callable[..., Any],
                                                          tmp_path: Path) -> None:
    # YAML lets a quoted string carry "\x01"; no output can hold it, so the plan is refused
    # where it is read (text_safety), with its YAML path, and no report is written.
    text = (REPO / "examples" / "my-plan.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("zh: 绿色发展", 'zh: "绿色\\x01发展"'), encoding="utf-8")
    assert "\\x01" in plan.read_text(encoding="utf-8")
    out = tmp_path / "r.docx"
    run = railkpi("assess", EXAMPLE, "--plan", plan, "--docx", out)
    assert run.exit_code == 2
    assert "[plan-control-character]" in run.stderr and "U+0001" in run.stderr
    assert not out.exists()
