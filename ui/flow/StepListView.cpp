#include "StepListView.h"

namespace ui {

StepListView::StepListView(QWidget *parent) : QListView(parent)
{
    setUniformItemSizes(true);
}

void StepListView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    // The item view's own handling: the changed rows are repainted, nothing is laid out again.
    QAbstractItemView::dataChanged(topLeft, bottomRight, roles); // NOLINT(bugprone-parent-virtual-call)
}

} // namespace ui

#include "moc_StepListView.cpp"
