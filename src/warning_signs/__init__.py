"""Warning Signs: a course on recognizing the warning signs of mass atrocities.

Notebooks call this package; it reads the course data in ``datasets/``.
"""

__version__ = "0.1.0"
