"""Give memory freed by a page run back to the system in a big server."""
from __future__ import annotations

import gc
import os
from typing import TypeVar

T = TypeVar("T")

HAND_BACK_ABOVE_MB = 300  # a server this big (about 100,000 models) returns freed memory after every page run


def hand_back_memory() -> None:
    """After a page run: in a big process, give the memory the run freed back to the system.

    glibc keeps freed heap pages otherwise; a small server skips the call, which is not free.
    """
    try:
        with open("/proc/self/statm") as statm:
            resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # not Linux
        return
    if resident > HAND_BACK_ABOVE_MB:
        from superficial.db.store import release_memory

        release_memory(collect=False)


def out_of_collections(loaded: T) -> T:
    """Leave every object alive now (the libraries, ``loaded``) out of later garbage collections.

    Streamlit runs a full collection after every page run; in a big server it would walk the store's editions
    each time, though they live as long as the process. Frozen objects are still
    freed when nothing refers to them. Only the young generations are collected first: a full collection
    here would cost the first page as much as the ones it saves.
    """
    gc.collect(1)
    gc.freeze()
    return loaded
