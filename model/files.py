"""Small helpers for files Napkin writes for the user (scenarios, workbooks)."""

from __future__ import annotations

import os


def umask_mode(mode: int = 0o666) -> int:
    """Return `mode` as the process's umask lets a new file have it (what open() would give)."""
    current = os.umask(0)
    os.umask(current)
    return mode & ~current


def publish(tmp: str | os.PathLike, path: str | os.PathLike) -> None:
    """Give a finished temporary file (mkstemp makes it 0600) the umask's mode, then rename it to `path`."""
    os.chmod(tmp, umask_mode())
    os.replace(tmp, path)
