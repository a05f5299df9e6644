#include "AreaExchangeList.h"

#include "ui/widgets/RecordTable.h"
#include "ui/AppContext.h"
#include "ui/descope/AreaExchangeModel.h"
#include "ui/descope/DescopeContext.h"
#include "ui/log/ExchangeLogModel.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"

#include <QHeaderView>
#include <QPushButton>
#include <QTableView>

namespace ui {

AreaExchangeList::AreaExchangeList(DescopeContext &context, QStringView area, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new AreaExchangeModel(&context.app().exchangeLog(), area.toString(), this))
    , m_table(new QTableView)
    , m_show(new QPushButton(QStringLiteral("Show in Exchange Log")))
{
    setObjectName(QStringLiteral("areaExchanges"));
    m_table->setObjectName(QStringLiteral("areaExchangesTable"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    for (const int hidden : {ExchangeLogModel::NumberColumn, ExchangeLogModel::TimeColumn})
        m_table->setColumnHidden(hidden, true);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ExchangeLogModel::UrlColumn, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    // Fixed starting widths: rows arrive after the view is laid out, so contents cannot size them.
    const int character = m_table->fontMetrics().averageCharWidth();
    m_table->setColumnWidth(ExchangeLogModel::StepColumn, 28 * character);
    m_table->setColumnWidth(ExchangeLogModel::MethodColumn, 8 * character);
    m_table->setColumnWidth(ExchangeLogModel::StatusColumn, 8 * character);
    m_table->setColumnWidth(ExchangeLogModel::MsColumn, 7 * character);
    m_show->setObjectName(QStringLiteral("areaExchangesShow"));
    m_show->setEnabled(false);
    m_show->setToolTip(QStringLiteral("Opens the Exchange Log at the selected request: its request and response in full, redacted."));
    connect(m_show, &QPushButton::clicked, this, &AreaExchangeList::showSelected);
    connect(m_table, &QTableView::doubleClicked, this, &AreaExchangeList::showSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_show->setEnabled(m_table->selectionModel()->hasSelection()); });
    // Newest last, and in view.
    connect(m_model, &QAbstractItemModel::rowsInserted, m_table, &QTableView::scrollToBottom);

    auto *head = new PanelHeader(Type::Section, QStringLiteral("Requests"),
                                 QStringLiteral("What this area sent, redacted; the Exchange Log has each in full."), {m_show});
    layout::attach(this, layout::column({head, layout::Item(m_table, 1)}, {.margins = layout::kFlush, .spacing = 4}));
}

void AreaExchangeList::showSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    m_context.requestShowExchange(rows.first().data(ExchangeLogModel::RecordIdRole).toInt());
}

} // namespace ui

#include "moc_AreaExchangeList.cpp"
