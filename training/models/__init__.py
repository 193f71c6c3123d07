"""Models as files and choices: the presets, a model file with its sidecar and light twin, opening one for reading, the library."""
