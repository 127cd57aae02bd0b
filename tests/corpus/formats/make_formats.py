#!/usr/bin/env python3
"""Makes corpus documents in the formats webmasters receive them.

For each document listed in DOCUMENTS, the text in tests/corpus/NN-….txt is
written out as
- NN-….docx: a Word document (python-docx), one paragraph per line of the
  text up to its annex, then the annex title and the task table as a real
  Word table, with the cells the published page printed once (a task-type
  cell over its rows, a unit cell shared by a group of rows) merged
  vertically, and group headings (行动一：…) merged across the table;
- NN-….html: the page as a government site serves it (UTF-8, breadcrumb,
  字号/打印本页 tools, footer), the table with rowspan/colspan.

The text of every cell is the text's own line, verbatim; only the layout
is rebuilt, by reading the flattened annex (one cell per line) with the
document's column layout written below by hand (read from the text, not
from gazette's parser).

Run: python3 tests/corpus/formats/make_formats.py (needs python-docx).
Only 09's annex 1 is made a table; its annexes 2 and 3 stay paragraphs.
"""
import html
import re
from pathlib import Path

from docx import Document

CORPUS = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent

UNIT_END = re.compile(r"(局|委|办|班|街道|集团|公司|镇|政府|中心|单位|部|室|会|处)$")
NUMBER = re.compile(r"\d+")


def units_line(line):
    return "、" in line or bool(UNIT_END.search(line))


# A reader takes the flattened lines after the header and gives the rows:
# {"group": text} for a heading across the table, or {"cells": [...]} with
# one entry per column, None where the cell above covers it (merged).


def read_01(lines):
    """01 (静安): 任务类型 / 序号 / 工作任务 / 推进单位. A type cell is printed
    once before the first row it covers; a unit cell shared by the rows
    after it is printed once, with the first; group headings (行动一：…)
    run across the table."""
    rows, kind, kind_open, i = [], "", False, 0
    while i < len(lines):
        line = lines[i]
        if re.match(r"^行动[一二三四五六七八九十]+：", line):
            rows.append({"group": line})
            kind, kind_open = "", False
            i += 1
        elif NUMBER.fullmatch(line):
            cells = [None if kind_open else kind, line, lines[i + 1], None]
            kind_open = bool(kind)
            i += 2
            if i < len(lines) and units_line(lines[i]):
                cells[3] = lines[i]
                i += 1
            rows.append({"cells": cells})
        else:
            kind, kind_open = line, False
            i += 1
    return rows


def read_08(lines):
    """08 (嘉定): 序号 / 任务类型 / 重点内容 / 责任单位 / 参考文件, every cell
    printed, a cell's text wrapped over several lines at the column's
    width (joined again: the break is the page's, not the text's), the
    content cell's paragraphs one per line (kept apart), the header
    printed again after a page break (dropped: Word repeats it)."""
    head = ["序号", "任务类型", "重点内容", "责任单位", "参考文件"]
    rows, i = [], 0
    while i < len(lines):
        if lines[i:i + 5] == head:
            i += 5
            continue
        assert NUMBER.fullmatch(lines[i]), lines[i]
        number, i = lines[i], i + 1
        kind = []
        while len(lines[i]) <= 6 and "。" not in lines[i]:
            kind.append(lines[i])
            i += 1
        content = []
        while not (lines[i].startswith(("区", "各")) and units_line(lines[i].rstrip("，、"))):
            content.append(lines[i])
            i += 1
        units = []
        while i < len(lines) and not lines[i].startswith("《") and not NUMBER.fullmatch(lines[i]) \
                and lines[i] != "序号":
            units.append(lines[i])
            i += 1
        refs = []
        while i < len(lines) and not NUMBER.fullmatch(lines[i]) and lines[i] != "序号":
            refs.append(lines[i])
            i += 1
        rows.append({"cells": [number, "".join(kind), "\n".join(content), "".join(units),
                               "".join(refs)]})
    return rows


