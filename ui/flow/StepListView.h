#pragma once

// The flow page's list of steps. Its rows all have the same size (uniformItemSizes) and never
// change it, so a changed step repaints its own row only: QListView::dataChanged schedules a
// relayout of every item and a repaint of the whole list for any change (Qt 6.4), which during a
// flow was ~17 whole-list repaints per login (issue 12, bench/gui --trace).

#include <QListView>

namespace ui {

class StepListView final : public QListView {
    Q_OBJECT
public:
    explicit StepListView(QWidget *parent = nullptr);

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles = QList<int>()) override;
};

} // namespace ui
