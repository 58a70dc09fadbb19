"""Quality benchmarks: each data set's loader and metric in its own module (``extraction``...)."""
