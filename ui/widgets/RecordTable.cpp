#include "RecordTable.h"

#include "ui/widgets/CachedTextDelegate.h"

#include <QHeaderView>
#include <QTableView>

namespace ui {

void setUpRecordTable(QTableView *table, QAbstractItemView::SelectionMode selection, int rowPadding)
{
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + rowPadding);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(selection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setItemDelegate(new CachedTextDelegate(table)); // one-line cells: each text laid out once
}

} // namespace ui
