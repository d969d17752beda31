"""Document-site and web-page debris around a report's body: cut from analysis, kept as repairs.

Header debris is a run of leading lines that are site furniture (copyright notices, "文档简介", the
下载/打印/字号 toolbar of news sites). Footer debris starts at the first footer marker line ("温馨提示",
"最新文档", "相关报道：", "评论") in the last part of the file and runs to its end. Lines are compared in
Simplified so one list serves both scripts.
"""

from __future__ import annotations

import re

from statlint.normalize.offsets import Edit
from statlint.normalize.script import to_simplified

# Whole lines that are site furniture when they stand before the body.
HEADER_LINE = re.compile(
    r"^\s*(?:版权说明[:：].*|文档简介|下载|打印|全屏|收藏|分享|关闭窗口|【字号[:：]?|加大|还原|减小|】|"
    r"[大中小]|字号[:：]?\s*[大中小\s]*|返回顶部|当前位置[:：].*|首页\s*[>›].*)\s*$"
)
# The first line of a footer block.
FOOTER_START = re.compile(r"^\s*(?:温馨提示|最新文档|相关报道[:：]?|评论|相关文档|猜你喜欢|相关推荐|下载文档)\s*$")
# A footer marker is only believed in the last part of a document, so a report that discusses 评论 survives.
FOOTER_MIN_FRACTION = 0.5


def _lines(raw: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in raw.splitlines(keepends=True):
        out.append((pos, pos + len(line), line))
        pos += len(line)
    return out


def find_boilerplate(raw: str) -> list[Edit]:
    lines = _lines(raw)
    edits: list[Edit] = []
    header_end = 0
    for start, end, line in lines:
        simp = to_simplified(line)
        if not line.strip() or HEADER_LINE.match(simp):
            header_end = end
            continue
        break
    if header_end and raw[:header_end].strip():
        edits.append(Edit(0, header_end, "", "boilerplate", "header"))
    min_pos = int(len(raw) * FOOTER_MIN_FRACTION)
    for start, _end, line in lines:
        if start >= min_pos and FOOTER_START.match(to_simplified(line)):
            # Keep the newline that ends the body so the last sentence stays a line of its own.
            edits.append(Edit(start, len(raw), "", "boilerplate", "footer"))
            break
    return edits