# 09's rows whose cells the blank lines do not tell apart, read by hand:
# a co-operating cell over two blocks (14, 23), a row with its own name
# and no co-operating unit (21).
TWO_BLOCK_COOPERATING_09 = {"14", "23"}
NO_COOPERATING_09 = {"21"}


def read_09(blocks):
    """09 (宝山) annex 1: 序号 / 任务名称 / 任务内容 / 牵头部门 / 配合部门 /
    时间节点, cells separated by blank lines (a cell's own lines are not),
    the 任务名称 cell printed once for the rows it covers (a row of five
    cells shares the name above)."""
    rows, i = [], 0
    while i < len(blocks):
        assert NUMBER.fullmatch(blocks[i]), blocks[i]
        j = i + 1
        while j < len(blocks) and not NUMBER.fullmatch(blocks[j]):
            j += 1
        cells, number = blocks[i:j], blocks[i]
        if number in TWO_BLOCK_COOPERATING_09:
            cells = [number, None, cells[1], cells[2], cells[3] + "\n" + cells[4], cells[5]]
        elif number in NO_COOPERATING_09:
            cells = cells[:4] + [""] + cells[4:]
        elif len(cells) == 5:
            cells = [number, None] + cells[1:]
        assert len(cells) == 6, cells
        rows.append({"cells": cells})
        i = j
    return rows


DOCUMENTS = {
    "01-shanghai-jingan-urban-renewal-2023": (["任务类型", "序号", "工作任务", "推进单位"], read_01),
    "08-shanghai-jiading-sponge-city-2024": (["序号", "任务类型", "重点内容", "责任单位", "参考文件"],
                                             read_08),
    "09-shanghai-baoshan-waste-sorting-2019": (["序号", "任务名称", "任务内容", "牵头部门", "配合部门",
                                               "时间节点"], read_09),
}
# Documents whose cells are told apart by blank lines, not by reading.
BLOCKS = {"09-shanghai-baoshan-waste-sorting-2019"}


def split_blocks(text, head):
    """For a document in BLOCKS: the lines before its first annex, the
    annex title lines, the cells after the header (blank-line separated
    blocks, a block's lines joined; a unit list wrapped after `、` across
    a blank line is one cell) up to the next annex, and the lines from
    there on (kept as paragraphs)."""
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if re.fullmatch(r"附件\d*", l.strip()))
    header_at = next(i for i in range(start, len(lines)) if lines[i].strip() == head[0])
    titles = [l.strip() for l in lines[start:header_at] if l.strip()]
    blocks, current, i = [], [], header_at
    while i < len(lines) and not (i > header_at and re.fullmatch(r"附件\d+", lines[i].strip())):
        if lines[i].strip():
            current.append(lines[i].strip())
        elif current:
            blocks.append("\n".join(current))
            current = []
        i += 1
    if current:
        blocks.append("\n".join(current))
    joined = []
    for b in blocks:
        if joined and joined[-1].endswith("、"):
            joined[-1] += "\n" + b
        else:
            joined.append(b)
    assert joined[:len(head)] == head, joined[:len(head)]
    return lines[:start], titles, joined[len(head):], lines[i:]


def split(text, head):
    """The text's lines up to the annex, the annex title lines and the
    flattened cells after the header (blank lines dropped)."""
    lines = text.split("\n")
    rest_at = next(i for i, l in enumerate(lines) if l.strip() == "附件"
                   or (l.startswith("附件：") and lines[i + 2:i + 3] == [head[0]]))
    body = lines[:rest_at]
    rest = [l.strip() for l in lines[rest_at:] if l.strip()]
    header_at = next(i for i, l in enumerate(rest) if rest[i:i + len(head)] == head)
    titles = rest[:header_at]
    if titles and titles[0] == "附件":
        titles = titles[1:]
    return body, titles, rest[header_at + len(head):]


