#pragma once

// A list the management area shows — users, tenants, roles, permissions, access keys — as a
// table with a filter above it: each row one object of an answer ({"users": […]}), each column a
// plain-text reading of it (ManagementFields.h). The filter matches any column, ignoring case.
// setRows() keeps the selected row when its key (the first column) is still there. Object names:
// <name>Filter and <name>Table.

#include "oidc/Json.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <vector>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace ui {

class ManagementTable final : public QWidget {
    Q_OBJECT
public:
    struct Column final {
        QString title;
        std::function<QString(const oidc::Json &)> text;
    };

    ManagementTable(const QString &name, std::vector<Column> columns, QWidget *parent = nullptr);

    void setRows(const oidc::Json &objects);
    // The selected row's object; nullptr without a selection.
    [[nodiscard]] const oidc::Json *selected() const;
    // Selects the row whose key (first column) is `key`; false when there is none.
    bool select(const QString &key);
    void clearSelection();
    [[nodiscard]] int rowCount() const;

Q_SIGNALS:
    void selectionChanged();

private:
    std::vector<Column> m_columns;
    oidc::Json m_objects = oidc::Json::array();
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_table;
};

} // namespace ui
