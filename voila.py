# Voila reads this file (and voila.json) when started from the course's folder.
# The hook gives every visitor their own progress and leaves out JupyterLab-only text;
# see src/warning_signs/voila_hook.py. (It cannot be combined with preheated kernels.)
from warning_signs.voila_hook import visitor_hook

c.VoilaConfiguration.prelaunch_hook = visitor_hook  # noqa: F821 (c is Voila's config object)
