"""Hypothesis profiles for the test run.

``ci`` (the default): derandomized, so every run of the suite (CI's, yours) tries the
same examples and a failure is reproduced by running the test again; no deadline (a
shared 2-core machine makes per-example times noisy); no example database. Property
tests keep their own ``max_examples`` (the fuzz targets' fast profile: a few hundred
examples in all, ``tests/fuzz_targets``).

``explore``: random examples and the local example database, for hunting new failures
(``pytest --hypothesis-profile=explore`` or ``HYPOTHESIS_PROFILE=explore``);
``bench/fuzz.py --minutes N`` does the same at length.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
