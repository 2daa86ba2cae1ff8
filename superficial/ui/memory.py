"""Give memory freed by a page run back to the system in a big server."""
from __future__ import annotations

import os

HAND_BACK_ABOVE_MB = 300  # a server this big (about 100,000 models) returns freed memory after every page run


def hand_back_memory() -> None:
    """After a page run: in a big process, give the memory the run freed back to the system.

    It costs time on every page run, so only above HAND_BACK_ABOVE_MB, which the bundled data's server stays below.
    """
    try:
        with open("/proc/self/statm") as statm:
            resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # not Linux
        return
    if resident > HAND_BACK_ABOVE_MB:
        from superficial.db.store import release_memory

        release_memory(collect=False)

