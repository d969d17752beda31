"""_suspects (one regex over the few suspicious characters) must agree with _scores (every character)."""

from __future__ import annotations

from statlint.normalize import mojibake


def test_suspects_agree_with_scores():
    clean = "2024年全市数字经济规模达50.2万亿元，同比增长8%。"
    samples = [
        "",
        clean,
        "ascii only? yes.",
        clean + "中?文?,测?试 a?b 数?，end?",
        clean + "鏁版嵁" + "\ufffd\ufffd" + "Ã¦Â•Â°" + "数据".encode().decode("big5", errors="replace"),
        "數據顯示：全國" + "\x85\x01" + "ーカ",
    ]
    for text in samples:
        scores = mojibake._scores(text)
        positions, values = mojibake._suspects(text)
        assert positions == [i for i, s in enumerate(scores) if s > 0]
        assert values == [s for s in scores if s > 0]
