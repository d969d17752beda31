"""Messages in the document's script, and the converter's memory given back once the rules are done."""

from __future__ import annotations

from statlint.rules import language


def test_traditional_messages_are_converted_and_the_converter_can_be_released() -> None:
    language.release()
    assert language.in_script("核实该数据", "simplified") == "核实该数据"
    assert language.in_script("核实该数据", None) == "核实该数据"
    assert language._s2t.cache_info().currsize == 0  # Simplified documents never load it
    assert language.in_script("核实该数据", "traditional") == "核實該數據"
    assert language._s2t.cache_info().currsize == 1
    language.release()
    assert language._s2t.cache_info().currsize == 0 and language._traditional.cache_info().currsize == 0
    assert language.in_script("核实该数据", "traditional") == "核實該數據"  # loaded again when needed
