#include "ClaimDiffView.h"

#include "ui/UiText.h"
#include "ui/descope/ClaimDiffModel.h"
#include "ui/widgets/Layouting.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>

namespace ui {

ClaimDiffView::ClaimDiffView(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_model(new ClaimDiffModel(this))
    , m_summary(plainLabel(QString()))
    , m_onlyChanged(new QCheckBox(QStringLiteral("Only what changed")))
    , m_table(new QTableView)
{
    setObjectName(name + QStringLiteral("View"));
    m_table->setObjectName(name);
    m_summary->setObjectName(name + QStringLiteral("Summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setMinimumWidth(40);
    m_onlyChanged->setObjectName(name + QStringLiteral("OnlyChanged"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 5);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ClaimDiffModel::ClaimColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ClaimDiffModel::ChangeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ClaimDiffModel::BeforeColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ClaimDiffModel::AfterColumn, QHeaderView::Stretch);
    connect(m_onlyChanged, &QCheckBox::toggled, this, [this](bool only) { m_model->setShowUnchanged(!only); });
    layout::attach(this, layout::column({layout::row({layout::Item(m_summary, 1), m_onlyChanged}, {.margins = layout::kFlush}),
                                         layout::Item(m_table, 1)},
                                        {.margins = QMargins(0, 6, 0, 0), .spacing = 6}));
}

void ClaimDiffView::setClaims(const oidc::Json &before, const oidc::Json &after)
{
    m_model->setClaims(before, after);
    m_summary->setText(m_model->summary());
}

void ClaimDiffView::clear(const QString &placeholder)
{
    m_model->clear();
    m_summary->setText(placeholder);
}

} // namespace ui

#include "moc_ClaimDiffView.cpp"
