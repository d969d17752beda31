"""Extract statistics and year mentions from clean text.

Works on the Simplified shadow (so one vocabulary serves both scripts) and returns records in clean-text
offsets; the caller maps them to raw offsets. This first version reads Arabic numbers with magnitude words and
a unit; the extraction issue deepens every field.
"""

from __future__ import annotations

import re
from decimal import Decimal

from statlint.normalize import CleanText
from statlint.structure import Structure

MAGNITUDES = {"万亿": Decimal("1e12"), "亿": Decimal("1e8"), "万": Decimal("1e4"), "千": Decimal("1e3")}
UNITS: dict[str, str] = {
    "个百分点": "percentage_point", "百分点": "percentage_point", "%": "percent",
    "个工作日": "duration", "工作日": "duration", "小时": "duration", "分钟": "duration", "天": "duration",
    "个月": "duration", "秒": "duration",
    "元": "currency", "美元": "currency", "英镑": "currency", "欧元": "currency",
    "人次": "count", "个": "count", "项": "count", "类": "count", "家": "count", "户": "count", "人": "count",
    "次": "count", "件": "count", "所": "count", "座": "count", "台": "count", "条": "count", "种": "count",
    "倍": "ratio",
}
_UNIT_ALT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
NUMBER = re.compile(
    rf"(?<![\d.A-Za-z])(\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(万亿|亿|万|千)?\s*({_UNIT_ALT})?"
)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
QUALIFIER_BEFORE = [
    (re.compile(r"(?:超过|超|突破|逾|高于|多于)$"), ">"),
    (re.compile(r"(?:不足|不到|低于|少于)$"), "<"),
    (re.compile(r"(?:约|近|将近|接近|大约)$"), "~"),
]
QUALIFIER_AFTER = [(re.compile(r"^(?:以上|及以上)"), ">="), (re.compile(r"^(?:以内|以下)"), "<="),
                   (re.compile(r"^(?:左右|余|多)"), "~")]
CLAUSE_END = re.compile(r"[,，、:：]")


def _qualifier(simp: str, start: int, end: int) -> str:
    before = simp[max(0, start - 4) : start]
    after = simp[end : end + 3]
    for pat, q in QUALIFIER_AFTER:
        if pat.search(after):
            return q
    for pat, q in QUALIFIER_BEFORE:
        if pat.search(before):
            return q
    return "="


def extract_statistics(clean: CleanText, structure: Structure) -> list[dict]:
    simp = clean.simp
    out: list[dict] = []
    for sent in structure.sentences:
        s = sent.simp
        years = [(m.start(), int(m.group(1))) for m in YEAR.finditer(s)]
        for m in NUMBER.finditer(s):
            num, mag, unit = m.group(1), m.group(2), m.group(3)
            if not unit and not mag:
                continue
            if re.match(r"\s*年", s[m.end() :]) and not unit:
                continue
            value = Decimal(num.replace(",", "")) * MAGNITUDES.get(mag or "", Decimal(1))
            start = sent.start + m.start()
            end = sent.start + m.end()
            year = next((y for pos, y in reversed(years) if pos < m.start()), None)
            unit_text = clean.text[end - len(unit) : end] if unit else ""
            out.append(
                {
                    "clean_start": start,
                    "clean_end": end,
                    "value": float(value),
                    "value_text": format(value.normalize(), "f"),
                    "value_high": None,
                    "precision": len(num.split(".")[1]) if "." in num else 0,
                    "unit": unit_text,
                    "unit_family": UNITS.get(unit, "none") if unit else "none",
                    "qualifier": _qualifier(simp, start, end),
                    "year": year,
                    "base_year": None,
                    "entity": None,
                    "entity_key": None,
                    "metric": None,
                    "metric_key": None,
                    "role": "ratio" if unit == "倍" else "level",
                    "direction": None,
                    "link_id": None,
                    "sentence_id": sent.sentence_id,
                    "confidence": 0.5,
                    "needs_review": False,
                }
            )
    return out


def find_year_mentions(clean: CleanText, structure: Structure) -> list[dict]:
    out: list[dict] = []
    for sent in structure.sentences:
        for m in YEAR.finditer(sent.simp):
            kind = "declaration" if sent.sentence_id == structure.window_sentence_id else "date"
            tail = sent.simp[m.end() : m.end() + 3]
            head = sent.simp[max(0, m.start() - 2) : m.start()]
            if re.match(r"(?:底?前|末?前)", tail) or re.search(r"到$|至$", head):
                kind = "target" if kind == "date" else kind
            out.append({"clean_start": sent.start + m.start(), "clean_end": sent.start + m.end(),
                        "year": int(m.group(1)), "kind": kind, "sentence_id": sent.sentence_id})
    return out
