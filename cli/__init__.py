"""The `kb` command line: a thin layer that turns arguments into library calls."""
