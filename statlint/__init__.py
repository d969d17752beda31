"""statlint: check the statistics in policy and research reports before readers trust them.

Data flows one way: read -> normalize -> structure -> extract -> validate -> load -> check -> report.
"""

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from pathlib import Path

__version__ = "0.1.0"

_EXTRACT = Path(__file__).resolve().parent / "extract"


class _ExtractFromSource(importlib.abc.MetaPathFinder):
    """Loads statlint.extract from its .py files even where compiled modules sit beside them: used when
    those are stale or STATLINT_PURE_PYTHON is set (see statlint/native.py)."""

    def find_spec(self, name, path=None, target=None):
        if name == "statlint.extract":
            return importlib.util.spec_from_file_location(
                name, _EXTRACT / "__init__.py", submodule_search_locations=[str(_EXTRACT)]
            )
        if name.startswith("statlint.extract.") and name.count(".") == 2:
            source = _EXTRACT / (name.rsplit(".", 1)[1] + ".py")
            if source.is_file():
                return importlib.util.spec_from_file_location(name, source)
        return None


def _choose_extractor() -> None:
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    if not any(p.name.endswith(suffixes) for p in _EXTRACT.iterdir()):
        return  # nothing compiled: the normal import finds the source
    from statlint import compiled

    if not compiled.is_current():
        sys.meta_path.insert(0, _ExtractFromSource())


_choose_extractor()
