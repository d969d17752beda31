"""The rule and report stages' worker processes: one shared pool per run, dropped when it breaks."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from statlint.processes import process_pool, shared_processes


def _pid(_: int) -> int:
    return os.getpid()


def _die(_: int) -> None:
    os._exit(1)


def test_stages_inside_the_block_share_one_pool_and_its_processes() -> None:
    with shared_processes(2):
        with process_pool(2) as first:
            pids_first = set(first.map(_pid, range(8)))
        with process_pool(2) as second:
            pids_second = set(second.map(_pid, range(8)))
    assert first is second
    assert os.getpid() not in pids_first
    assert pids_second <= pids_first  # the same processes, not fresh ones


def test_without_the_block_each_stage_has_its_own_pool() -> None:
    with process_pool(2) as first:
        pids_first = set(first.map(_pid, range(4)))
    with process_pool(2) as second:
        pids_second = set(second.map(_pid, range(4)))
    assert first is not second
    assert not pids_first & pids_second


def test_one_worker_shares_nothing() -> None:
    with shared_processes(1), process_pool(1) as a, process_pool(1) as b:
        assert a is not b


def test_a_broken_shared_pool_is_replaced_for_the_next_stage() -> None:
    with shared_processes(2):
        with pytest.raises(BrokenProcessPool), process_pool(2) as broken:
            list(broken.map(_die, range(2)))
        with process_pool(2) as fresh:
            assert fresh is not broken
            assert len(set(fresh.map(_pid, range(4)))) >= 1