def spans(rows, col):
    """For each row, how many rows its cell in `col` covers (0: covered by
    the cell above, which a None cell means)."""
    out = [0] * len(rows)
    start = None
    for i, r in enumerate(rows):
        if "group" in r:
            start = None
        elif r["cells"][col] is None and start is not None:
            out[start] += 1
        else:
            start, out[i] = i, 1
    return out


def make_docx(stem, body, titles, head, rows, tail=()):
    doc = Document()
    for line in body:
        doc.add_paragraph(line.lstrip("# ").rstrip())
    if not titles or not titles[0].startswith("附件"):
        doc.add_paragraph("附件")
    for t in titles:
        doc.add_paragraph(t)
    table = doc.add_table(rows=1 + len(rows), cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = text
    for r, row in enumerate(rows, start=1):
        cells = table.rows[r].cells
        if "group" in row:
            cells[0].text = row["group"]
            continue
        for cell, text in zip(cells, row["cells"]):
            parts = (text or "").split("\n")
            cell.text = parts[0]
            for p in parts[1:]:
                cell.add_paragraph(p)
    for col in range(len(head)):
        for r, span in enumerate(spans(rows, col), start=1):
            if span > 1:
                table.cell(r, col).merge(table.cell(r + span - 1, col))
    for r, row in enumerate(rows, start=1):
        if "group" in row:
            table.cell(r, 0).merge(table.cell(r, len(head) - 1))
    for line in tail:
        doc.add_paragraph(line.rstrip())
    doc.save(OUT / f"{stem}.docx")


def make_html(stem, body, titles, head, rows, tail=()):
    esc = html.escape
    title = body[0].lstrip("# ").strip()
    paras = "\n".join(f"<p>{esc(l.lstrip('# ').strip())}</p>" for l in body[1:] if l.strip())
    col_spans = [spans(rows, c) for c in range(len(head))]
    trs = ["<tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr>"]
    for i, row in enumerate(rows):
        if "group" in row:
            trs.append(f'<tr><td colspan="{len(head)}">{esc(row["group"])}</td></tr>')
            continue
        cells = ""
        for c, text in enumerate(row["cells"]):
            span = col_spans[c][i]
            if span == 0:
                continue
            inner = "<br>".join(esc(p) for p in (text or "").split("\n"))
            cells += f'<td rowspan="{span}">{inner}</td>' if span > 1 else f"<td>{inner}</td>"
        trs.append(f"<tr>{cells}</tr>")
    annex = "\n".join(f"<p>{esc(t)}</p>" for t in titles)
    bare = "" if titles and titles[0].startswith("附件") else "<p>附件</p>"
    after = "\n".join(f"<p>{esc(l.strip())}</p>" for l in tail if l.strip())
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)}</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="position">您当前所在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政策文件</a></div>
<div class="article">
<h1>{esc(title)}</h1>
<div class="tools">【字号：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a>】 <a href="javascript:window.print()">【打印本页】</a></div>
<div class="content">
{paras}
{bare}
{annex}
<table border="1">
{chr(10).join(trs)}
</table>
{after}
</div></div>
<div class="footer"><p>主办：区人民政府办公室</p></div>
</body></html>
"""
    (OUT / f"{stem}.html").write_text(page, encoding="utf-8")


def main():
    for stem, (head, read) in DOCUMENTS.items():
        text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
        if stem in BLOCKS:
            body, titles, cells, tail = split_blocks(text, head)
        else:
            (body, titles, cells), tail = split(text, head), []
        rows = read(cells)
        make_docx(stem, body, titles, head, rows, tail)
        make_html(stem, body, titles, head, rows, tail)
        numbered = [r for r in rows if "cells" in r]
        print(f"{stem}: {len(numbered)} rows, {sum(None in r['cells'] for r in numbered)} "
              f"with a merged cell")


if __name__ == "__main__":
    main()
