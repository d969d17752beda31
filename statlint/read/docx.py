"""Word .docx to text: body paragraphs and table cells in document order, one line each.

A .docx is a zip archive; its sizes are checked before anything is decompressed, so a zip bomb is refused
instead of filling memory.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from statlint.read.errors import IngestError

# Refuse archives that would expand beyond this, or any large member compressed beyond this ratio.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_SIZE = 1024 * 1024
# Tables (or text boxes) nested in each other deeper than this are refused.
MAX_TABLE_DEPTH = 16

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Inside a paragraph: elements that carry text, and wrappers whose text is not part of the reading (deleted
# or moved-away revisions, field instructions, footnote marks). Text boxes are read as blocks after it.
_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_SKIP_TAGS = {f"{_W}{t}" for t in ("del", "moveFrom", "instrText", "delText", "footnoteReference")}
_TEXT_BOX = f"{_W}txbxContent"


def paragraph_text(p) -> tuple[str, list]:
    """(text, text boxes) of a paragraph: all the text a reader sees in it, in order, and the text-box
    contents anchored in it (blocks of their own, read after it).

    Runs count wherever they sit (hyperlinks, inserted revisions, smart tags such as Chinese dates, inline
    content controls, simple fields); deleted revisions do not. python-docx's Paragraph.text reads only runs
    and hyperlinks directly under the paragraph, which loses smart-tagged dates and tracked insertions.
    """
    out: list[str] = []
    boxes: list = []
    stack = [p]
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == _TEXT_BOX:
            boxes.append(el)
        elif tag in _TEXT_TAGS:
            fixed = _TEXT_TAGS[tag]
            out.append((el.text or "") if fixed is None else fixed)
        elif tag not in _SKIP_TAGS:
            stack.extend(reversed(list(el)))
    return "".join(out), boxes


def check_archive(data: bytes, path: Path) -> zipfile.ZipFile:
    """Open the zip and vet its members' declared sizes; IngestError for anything not a sound .docx."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise IngestError(path, f"truncated or corrupt docx: not a readable zip archive ({exc})") from exc
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > RATIO_MIN_SIZE and ratio > MAX_RATIO:
            raise IngestError(
                path,
                f"docx member {info.filename} expands {ratio:.0f}x "
                f"({info.file_size} bytes): refusing a likely zip bomb",
            )
    if total > MAX_UNCOMPRESSED:
        raise IngestError(
            path,
            f"docx expands to {total} bytes, over the limit of {MAX_UNCOMPRESSED}: "
            f"refusing a likely zip bomb",
        )
    if "word/document.xml" not in zf.namelist():
        raise IngestError(path, "not a Word document: zip archive without word/document.xml")
    bad = zf.testzip()
    if bad is not None:
        raise IngestError(path, f"truncated or corrupt docx: member {bad} fails its checksum")
    return zf


def _cell_lines(tbl, depth: int, path: Path) -> list[str]:
    """One line per row, its cells separated by tabs (statlint.extract.tables reads them with their headers);
    a cell's own lines joined by spaces; a merged cell's text once, the columns it spans left empty."""
    if depth > MAX_TABLE_DEPTH:
        raise IngestError(path, f"docx tables nested deeper than {MAX_TABLE_DEPTH}; refusing to walk them")
    from docx.table import Table

    lines: list[str] = []
    seen: set = set()  # the cell elements themselves: holding them keeps lxml's proxies (and ids) stable
    for row in Table(tbl, None).rows:
        cells: list[str] = []
        for cell in row.cells:
            if cell._tc in seen:
                cells.append("")
                continue
            seen.add(cell._tc)
            inner = [line.strip() for line in _block_lines(cell._tc, depth + 1, path)]
            cells.append(" ".join(line.replace("\t", " ") for line in inner if line))
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return lines


def _block_lines(parent, depth: int, path: Path) -> list[str]:
    """Lines of the paragraphs and tables directly under `parent` (the body or a table cell), in order."""
    if depth > MAX_TABLE_DEPTH:
        raise IngestError(
            path, f"docx tables or text boxes nested deeper than {MAX_TABLE_DEPTH}; refusing them"
        )
    lines: list[str] = []
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            text, boxes = paragraph_text(child)
            lines.extend(text.split("\n"))
            for box in boxes:
                lines.extend(_block_lines(box, depth + 1, path))
        elif child.tag == f"{_W}tbl":
            lines.extend(_cell_lines(child, depth, path))
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary blocks
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                lines.extend(_block_lines(content, depth, path))
    return lines


def read_docx(data: bytes, path: Path) -> tuple[str, None]:
    """(text layer, None): paragraphs one per line, table rows one per line with tab-separated cells, empty
    lines dropped."""
    check_archive(data, path)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for damaged packages
        raise IngestError(path, f"truncated or corrupt docx: {type(exc).__name__}: {exc}") from exc
    lines = [line.strip(" ") for line in _block_lines(document.element.body, 0, path)]
    return "\n".join(line for line in lines if line) + "\n", None
