"""ui.hand_back_memory: a big process returns freed memory after a page run, a small one skips the cost."""
from superficial.db import store
from superficial.ui import memory as ui


def test_memory_is_handed_back_only_above_the_threshold(monkeypatch):
    calls = []
    monkeypatch.setattr(store, "release_memory", lambda collect=True: calls.append(collect))
    monkeypatch.setattr(ui, "HAND_BACK_ABOVE_MB", 10**6)  # this test process is far below a terabyte
    ui.hand_back_memory()
    assert calls == []
    monkeypatch.setattr(ui, "HAND_BACK_ABOVE_MB", 0)  # and above nothing
    ui.hand_back_memory()
    assert calls == [False]  # no full garbage collection on the page's time



def test_what_is_loaded_is_left_out_of_later_collections():
    import gc

    class Loaded:
        pass

    try:
        loaded = ui.out_of_collections(Loaded())
        assert isinstance(loaded, Loaded)
        assert gc.get_freeze_count() > 0 and not any(o is loaded for o in gc.get_objects())  # not walked again
    finally:
        gc.unfreeze()
