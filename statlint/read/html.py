"""HTML to text: the visible text only, one line per block element, so headings and paragraphs stay lines.

Scripts, styles, a site's menus and footer and other non-text elements are dropped with their content. The
walk is iterative and refuses pathologically deep trees, which no real report needs and which exist to exhaust
parsers.
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from statlint.read.encoding import decode_bytes
from statlint.read.errors import IngestError

# Elements whose content is never document text.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        # a site's menus and footer: 首页 | 登录, 版权所有 © 2024 (never the report's text, and a menu line
        # before the heading would be taken for the report's title)
        "nav",
        "footer",
    ]
)
# Elements that start and end a line of their own.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
# A page nested deeper than this is refused rather than walked.
MAX_DEPTH = 512
# <meta charset=...> or http-equiv content="...charset=..." in the first bytes.
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
# Runs of HTML white space inside text, collapsed to one space as browsers do.
HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
# Spaces around line breaks, and runs of line breaks: block edges become exactly one line break.
LINE_BREAKS = re.compile(r" *\n[ \n]*")  # tabs are kept: they separate table cells
# The charsets a declared meta charset may name that we accept as-is.
_KNOWN_CHARSETS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "utf-16": "utf-16",
}


def decode_html(data: bytes, path: Path) -> tuple[str, str]:
    """Honour a declared charset when the bytes agree; otherwise detect like any text file."""
    m = META_CHARSET.search(data[:4096])
    declared = _KNOWN_CHARSETS.get(m.group(1).decode("ascii").lower()) if m else None
    if declared and declared != "utf-16":
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration lies; fall back to detection
    return decode_bytes(data, path)


def _check_depth(root: LexborNode, path: Path) -> None:
    stack: list[tuple[LexborNode, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise IngestError(path, f"html nested deeper than {MAX_DEPTH} elements; refusing to walk it")
        child = node.child
        while child is not None:
            if child.is_element_node:
                stack.append((child, depth + 1))
            child = child.next


# Table cells: a row is one line with its cells separated by tabs (statlint.extract.tables reads them with
# their headers); blocks and breaks inside a cell become spaces so the row stays one line.
CELL_TAGS = frozenset(["td", "th"])


def html_to_text(html: str, path: Path | str = "<html>") -> str:
    """Visible text, block elements and <br> as line breaks, white space collapsed inside lines; a table row
    is one line, its cells separated by tabs."""
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return ""
    _check_depth(root, Path(path))
    out: list[str] = []
    in_cell = 0
    row_cells: list[int] = []  # cells opened so far in each open <tr> (tables nest)
    # Iterative pre/post-order walk: (node, entering?)
    stack: list[tuple[LexborNode, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag or ""
        if node.is_text_node:
            out.append(HTML_SPACE.sub(" ", node.text_content or ""))
            continue
        if not node.is_element_node and not node.is_document_node:
            continue  # comments, doctype
        if tag in SKIP_TAGS:
            continue
        if not entering:
            if tag in CELL_TAGS:
                in_cell -= 1
            elif tag == "tr" and row_cells:
                row_cells.pop()
            if tag in BLOCK_TAGS:
                out.append(" " if in_cell else "\n")
            continue
        if tag == "br":
            out.append(" " if in_cell else "\n")
            continue
        if tag == "pre":
            body = node.text(deep=True) or ""
            out.append(HTML_SPACE.sub(" ", body) if in_cell else "\n" + body + "\n")
            continue
        if tag in CELL_TAGS:
            if row_cells:
                if row_cells[-1]:
                    out.append("\t")  # between cells only, so an empty first cell keeps its column
                row_cells[-1] += 1
            in_cell += 1
        elif tag == "tr":
            row_cells.append(0)
        if tag in BLOCK_TAGS:
            out.append(" " if in_cell else "\n")
        stack.append((node, False))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, True) for c in reversed(children))
    return LINE_BREAKS.sub("\n", "".join(out)).strip("\n ") + "\n"


def read_html(data: bytes, path: Path) -> tuple[str, str]:
    """(text layer, encoding) of an .html file."""
    html, encoding = decode_html(data, path)
    return html_to_text(html, path), encoding
