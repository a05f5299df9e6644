#include "AuthorizeParameterTable.h"

#include "ui/widgets/RecordTable.h"
#include "ui/UiText.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

struct Parameter {
    const char *name;
    const char *note;
};

// The standard parameters in the order they are sent, with where each is defined.
constexpr Parameter kParameters[] = {
    {"response_type", "code: the authorization code flow (RFC 6749 §4.1.1)"},
    {"client_id", "the client (RFC 6749 §2.2)"},
    {"redirect_uri", "where the code comes back (RFC 6749 §3.1.2)"},
    {"scope", "openid for an ID token; offline_access for a refresh token (RFC 6749 §3.3)"},
    {"state", "CSRF protection, checked on return (RFC 6749 §10.12)"},
    {"nonce", "binds the ID token to this request (OIDC Core §3.1.2.1)"},
    {"code_challenge", "PKCE challenge of the secret verifier (RFC 7636 §4.2)"},
    {"code_challenge_method", "S256, or plain (insecure) (RFC 7636 §4.3)"},
    {"prompt", "none, login, consent, select_account (OIDC Core §3.1.2.1)"},
    {"max_age", "seconds since the last active sign-in (OIDC Core §3.1.2.1)"},
    {"login_hint", "pre-fills the login ID (OIDC Core §3.1.2.1)"},
    {"acr_values", "requested authentication context classes"},
    {"ui_locales", "preferred languages, e.g. \"de fr\""},
    {"flow", "Descope: the flow to run (e.g. sign-up-or-in)"},
    {"tenant", "Descope: the tenant to sign in to"},
};

constexpr const char *kCustomNote = "custom parameter, sent last";

// Combo boxes for the parameters with a fixed set of values (free text stays possible for prompt).
class ParameterDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QString name = index.siblingAtColumn(AuthorizeParameterTable::NameColumn).data().toString();
        if (index.column() == AuthorizeParameterTable::ValueColumn
            && (name == QLatin1String("prompt") || name == QLatin1String("code_challenge_method"))) {
            auto *combo = new QComboBox(parent);
            if (name == QLatin1String("prompt")) {
                combo->setEditable(true);
                combo->addItems({QString(), QStringLiteral("none"), QStringLiteral("login"), QStringLiteral("consent"),
                                 QStringLiteral("select_account")});
            } else {
                combo->addItems({QStringLiteral("S256"), QStringLiteral("plain")});
            }
            return combo;
        }
        return QStyledItemDelegate::createEditor(parent, option, index);
    }

    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            const QString text = index.data(Qt::EditRole).toString();
            const int found = combo->findText(text);
            if (found >= 0)
                combo->setCurrentIndex(found);
            else if (combo->isEditable())
                combo->setEditText(text);
            return;
        }
        QStyledItemDelegate::setEditorData(editor, index);
    }

    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            model->setData(index, combo->currentText().trimmed(), Qt::EditRole);
            return;
        }
        QStyledItemDelegate::setModelData(editor, model, index);
    }
};

QTableWidgetItem *readOnlyItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

QStringList AuthorizeParameterTable::standardParameters()
{
    QStringList names;
    for (const auto &parameter : kParameters)
        names << QString::fromLatin1(parameter.name);
    return names;
}

AuthorizeParameterTable::AuthorizeParameterTable(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_warningLabel(plainLabel(QString(), this))
    , m_noteLabel(plainLabel(QString(), this))
    , m_addButton(new QPushButton(QStringLiteral("Add parameter"), this))
    , m_removeButton(new QPushButton(QStringLiteral("Remove"), this))
{
    setObjectName(QStringLiteral("authorizeParameterTable"));
    m_table->setObjectName(QStringLiteral("parameterTable"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Parameter"), QStringLiteral("Value")});
    setUpRecordTable(m_table, QAbstractItemView::SingleSelection, 8);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->setItemDelegate(new ParameterDelegate(m_table));
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setTextElideMode(Qt::ElideMiddle);

    const QFont mono = monospaceFont();
    for (const auto &parameter : kParameters) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *name = readOnlyItem(QString::fromLatin1(parameter.name));
        name->setFont(mono);
        m_table->setItem(row, NameColumn, name);
        auto *value = new QTableWidgetItem(QString());
        value->setFont(mono);
        m_table->setItem(row, ValueColumn, value);
        setNote(row, QString::fromUtf8(parameter.note));
    }
    m_updating = true;
    setCell(QStringLiteral("response_type"), QStringLiteral("code"));
    setCell(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    m_updating = false;
    updateRedirectNote();

    m_noteLabel->setObjectName(QStringLiteral("parameterNoteLabel"));
    applyType(m_noteLabel, Type::Caption);
    connect(m_table, &QTableWidget::currentCellChanged, this, &AuthorizeParameterTable::showCurrentNote);
    m_noteLabel->setMinimumWidth(40);
    showCurrentNote();

    m_warningLabel->setObjectName(QStringLiteral("authorizeWarningLabel"));
    m_warningLabel->setMinimumWidth(40);
    m_warningLabel->setWordWrap(true);
    m_warningLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    updateTone(m_warningLabel, Tone::Warning);
    m_warningLabel->hide();

    m_addButton->setObjectName(QStringLiteral("addParameterButton"));
    m_removeButton->setObjectName(QStringLiteral("removeParameterButton"));
    m_removeButton->setToolTip(QStringLiteral("Removes a custom parameter, or empties a standard one (then it is not sent)."));
    m_table->setToolTip(QStringLiteral("Double-click a value to edit it. Empty parameters are not sent."));
    m_addButton->setAutoDefault(false);
    m_removeButton->setAutoDefault(false);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_noteLabel, 1);
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_removeButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_warningLabel);

    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_updating)
            return;
        const QTableWidgetItem *nameItem = m_table->item(item->row(), NameColumn);
        if (nameItem && item->column() == ValueColumn)
            m_edited.insert(nameItem->text());
        if (item->column() == ValueColumn && nameItem && nameItem->text() == QLatin1String("redirect_uri"))
            updateRedirectNote();
        updateWarnings();
        Q_EMIT changed();
    });
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        addParameter(QStringLiteral("name"), QString());
        const int row = m_table->rowCount() - 1;
        m_table->setCurrentCell(row, NameColumn);
        m_table->editItem(m_table->item(row, NameColumn));
    });
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        if (row >= static_cast<int>(std::size(kParameters)))
            m_table->removeRow(row);
        else
            m_table->item(row, ValueColumn)->setText(QString());
        updateWarnings();
        Q_EMIT changed();
    });
    updateWarnings();
}

