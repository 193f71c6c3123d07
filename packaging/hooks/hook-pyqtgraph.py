# Replaces pyinstaller-hooks-contrib's hook-pyqtgraph (a hookspath hook wins): that one imports every
# pyqtgraph submodule to list them, and pyqtgraph.opengl and pyqtgraph.util.glinfo need PyOpenGL, which
# the app does not use or ship, so each build warned about OpenGL. The rest is as the contrib hook does it.
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

UNUSED = ("pyqtgraph.examples", "pyqtgraph.opengl", "pyqtgraph.jupyter", "pyqtgraph.util.glinfo")

datas = collect_data_files("pyqtgraph", excludes=["**/examples/*", "**/opengl/*"])
all_imports = collect_submodules("pyqtgraph", filter=lambda name: not name.startswith(UNUSED))
hiddenimports = [name for name in all_imports if "Template" in name]
hiddenimports += ["pyqtgraph.multiprocess.bootstrap"]

try:
    from PyInstaller.utils.hooks.qt import exclude_extraneous_qt_bindings
except ImportError:
    pass
else:
    excludedimports = exclude_extraneous_qt_bindings(hook_name="hook-pyqtgraph", qt_bindings_order=None)
