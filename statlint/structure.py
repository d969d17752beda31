"""Headings, sentences, title, declared research window and publication date, read from the clean text.

All positions here are clean-text offsets; callers map them to raw offsets through CleanText.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from statlint.normalize import CleanText

CN_DIGITS = "一二三四五六七八九十"

# Heading markers by level, matched on a line's start in the Simplified shadow.
#   1: 一、   2: （一）/(一)   3: 1. / 1、 / 1．(not 1.2)   4: （1）/(1)
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^\s*(?:第[{CN_DIGITS}百]+[章部分节]\s*|[{CN_DIGITS}]+、)")),
    (2, re.compile(rf"^\s*[(（][{CN_DIGITS}]+[)）]")),
    (3, re.compile(r"^\s*\d{1,2}(?:[、]|\.(?!\d))")),
    (4, re.compile(r"^\s*[(（]\d{1,2}[)）]")),
)
HEADING_MAX_LEN = 60

# Sentence ends: Chinese and ASCII full stops of sentence level, and line breaks.
SENTENCE_END = re.compile(r"[。；;！!？?]+|\n")

# "时间范围：本报告研究数据主要来源于2018年至2023年" and kin (Simplified shadow).
WINDOW_CUE = re.compile(r"时间范围|研究(?:时段|期间|区间|周期|时限|年份|数据)|数据(?:来源|时段|期间|范围)|样本期|统计期")
YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:至|到|—|–|-|~|～)\s*((?:19|20)\d{2})\s*年")
# "——2026年1月25日在...会议上", "时间：2026-02-02", "发布日期：2025年3月1日".
PUBDATE_PATTERNS = (
    re.compile(r"^\s*(?:——|--)?\s*((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日在.*(?:会议|大会)"),
    re.compile(r"(?:发布|印发|成文|时间|日期)(?:日期|时间)?[:：]\s*((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})"),
)


@dataclass
class Section:
    section_id: int
    level: int
    marker: str
    title: str
    path: str
    start: int
    end: int
    parent_id: int | None


@dataclass
class Sentence:
    sentence_id: int
    start: int
    end: int
    text: str
    simp: str
    section_path: str
    paragraph: int
    is_heading: bool = False


@dataclass
class Structure:
    title: str | None
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    window: tuple[int, int] | None = None
    window_sentence_id: int | None = None
    pub_date: str | None = None
    pub_date_sentence_id: int | None = None


def _marker_label(marker: str) -> str:
    return re.sub(r"[\s、.．()（）第章部分节]", "", marker) or marker.strip()


def heading_of(line_simp: str) -> tuple[int, str] | None:
    """(level, marker) when the line is a heading; long numbered paragraphs are list items, still level 3/4."""
    if len(line_simp.strip()) > HEADING_MAX_LEN and not re.match(r"^\s*[(（]?\d", line_simp):
        return None
    for level, pat in HEADING_PATTERNS:
        m = pat.match(line_simp)
        if m:
            return level, m.group()
    return None


def analyse(clean: CleanText) -> Structure:
    text, simp = clean.text, clean.simp
    sections: list[Section] = []
    sentences: list[Sentence] = []
    stack: list[Section] = []
    title: str | None = None
    pos = 0
    paragraph = 0
    for line in text.split("\n"):
        lstart, lend = pos, pos + len(line)
        pos = lend + 1
        if not line.strip():
            continue
        paragraph += 1
        lsimp = simp[lstart:lend]
        head = heading_of(lsimp)
        is_heading = False
        if head:
            level, marker = head
            while stack and stack[-1].level >= level:
                stack[-1].end = lstart
                stack.pop()
            label = _marker_label(marker)
            path = "/".join([*(_marker_label(s.marker) for s in stack), label])
            body = line[len(marker):].strip()
            htitle = re.split(r"[。；;]", body, maxsplit=1)[0][:HEADING_MAX_LEN]
            sec = Section(len(sections), level, marker.strip(), htitle, path, lstart, len(text),
                          stack[-1].section_id if stack else None)
            sections.append(sec)
            stack.append(sec)
            is_heading = len(line.strip()) <= HEADING_MAX_LEN and not re.search(r"[。；;]", line.strip()[:-1])
        elif title is None and not sections and len(line.strip()) <= 80:
            title = line.strip()
        cur_path = "/".join(_marker_label(s.marker) for s in stack)
        spos = lstart
        for m in SENTENCE_END.finditer(line + "\n"):
            s_end = min(lstart + m.end(), lend)
            chunk = text[spos:s_end]
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                trail = len(chunk) - len(chunk.rstrip())
                a, b = spos + lead, s_end - trail
                first_in_line = not sentences or sentences[-1].start < lstart
                sentences.append(Sentence(len(sentences), a, b, text[a:b], simp[a:b], cur_path, paragraph,
                                          is_heading and first_in_line))
            spos = lstart + m.end()
    for s in stack:
        s.end = len(text)
    st = Structure(title=title, sections=sections, sentences=sentences)
    _find_window(st)
    _find_pub_date(st)
    return st


def _find_window(st: Structure) -> None:
    for s in st.sentences:
        if WINDOW_CUE.search(s.simp):
            m = YEAR_RANGE.search(s.simp)
            if m:
                a, b = int(m.group(1)), int(m.group(2))
                if a <= b:
                    st.window = (a, b)
                    st.window_sentence_id = s.sentence_id
                    return


def _find_pub_date(st: Structure) -> None:
    for s in st.sentences[:60]:
        for pat in PUBDATE_PATTERNS:
            m = pat.search(s.simp)
            if m:
                y, mo, d = (int(g) for g in m.groups())
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    st.pub_date = f"{y:04d}-{mo:02d}-{d:02d}"
                    st.pub_date_sentence_id = s.sentence_id
                    return
