"""`python -m bench`: see bench/run.py."""

import time

from .run import main

start = time.perf_counter()
code = main()
print(f"Klart på {time.perf_counter() - start:.0f} s.")
raise SystemExit(code)
