"""config.fingerprint: the key under which the store is cached, changed by any edit in the folders."""
import os

from superficial import config


def test_fingerprint_changes_with_any_edit_and_only_then(tmp_path):
    data, content = tmp_path / "data", tmp_path / "content"
    data.mkdir()
    content.mkdir()
    (data / "models.csv").write_text("name\n")
    first = config.fingerprint(data, content)
    assert config.fingerprint(data, content) == first and len(first) == 64  # a short digest, cheap to hash again

    (content / "new.md").write_text("---\ntitle: x\n---\n")
    added = config.fingerprint(data, content)
    assert added != first

    stat = (data / "models.csv").stat()
    os.utime(data / "models.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    touched = config.fingerprint(data, content)
    assert touched not in (first, added)

    (content / "new.md").unlink()
    assert config.fingerprint(data, content) not in (added, touched)
    assert config.fingerprint(data, tmp_path / "missing") != config.fingerprint(data, content)
