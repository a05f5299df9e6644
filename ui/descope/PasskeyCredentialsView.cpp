#include "PasskeyCredentialsView.h"

#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/webauthn/CoseKey.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

namespace ui {

namespace {

enum Column { IdColumn, RpIdColumn, AlgorithmColumn, CounterColumn, UserHandleColumn, UserNameColumn, ColumnCount };
constexpr int kRawIdRole = Qt::UserRole + 1;

} // namespace

PasskeyCredentialsView::PasskeyCredentialsView(QWidget *parent)
    : QWidget(parent)
    , m_file(typeLabel(Type::Caption))
    , m_table(new QTableWidget(0, ColumnCount))
    , m_delete(new QPushButton(QStringLiteral("Delete")))
{
    m_file->setObjectName(QStringLiteral("authenticatorFile"));
    m_file->setTextFormat(Qt::PlainText);
    m_table->setObjectName(QStringLiteral("credentialsTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Credential ID"), QStringLiteral("RP ID"), QStringLiteral("Algorithm"),
                                        QStringLiteral("Counter"), QStringLiteral("User handle"), QStringLiteral("User")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setFont(monospaceFont());
    m_delete->setObjectName(QStringLiteral("deleteCredentialButton"));
    auto *title = typeLabel(Type::Section, QStringLiteral("Software authenticator"));
    auto *hint = typeLabel(Type::Caption, QStringLiteral("The selected credential signs the next sign-in; with none selected the "
                                                         "authenticator picks the newest one the server allows."));
    layout::attach(this, layout::column({layout::row({title, layout::Stretch{}, m_delete}, {.margins = layout::kFlush}), m_file,
                                         layout::Item(m_table, 1), hint},
                                        {.margins = layout::kFlush, .spacing = 4}));
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &PasskeyCredentialsView::updateButtons);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const std::string id = selectedId();
        if (!id.empty())
            Q_EMIT deleteRequested(QByteArray::fromStdString(id));
    });
    updateButtons();
}

void PasskeyCredentialsView::setFile(const QString &path, const QString &problem)
{
    m_file->setText(problem.isEmpty() ? QStringLiteral("Kept in %1 (mode 0600: it holds private keys).").arg(path)
                                      : QStringLiteral("%1 cannot be used: %2").arg(path, problem));
}

void PasskeyCredentialsView::setCredentials(const std::vector<oidc::webauthn::SoftwareCredential> &credentials)
{
    const std::string selected = selectedId();
    m_table->clearSelection();
    m_table->setRowCount(static_cast<int>(credentials.size()));
    int row = 0;
    for (const auto &credential : credentials) {
        const QString values[ColumnCount] = {qs(oidc::crypto::base64UrlEncode(credential.id)),
                                             qs(credential.rpId),
                                             qs(oidc::webauthn::coseAlgorithmName(credential.algorithm)),
                                             QString::number(credential.signCount),
                                             qs(oidc::crypto::base64UrlEncode(credential.userHandle)),
                                             qs(credential.userName)};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(values[column]);
            item->setToolTip(values[column]);
            item->setData(kRawIdRole, QByteArray::fromStdString(credential.id));
            m_table->setItem(row, column, item);
        }
        if (!selected.empty() && credential.id == selected)
            m_table->selectRow(row);
        ++row;
    }
    m_table->resizeColumnsToContents();
    updateButtons();
}

std::string PasskeyCredentialsView::selectedId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_table->item(rows.front().row(), IdColumn)->data(kRawIdRole).toByteArray().toStdString();
}

void PasskeyCredentialsView::setEditable(bool editable)
{
    m_editable = editable;
    updateButtons();
}

void PasskeyCredentialsView::updateButtons()
{
    m_delete->setEnabled(m_editable && !selectedId().empty());
}

} // namespace ui

#include "moc_PasskeyCredentialsView.cpp"
