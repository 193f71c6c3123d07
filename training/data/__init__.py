"""Where images and pen strokes come from: MNIST and Fashion-MNIST, pen files and their renderings, the user's samples."""
