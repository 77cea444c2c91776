"""The `napkin` command line: a thin adapter over model/, sheets/, exports/ and dashboards/.

This package is the composition root: it alone may import every other package.
"""
