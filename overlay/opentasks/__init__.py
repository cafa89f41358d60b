"""opentasks: a spec-first SDK for running and tracking the work of AI agents.

The public API is re-exported here; everything in a module whose name starts with an underscore
is private.
"""

from ._version import __version__

__all__ = ["__version__"]
