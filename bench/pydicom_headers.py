"""Reference for the import benchmark: pydicom reading every header of a corpus (stop_before_pixels)."""
import json
import os
import resource
import sys
import time

import pydicom

paths = [os.path.join(root, name) for root, _, names in os.walk(sys.argv[1]) for name in names]
started = time.perf_counter()
for path in paths:
    pydicom.dcmread(path, stop_before_pixels=True)
seconds = time.perf_counter() - started
print(json.dumps({"files": len(paths), "seconds": seconds,
                  "maxRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
