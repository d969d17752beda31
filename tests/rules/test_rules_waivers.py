"""Waivers: a reviewable file; added, replaced, removed; matched by prefix; stale ones found."""

from __future__ import annotations

from pathlib import Path

import pytest

from statlint.waivers import (
    add_waiver,
    as_mapping,
    load_waivers,
    remove_waiver,
    resolve_fingerprint,
    stale_waivers,
)


def test_add_replace_remove(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    add_waiver(path, "abcdef0123456789", "the source gives both figures", by="editor")
    add_waiver(path, "abcdef0123456789", "checked with the author", status="not-a-problem")
    waivers = load_waivers(path)
    assert [(w.fingerprint, w.status, w.reason) for w in waivers] == [
        ("abcdef0123456789", "not-a-problem", "checked with the author")
    ]
    assert as_mapping(waivers) == {"abcdef0123456789": "not-a-problem: checked with the author"}
    assert remove_waiver(path, "abcdef0123456789") and not load_waivers(path)
    assert not remove_waiver(path, "abcdef0123456789")


def test_reasons_and_statuses_are_required(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="status"):
        add_waiver(tmp_path / "w.toml", "abc", "why", status="maybe")
    with pytest.raises(ValueError, match="reason"):
        add_waiver(tmp_path / "w.toml", "abc", "  ")


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    path.write_text("[[waiver]]\nfingerprint = ", "utf-8")
    with pytest.raises(ValueError, match=r"waivers\.toml"):
        load_waivers(path)


def test_prefixes_and_stale_waivers(tmp_path: Path) -> None:
    known = {"abcdef0123456789", "abcdff0000000000"}
    assert resolve_fingerprint("abcdef", known) == "abcdef0123456789"
    with pytest.raises(ValueError, match=r"matches 2"):
        resolve_fingerprint("abcd", known)
    path = tmp_path / "waivers.toml"
    add_waiver(path, "abcdef0123456789", "fine")
    add_waiver(path, "1111111111111111", "text since rewritten")
    assert [w.fingerprint for w in stale_waivers(load_waivers(path), known)] == ["1111111111111111"]
