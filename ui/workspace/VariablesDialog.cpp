#include "VariablesDialog.h"

#include "ui/UiText.h"
#include "ui/flow/ProfileManager.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/RecordTable.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Tones.h"
#include "ui/widgets/Type.h"
#include "ui/workspace/WorkspaceController.h"

#include "oidc/workspace/VariableSubstitution.h"

#include <QBrush>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

#include <utility>

namespace ui {

VariablesDialog::VariablesDialog(WorkspaceController &workspace, QString profileId, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_profileId(std::move(profileId))
    , m_table(new QTableWidget(0, 2))
    , m_problems(toneLabel(QStringLiteral("variablesProblems"), Tone::Warning))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setObjectName(QStringLiteral("variablesDialog"));
    setWindowModality(Qt::WindowModal);
    const oidc::flow::ProviderProfile *profile = m_workspace.profiles().profile(m_profileId);
    const QString profileName = profile ? profile->name : m_profileId;
    setWindowTitle(QStringLiteral("Variables — %1").arg(profileName));

    m_table->setObjectName(QStringLiteral("variablesTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Value")});
    setUpRecordTable(m_table);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_filling = true;
    const oidc::workspace::VariableScope scope = m_workspace.variableScope(m_profileId);
    for (const QString &name : oidc::workspace::builtinVariableNames())
        addRow(name, scope.builtins.value(name), true);
    m_builtinCount = m_table->rowCount();
    for (auto it = scope.variables.cbegin(); it != scope.variables.cend(); ++it)
        addRow(it.key(), it.value(), false);
    m_filling = false;

    auto *add = new QPushButton(QStringLiteral("Add variable"));
    add->setObjectName(QStringLiteral("variablesAdd"));
    add->setAutoDefault(false);
    auto *remove = new QPushButton(QStringLiteral("Remove"));
    remove->setObjectName(QStringLiteral("variablesRemove"));
    remove->setAutoDefault(false);
    m_buttons->setObjectName(QStringLiteral("variablesButtons"));

    QLabel *intro = toneLabel(QStringLiteral("variablesIntro"), Tone::Neutral,
                              QStringLiteral("Write {{name}} in any authorize parameter; the request carries the value. The first rows "
                                             "are built in, from the profile. Variables are saved in the workspace file as plain "
                                             "text: never put a secret here (client secrets and keys go to the keychain)."));
    layout::attach(this, layout::column({intro, layout::Item(m_table, 1), layout::row({layout::Item(m_problems, 1), add, remove}),
                                         m_buttons},
                                        layout::spaced(8)));
    resize(560, 420);

    connect(add, &QPushButton::clicked, this, [this] {
        addRow(QString(), QString(), false);
        const int row = m_table->rowCount() - 1;
        m_table->setCurrentCell(row, NameColumn);
        m_table->editItem(m_table->item(row, NameColumn));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= m_builtinCount) {
            m_table->removeRow(row);
            check();
        }
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            check();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &VariablesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &VariablesDialog::reject);
    check();
}

void VariablesDialog::addRow(const QString &name, const QString &value, bool builtin)
{
    const int row = m_table->rowCount();
    const bool filling = std::exchange(m_filling, true);
    m_table->insertRow(row);
    auto *nameItem = new QTableWidgetItem(name);
    auto *valueItem = new QTableWidgetItem(builtin && value.isEmpty() ? QStringLiteral("(no value yet)") : value);
    for (QTableWidgetItem *item : {nameItem, valueItem}) {
        item->setFont(monospaceFont());
        if (builtin) {
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            item->setForeground(QBrush(ink(Ink::Muted)));
            item->setToolTip(QStringLiteral("Built in: the profile's value (edit the profile to change it)"));
        }
    }
    m_table->setItem(row, NameColumn, nameItem);
    m_table->setItem(row, ValueColumn, valueItem);
    m_filling = filling;
}

oidc::workspace::Parameters VariablesDialog::typed() const
{
    oidc::workspace::Parameters variables;
    for (int row = m_builtinCount; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, NameColumn)->text().trimmed();
        const QString value = m_table->item(row, ValueColumn)->text();
        if (!name.isEmpty() || !value.isEmpty()) // a blank row is no variable
            variables.append({name, value});
    }
    return variables;
}

void VariablesDialog::check()
{
    const oidc::workspace::Parameters variables = typed();
    QStringList lines;
    for (const oidc::Error &error : oidc::workspace::checkVariables(variables))
        lines << QStringLiteral("✖ ") + errorText(error);
    const bool saveable = lines.isEmpty();
    for (const auto &[name, value] : variables)
        if (oidc::workspace::looksLikeSecret(name, value))
            lines << QStringLiteral("⚠ {{%1}} looks like a secret: the workspace file keeps it as plain text").arg(name);
    m_problems->setText(lines.join(QLatin1Char('\n')));
    updateTone(m_problems, saveable ? Tone::Warning : Tone::Bad);
    m_problems->setVisible(!lines.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(saveable);
}

void VariablesDialog::accept()
{
    const oidc::workspace::Parameters rows = typed();
    if (!oidc::workspace::checkVariables(rows).empty())
        return; // OK is disabled then; a key press cannot get past it either
    QMap<QString, QString> variables;
    for (const auto &[name, value] : rows)
        variables.insert(name, value);
    m_workspace.setVariables(m_profileId, variables);
    QDialog::accept();
}

} // namespace ui

#include "moc_VariablesDialog.cpp"
