"""The commit a folder's git repository is at, read from its files.

What `git rev-parse HEAD` prints, without running git (a build asks it every
time, even when nothing changed): the repository's HEAD, the branch it names
and that branch's commit, from `.git` (a folder, or a worktree's file
pointing at one), its loose refs or its packed refs. None when the folder is
in no repository; "unborn:<branch>" for a repository without commits.
"""

from pathlib import Path


def git_dir(folder: Path) -> Path | None:
    """The .git folder of the repository holding `folder`, or None."""
    folder = Path(folder).resolve()
    for parent in (folder, *folder.parents):
        dot = parent / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            text = dot.read_text(encoding="utf-8").strip()
            if text.startswith("gitdir:"):
                return (parent / text.removeprefix("gitdir:").strip()).resolve()
    return None


def git_head(folder: Path) -> str | None:
    """The commit the repository of `folder` is at, or None outside git."""
    found = git_dir(folder)
    if found is None:
        return None
    try:
        head = (found / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref:"):
            return head
        ref = head.removeprefix("ref:").strip()
        common = found
        if (found / "commondir").is_file():
            common = (found / (found / "commondir").read_text().strip()).resolve()
        for base in (found, common):
            loose = base / ref
            if loose.is_file():
                return loose.read_text(encoding="utf-8").strip()
        packed = common / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                if line.endswith(f" {ref}"):
                    return line.split(" ", 1)[0]
    except OSError:
        return None
    return f"unborn:{ref}"
