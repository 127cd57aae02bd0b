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
"""
import html
import re
from pathlib import Path

from docx import Document

CORPUS = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent

UNIT_END = re.compile(r"(局|委|办|班|街道|集团|公司|镇|政府|中心|单位|部|室|会|处)$")


def units_line(line):
    return "、" in line or bool(UNIT_END.search(line))


def read_01(lines):
    """01 (静安): columns 任务类型 / 序号 / 工作任务 / 推进单位. A type cell is
    printed once before the first row it covers; a unit cell shared by the
    rows after it is printed once, with the first; group headings
    (行动一：…) run across the table."""
    head = ["任务类型", "序号", "工作任务", "推进单位"]
    rows, kind, i = [], None, 0
    while i < len(lines):
        line = lines[i]
        if re.match(r"^行动[一二三四五六七八九十]+：", line):
            rows.append({"group": line})
            kind = None
            i += 1
        elif re.fullmatch(r"\d+", line):
            row = {"type": kind, "number": line, "content": lines[i + 1], "units": None}
            i += 2
            if i < len(lines) and units_line(lines[i]) and not re.fullmatch(r"\d+", lines[i]):
                nxt = lines[i + 1] if i + 1 < len(lines) else ""
                # A type cell is followed by a row number; a unit cell by a
                # number, a type, a group or the end: tell them apart by
                # the unit name endings.
                row["units"] = lines[i]
                i += 1
            rows.append(row)
        else:
            kind = line
            i += 1
    return head, rows


DOCUMENTS = {
    "01-shanghai-jingan-urban-renewal-2023": read_01,
}


def split(text):
    """The text's lines up to the bare 附件 line, the annex title lines and
    the flattened cells after the header (blank lines dropped)."""
    lines = text.split("\n")
    bare = next(i for i, l in enumerate(lines) if l.strip() == "附件")
    body = lines[:bare]
    rest = [l.strip() for l in lines[bare + 1:] if l.strip()]
    header_at = next(i for i, l in enumerate(rest) if l in ("序号", "任务类型"))
    return body, rest[:header_at], rest[header_at:]


def spans(rows, key):
    """For each data row, how many rows its `key` cell covers (0: covered
    by the cell above), a run of equal `type` or of rows sharing units."""
    out = [0] * len(rows)
    start = None
    for i, r in enumerate(rows):
        if "group" in r:
            start = None
            continue
        if key == "type":
            opens = start is None or rows[start].get("type") != r.get("type") or r.get("type") is None
        else:
            opens = start is None or r["units"] is not None
        if opens:
            start = i
            out[i] = 1
        else:
            out[start] += 1
    return out


def make_docx(stem, body, titles, head, rows):
    doc = Document()
    for line in body:
        doc.add_paragraph(line.lstrip("# ").rstrip())
    doc.add_paragraph("附件")
    for t in titles:
        doc.add_paragraph(t)
    table = doc.add_table(rows=1 + len(rows), cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = text
    type_span, unit_span = spans(rows, "type"), spans(rows, "units")
    for r, row in enumerate(rows, start=1):
        cells = table.rows[r].cells
        if "group" in row:
            cells[0].text = row["group"]
            continue
        cells[0].text = row["type"] or ""
        cells[1].text = row["number"]
        cells[2].text = row["content"]
        cells[3].text = row["units"] or ""
    for r, row in enumerate(rows, start=1):
        if "group" in row:
            table.cell(r, 0).merge(table.cell(r, len(head) - 1))
        for col, span in ((0, type_span[r - 1]), (3, unit_span[r - 1])):
            if span > 1:
                table.cell(r, col).merge(table.cell(r + span - 1, col))
    doc.save(OUT / f"{stem}.docx")


def make_html(stem, body, titles, head, rows):
    esc = html.escape
    title = body[0].lstrip("# ").strip()
    paras = "\n".join(f"<p>{esc(l.lstrip('# ').strip())}</p>" for l in body[1:] if l.strip())
    type_span, unit_span = spans(rows, "type"), spans(rows, "units")
    trs = ["<tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr>"]
    for i, row in enumerate(rows):
        if "group" in row:
            trs.append(f'<tr><td colspan="{len(head)}">{esc(row["group"])}</td></tr>')
            continue
        cells = ""
        if type_span[i]:
            cells += f'<td rowspan="{type_span[i]}">{esc(row["type"] or "")}</td>'
        cells += f"<td>{row['number']}</td><td>{esc(row['content'])}</td>"
        if unit_span[i]:
            cells += f'<td rowspan="{unit_span[i]}">{esc(row["units"] or "")}</td>'
        trs.append(f"<tr>{cells}</tr>")
    annex = "\n".join(f"<p>{esc(t)}</p>" for t in titles)
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
<p>附件</p>
{annex}
<table border="1">
{chr(10).join(trs)}
</table>
</div></div>
<div class="footer"><p>主办：区人民政府办公室</p></div>
</body></html>
"""
    (OUT / f"{stem}.html").write_text(page, encoding="utf-8")


def main():
    for stem, read in DOCUMENTS.items():
        text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
        body, titles, flat = split(text)
        head_len = 4
        head, rows = read(flat[head_len:])
        assert flat[:head_len] == head, (stem, flat[:head_len])
        make_docx(stem, body, titles, head, rows)
        make_html(stem, body, titles, head, rows)
        numbered = [r for r in rows if "number" in r]
        print(f"{stem}: {len(numbered)} rows, "
              f"{sum(1 for r in numbered if r['units'] is None)} sharing units")


if __name__ == "__main__":
    main()
