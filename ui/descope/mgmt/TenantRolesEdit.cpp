#include "TenantRolesEdit.h"

#include "ui/UiText.h"
#include "ui/descope/mgmt/ManagementFields.h"
#include "ui/widgets/Layouting.h"

#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>

namespace ui {

TenantRolesEdit::TenantRolesEdit(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2))
    , m_add(new QPushButton(tr("Add tenant")))
    , m_remove(new QPushButton(tr("Remove")))
{
    m_table->setObjectName(name);
    m_add->setObjectName(name + QStringLiteral("Add"));
    m_remove->setObjectName(name + QStringLiteral("Remove"));
    m_table->setHorizontalHeaderLabels({tr("Tenant ID"), tr("Roles in the tenant")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(20 * m_table->fontMetrics().averageCharWidth());
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(4 * (m_table->fontMetrics().height() + 8));
    m_table->setToolTip(tr("Double-click a cell to type; roles separated by commas"));
    for (auto *button : {m_add, m_remove})
        button->setAutoDefault(false);
    m_remove->setToolTip(tr("Removes the selected tenant from the list; saving removes the membership"));
    layout::attach(this, layout::column({layout::Item(m_table, 1), layout::row({m_add, m_remove, layout::Stretch{}}, {.margins = layout::kFlush})},
                                        {.margins = layout::kFlush, .spacing = 4}));
    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->setFocus();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (const int row = m_table->currentRow(); row >= 0)
            m_table->removeRow(row);
    });
}

std::vector<oidc::descope::TenantRoles> TenantRolesEdit::tenants() const
{
    std::vector<oidc::descope::TenantRoles> tenants;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *id = m_table->item(row, 0);
        const QTableWidgetItem *roles = m_table->item(row, 1);
        const QString tenantId = id ? id->text().trimmed() : QString();
        if (tenantId.isEmpty())
            continue;
        tenants.push_back({toStd(tenantId), mgmtSplitNames(roles ? roles->text() : QString())});
    }
    return tenants;
}

void TenantRolesEdit::setTenants(const oidc::Json &tenants)
{
    clear();
    if (!tenants.is_array())
        return;
    for (const auto &tenant : tenants)
        addRow(mgmtText(tenant, "tenantId"), mgmtStrings(tenant, "roleNames").join(QStringLiteral(", ")));
}

void TenantRolesEdit::clear()
{
    m_table->setRowCount(0);
}

void TenantRolesEdit::addRow(const QString &tenantId, const QString &roles)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(tenantId));
    m_table->setItem(row, 1, new QTableWidgetItem(roles));
}

} // namespace ui

#include "moc_TenantRolesEdit.cpp"
