"""Files shipped with the app: the default model, icons, sample images.

Found through ``importlib.resources`` so that they resolve alike in a source
checkout, an installed wheel and a frozen build.
"""

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    return Path(str(files(__name__).joinpath(*parts)))