int AuthorizeParameterTable::rowOf(const QString &name) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (const QTableWidgetItem *item = m_table->item(row, NameColumn); item && item->text() == name)
            return row;
    return -1;
}

void AuthorizeParameterTable::setCell(const QString &name, const QString &value)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    QTableWidgetItem *item = m_table->item(row, ValueColumn);
    item->setText(value);
    item->setToolTip(plainToolTip(value));
}

QString AuthorizeParameterTable::value(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? QString() : m_table->item(row, ValueColumn)->text();
}

void AuthorizeParameterTable::setValue(const QString &name, const QString &value)
{
    if (rowOf(name) < 0) {
        addParameter(name, value);
        return;
    }
    setCell(name, value); // itemChanged marks it as edited
}

void AuthorizeParameterTable::addParameter(const QString &name, const QString &value)
{
    const int row = m_table->rowCount();
    m_updating = true;
    m_table->insertRow(row);
    auto *nameItem = new QTableWidgetItem(name);
    nameItem->setFont(monospaceFont());
    m_table->setItem(row, NameColumn, nameItem);
    auto *valueItem = new QTableWidgetItem(value);
    valueItem->setFont(monospaceFont());
    m_table->setItem(row, ValueColumn, valueItem);
    setNote(row, QString::fromLatin1(kCustomNote));
    m_updating = false;
    m_edited.insert(name);
    updateWarnings();
    Q_EMIT changed();
}

void AuthorizeParameterTable::applyDefaults(const oidc::flow::AuthorizationRequest &defaults)
{
    m_prepared = true;
    if (!defaults.authorizationEndpoint.isEmpty())
        m_endpoint = defaults.authorizationEndpoint;
    m_updating = true;
    setCell(QStringLiteral("state"), defaults.state);
    setCell(QStringLiteral("nonce"), defaults.nonce);
    setCell(QStringLiteral("code_challenge"), defaults.codeChallenge);
    setCell(QStringLiteral("code_challenge_method"), defaults.codeChallenge.isEmpty() ? QString()
                                                                                      : QString::fromLatin1(oidc::pkceMethodName(defaults.codeChallengeMethod).data()));
    m_edited.remove(QStringLiteral("state"));
    m_edited.remove(QStringLiteral("nonce"));
    m_edited.remove(QStringLiteral("code_challenge"));
    m_edited.remove(QStringLiteral("code_challenge_method"));
    if (!m_edited.contains(QStringLiteral("response_type")))
        setCell(QStringLiteral("response_type"), defaults.responseType);
    if (!m_edited.contains(QStringLiteral("client_id")))
        setCell(QStringLiteral("client_id"), defaults.clientId);
    if (!m_edited.contains(QStringLiteral("scope")))
        setCell(QStringLiteral("scope"), defaults.scope);
    if (isRedirectUriAutomatic())
        setCell(QStringLiteral("redirect_uri"), defaults.redirectUri);
    m_updating = false;
    updateRedirectNote();
    updateWarnings();
    Q_EMIT changed();
}

void AuthorizeParameterTable::setAutomaticRedirectUri(const QString &redirectUri)
{
    if (!isRedirectUriAutomatic())
        return;
    m_updating = true;
    setCell(QStringLiteral("redirect_uri"), redirectUri);
    m_updating = false;
    updateRedirectNote();
    updateWarnings();
}

void AuthorizeParameterTable::setNote(int row, const QString &note)
{
    const bool updating = m_updating;
    m_updating = true;
    for (int column = 0; column < ColumnCount; ++column) {
        if (QTableWidgetItem *item = m_table->item(row, column)) {
            item->setData(NoteRole, note);
            item->setToolTip(plainToolTip(note));
        }
    }
    m_updating = updating;
    if (row == m_table->currentRow())
        showCurrentNote();
}

