"""Run the fast path of one edit in its own process, as the benchmark measures it.

python -m benchmarks.render_changed CONTENT OUTPUT SETTINGS FILE...
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workflow.fast_rebuild import render_changed  # noqa: E402


def main(argv=None):
    content, output, settings, *changed = argv or sys.argv[1:]
    pages = render_changed(Path(content), Path(output), Path(settings), changed)
    print("\n".join(pages))


if __name__ == "__main__":
    main()
