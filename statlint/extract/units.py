"""The unit vocabulary (data/units.tsv): which words after a number make it a measurement, and of what kind.

Families let rules compare like with like (a percentage with a percentage, never with a count).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Final

from statlint.extract.trie import trie_pattern

DATA: Final = Path(__file__).parent / "data"

# Units written with Latin letters: only after a number of at least this size, so 5G / 4G / 6G stay names.
LATIN_UNIT_MIN: Final = 10
# Units that are also the first character of common words after a number; a lookahead keeps the word out.
#   周年 (anniversary), 升至 (rose to), 部门 is fine, 米 in 米粮 never follows a number.
UNIT_GUARDS: Final[dict[str, str]] = {
    "周": "(?![年边期末转围])",
    "升": "(?![至到级高为])",
    "年": "(?![级度代])",
    "次": "(?![会日])",
    "间": "(?![隔])",
    "G": "(?![A-Za-z])",
    "M": "(?![A-Za-z])",
    "T": "(?![A-Za-z])",
    "P": "(?![A-Za-z])",
    "PF": "(?![A-Za-z])",
    "元": "(?![旦素])",
    # 日 and 晚 are lengths of stay (平均逗留1.2日, 留宿1.6晚) unless a word goes on (日均, 日前, 晚会)
    "日": "(?![均前后起止至到内报常益期趋本本元])",
    "晚": "(?![上间会宴餐报于])",
    "级": "(?![医公以及行政城地市财单科部标风别甲乙党干])",
    "条": "(?![件例])",
    "对": "(?![于比外接标口象应])",
    "部": "(?![署委级分长])",
    "方": "(?![面式向案法位针略阵舱便言])",
    "轮": "(?![换岗胎])",
    # 度 is a kilowatt-hour (300亿度), not 年度 / 力度 words; 分 a score or a price in fen (92.3分,
    # 5分/千瓦时), not 分钟 / 分之 words; 届 counts editions (连续12届), not a congress's number
    # (十四届全国人大, 二十届四中全会).
    "度": "(?![假过量数])",
    "分": "(?![钟之别类享布析配期局支行批解项级秒管会散成])",
    "届": "(?![全人政中省市委区县党次历一二三四五六七八九十0-9])",
    # 国, 县 count places (27国互认, 4县高速项目), not 国家 / 国道 / 县城 words
    # (2030国家科技重大专项, 331国道).
    "国": "(?![家道内际企有产务土资库债标外货旗庆])",
    "县": "(?![委级域城区市长乡镇])",
}


@lru_cache(maxsize=1)
def unit_families() -> dict[str, str]:
    """Simplified unit -> family, from data/units.tsv."""
    out: dict[str, str] = {}
    for line in (DATA / "units.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        unit, family = line.split("\t")[:2]
        out.setdefault(unit.strip(), family.strip())
    return out


def unit_pattern() -> str:
    """All units as one trie-shaped alternation, longest first, each with its guard."""
    return trie_pattern({u: UNIT_GUARDS.get(u, "") for u in unit_families()})


@lru_cache(maxsize=512)
def family_of(unit: str) -> str:
    """Family of a Simplified unit; '' (no unit) is 'none'."""
    if not unit:
        return "none"
    return unit_families().get(unit, "other")


def is_latin(unit: str) -> bool:
    return unit.isascii() and unit.isalpha()
