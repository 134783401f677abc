"""Pure functions behind Confidant's MkDocs hooks.

The files in ``hooks/*.py`` are thin event dispatchers; everything that can be
tested without running MkDocs lives in this package.
"""