QString AuthorizeParameterTable::note(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? QString() : m_table->item(row, NameColumn)->data(NoteRole).toString();
}

void AuthorizeParameterTable::showCurrentNote()
{
    const int row = m_table->currentRow();
    const QTableWidgetItem *name = row >= 0 ? m_table->item(row, NameColumn) : nullptr;
    m_noteLabel->setText(name ? name->text() + QStringLiteral(": ") + name->data(NoteRole).toString()
                              : QStringLiteral("Double-click a value to edit it. Empty parameters are not sent."));
}

void AuthorizeParameterTable::updateRedirectNote()
{
    const int row = rowOf(QStringLiteral("redirect_uri"));
    if (row < 0)
        return;
    QString note = QString::fromUtf8(kParameters[2].note);
    if (isRedirectUriAutomatic() && value(QStringLiteral("redirect_uri")).isEmpty())
        note = QStringLiteral("automatic: the loopback listener's http://127.0.0.1:<port>/… is set in step 4 (RFC 8252 §7.3)");
    else if (isRedirectUriAutomatic())
        note = QStringLiteral("automatic, from the flow settings (edit to override)");
    setNote(row, note);
}

void AuthorizeParameterTable::setCodeChallengeMethodsSupported(const QStringList &methods)
{
    m_methodsSupported = methods;
    updateWarnings();
}

void AuthorizeParameterTable::setAuthorizationEndpoint(const QUrl &endpoint)
{
    m_endpoint = endpoint;
    updateWarnings();
}

oidc::Result<oidc::flow::AuthorizationRequest> AuthorizeParameterTable::currentRequest() const
{
    oidc::flow::AuthorizationRequest request;
    request.responseType = value(QStringLiteral("response_type"));
    request.clientId = value(QStringLiteral("client_id"));
    request.redirectUri = value(QStringLiteral("redirect_uri"));
    request.scope = value(QStringLiteral("scope"));
    request.state = value(QStringLiteral("state"));
    request.nonce = value(QStringLiteral("nonce"));
    request.codeChallenge = value(QStringLiteral("code_challenge"));
    const QString method = value(QStringLiteral("code_challenge_method"));
    if (method == QLatin1String("plain"))
        request.codeChallengeMethod = oidc::PkceMethod::Plain;
    else if (method.isEmpty() || method == QLatin1String("S256"))
        request.codeChallengeMethod = oidc::PkceMethod::S256;
    else
        return oidc::makeError(oidc::ErrorCategory::Input, "AUTHZ_PARAM_VALUE", "code_challenge_method must be S256 or plain",
                               "S256 or plain", toStd(method));
    request.prompt = value(QStringLiteral("prompt"));
    const QString maxAge = value(QStringLiteral("max_age")).trimmed();
    if (!maxAge.isEmpty()) {
        bool ok = false;
        const qint64 seconds = maxAge.toLongLong(&ok);
        if (!ok || seconds < 0)
            return oidc::makeError(oidc::ErrorCategory::Input, "AUTHZ_PARAM_VALUE", "max_age must be a whole number of seconds",
                                   "a number ≥ 0", toStd(maxAge));
        request.maxAge = seconds;
    }
    request.loginHint = value(QStringLiteral("login_hint"));
    request.acrValues = value(QStringLiteral("acr_values"));
    request.uiLocales = value(QStringLiteral("ui_locales"));
    request.descopeFlow = value(QStringLiteral("flow"));
    request.descopeTenant = value(QStringLiteral("tenant"));
    for (int row = static_cast<int>(std::size(kParameters)); row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, NameColumn)->text().trimmed();
        if (!name.isEmpty())
            request.extraParameters.append({name, m_table->item(row, ValueColumn)->text()});
    }
    return request;
}

oidc::Result<oidc::flow::AuthorizationRequest> AuthorizeParameterTable::request(const QString &redirectUri)
{
    if (isRedirectUriAutomatic() && !redirectUri.isEmpty())
        setAutomaticRedirectUri(redirectUri);
    return currentRequest();
}

void AuthorizeParameterTable::updateWarnings()
{
    m_warnings.clear();
    if (!m_prepared) {
        // Before step 3 the empty state, nonce and challenge are not choices: say what fills them.
        m_warningLabel->setText(QStringLiteral("Step 3 fills in a fresh state, nonce and PKCE challenge."));
        updateTone(m_warningLabel, Tone::Neutral);
        m_warningLabel->show();
        return;
    }
    auto request = currentRequest();
    if (!request) {
        m_warnings << errorText(request.error());
    } else {
        request->authorizationEndpoint = m_endpoint;
        m_warnings = oidc::flow::authorizationWarnings(*request, m_methodsSupported);
    }
    QStringList lines;
    for (const QString &warning : m_warnings)
        lines << QStringLiteral("⚠ ") + warning;
    m_warningLabel->setText(lines.join(QLatin1Char('\n')));
    updateTone(m_warningLabel, Tone::Warning);
    m_warningLabel->setVisible(!lines.isEmpty());
}

} // namespace ui
