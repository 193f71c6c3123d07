"""Column headings that take two lines rather than widen a table past its window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

_WHOLE = Qt.ItemDataRole.UserRole + 7  # where each heading keeps its one-line text


def fold_headings(table: QTableWidget) -> None:
    """Break each heading wider than its column's cells at the space nearest its middle.

    A translation's headings are often longer than the figures under them
    (Vietnamese "Độ chính xác kiểm tra" over "98,46%"); on one line they push
    the last columns out of sight. Called after the cells change: a heading
    is folded only while its cells are narrower than it.
    """
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(table.columnCount()):
        item = table.horizontalHeaderItem(column)
        if item is None:
            continue
        whole = item.data(_WHOLE)
        if whole is None:
            whole = item.text()
            item.setData(_WHOLE, whole)
        cells = table.sizeHintForColumn(column) if table.rowCount() else 0
        text = whole
        if " " in whole and metrics.horizontalAdvance(whole) > cells:
            spaces = [i for i, ch in enumerate(whole) if ch == " "]
            middle = min(spaces, key=lambda i: abs(i - len(whole) / 2))
            text = whole[:middle] + "\n" + whole[middle + 1:]
        if item.text() != text:
            item.setText(text)
