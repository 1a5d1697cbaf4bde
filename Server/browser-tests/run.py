"""Runs every browser flow (`*_flow.py`, one file per flow) against the running server.

Each flow module has `run(context)`; a flow fails by raising. Prints one line per flow and exits
non-zero when any failed. `customer_flow.py` is the portal's; the staff flow of the back office
goes beside it as `staff_flow.py`.
"""
import glob
import importlib
import os
import sys
import traceback

from common import Context


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    context = Context()
    only = sys.argv[1:]
    failures = []
    flows = sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(here, "*_flow.py")))
    flows = [name for name in flows if not only or name in only]
    for name in flows:
        print(f"== {name}")
        try:
            importlib.import_module(name).run(context)
            print(f"{name}: passed")
        except Exception:  # a flow's failure of any kind is reported, the others still run
            traceback.print_exc()
            print(f"{name}: FAILED")
            failures.append(name)
    print(f"browser flows: {len(flows) - len(failures)} passed, {len(failures)} failed; screenshots in {context.out_dir}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
