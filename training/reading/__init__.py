"""Reading a drawing or an image: preprocessing, cutting it into digits, the two runtimes, the path network's reader, the inside view.

Needs no TensorFlow on its light path (LiteRT); never imports the model files, the data or the training above it.
"""
