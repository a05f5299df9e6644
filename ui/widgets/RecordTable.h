#pragma once

// The look every table of records in the app shares (exchanges, checks, users, parameters): no
// row numbers, a fixed row height of one line of text plus `rowPadding` pixels, whole rows
// selected, alternating row colours, no grid, no wrapping, read-only unless the caller sets edit
// triggers afterwards, and cells painted by a CachedTextDelegate (a caller may set its own delegate
// afterwards).

#include <QAbstractItemView>

class QTableView;

namespace ui {

void setUpRecordTable(QTableView *table, QAbstractItemView::SelectionMode selection = QAbstractItemView::SingleSelection,
                      int rowPadding = 5);

} // namespace ui
