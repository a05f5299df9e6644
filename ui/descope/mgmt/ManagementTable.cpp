#include "ManagementTable.h"

#include "ui/widgets/RecordTable.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>

#include <algorithm>

namespace ui {

namespace {
constexpr int kObjectIndexRole = Qt::UserRole + 1;
}

ManagementTable::ManagementTable(const QString &name, std::vector<Column> columns, QWidget *parent)
    : QWidget(parent)
    , m_columns(std::move(columns))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit)
    , m_table(new QTableView)
{
    setObjectName(name);
    QStringList titles;
    for (const auto &column : m_columns)
        titles << column.title;
    m_model->setHorizontalHeaderLabels(titles);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setObjectName(name + QStringLiteral("Filter"));
    m_filter->setPlaceholderText(tr("Filter"));
    m_filter->setClearButtonEnabled(true);
    m_table->setObjectName(name + QStringLiteral("Table"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder);
    setUpRecordTable(m_table, QAbstractItemView::SingleSelection, 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(14 * m_table->fontMetrics().averageCharWidth());

    layout::attach(this, layout::column({m_filter, layout::Item(m_table, 1)}, {.margins = layout::kFlush, .spacing = 4}));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ManagementTable::selectionChanged);
}

void ManagementTable::setRows(const oidc::Json &objects)
{
    const oidc::Json *current = selected();
    const QString keptKey = current ? m_columns.front().text(*current) : QString();
    {
        const QSignalBlocker blocker(m_table->selectionModel());
        m_model->removeRows(0, m_model->rowCount());
        m_objects = objects.is_array() ? objects : oidc::Json::array();
        for (size_t index = 0; index < m_objects.size(); ++index) {
            QList<QStandardItem *> row;
            for (const auto &column : m_columns) {
                const QString text = column.text(m_objects[index]);
                auto *item = new QStandardItem(text);
                item->setData(static_cast<qulonglong>(index), kObjectIndexRole);
                item->setToolTip(plainToolTip(text));
                row << item;
            }
            m_model->appendRow(row);
        }
    }
    // Columns as wide as their contents, none wider than 36 characters (the tooltip has it all).
    m_table->resizeColumnsToContents();
    const int widest = 36 * m_table->fontMetrics().averageCharWidth();
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), widest));
    if (keptKey.isEmpty() || !select(keptKey))
        Q_EMIT selectionChanged();
}

const oidc::Json *ManagementTable::selected() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const auto index = rows.first().data(kObjectIndexRole).toULongLong();
    return index < m_objects.size() ? &m_objects[index] : nullptr;
}

bool ManagementTable::select(const QString &key)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data().toString() == key) {
            m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_table->scrollTo(index);
            return true;
        }
    }
    return false;
}

void ManagementTable::clearSelection()
{
    m_table->selectionModel()->clearSelection();
}

int ManagementTable::rowCount() const
{
    return m_proxy->rowCount();
}

} // namespace ui

#include "moc_ManagementTable.cpp"
