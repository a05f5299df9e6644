#include "ManagementConnection.h"

#include "ui/AppContext.h"
#include "ui/UiText.h"
#include "ui/descope/AreaLabelTransport.h"
#include "ui/workspace/RememberedSecret.h"

#include "oidc/descope/ManagementClient.h"
#include "sandbox/SandboxHost.h"
#include "secrets/SecretKey.h"

#include <QMessageBox>
#include <QPushButton>

#include <utility>

namespace ui {

using oidc::descope::CreatedAccessKey;
using oidc::descope::ManagementCall;
using oidc::descope::ManagementClient;

namespace {

// The project a key is for: the provider's kind too, since a profile may name the sandbox's own
// project and base URL.
QString mgmtProjectIdentity(const DescopeContext &context)
{
    if (!context.hasProject())
        return {};
    return (context.isSandbox() ? QStringLiteral("sandbox:") : QStringLiteral("project:")) + context.project()->projectId() + QLatin1Char('@')
        + context.project()->baseUrl().toString();
}

} // namespace

ManagementConnection::ManagementConnection(DescopeContext &context, QWidget *dialogParent)
    : QObject()
    , m_context(context)
    , m_dialogParent(dialogParent)
    , m_transport(std::make_unique<AreaLabelTransport>(context.app().transport(), descope_area::kManagement.toString()))
    , m_remembered(new RememberedSecret(context.app().workspace(), secrets::kManagementKey, this))
{
    connect(&m_context, &DescopeContext::projectChanged, this, &ManagementConnection::followProject);
    m_projectKeyOf = mgmtProjectIdentity(m_context);
    loadRememberedKey();
}

ManagementConnection::~ManagementConnection()
{
    dropInFlight();
    // The clients use the transport, which goes before QObject's children do.
    qDeleteAll(findChildren<ManagementClient *>(QString(), Qt::FindDirectChildrenOnly));
}

bool ManagementConnection::isRealProject() const
{
    return m_context.provider() == DescopeContext::Provider::DescopeProject;
}

QString ManagementConnection::key() const
{
    if (m_context.isSandbox())
        return m_context.sandbox() ? m_context.sandbox()->managementKey() : QString();
    return isRealProject() ? m_typedKey : QString();
}

QString ManagementConnection::unavailableReason() const
{
    if (!m_context.hasProject())
        return m_context.unavailableReason();
    if (hasKey())
        return {};
    if (m_context.isSandbox())
        return tr("The sandbox has no management key yet: it is starting.");
    return tr("Type the project's management key above (Descope console → Company → Management Keys) to use this area.");
}

void ManagementConnection::setTypedKey(const QString &key)
{
    const QString trimmed = key.trimmed();
    if (trimmed == m_typedKey)
        return;
    m_typedKey = trimmed;
    if (m_rememberKey && isRealProject())
        m_remembered->store(m_typedKey);
    Q_EMIT readinessChanged();
}

void ManagementConnection::setRememberKey(bool remember)
{
    if (remember == m_rememberKey || !isRealProject())
        return;
    m_rememberKey = remember;
    if (remember)
        m_remembered->store(m_typedKey);
    else
        m_remembered->forget();
}

QString ManagementConnection::rememberNote() const
{
    return m_remembered->storageNote();
}

void ManagementConnection::loadRememberedKey()
{
    if (!isRealProject())
        return;
    const QString identity = m_projectKeyOf;
    m_remembered->load([this, identity](const QString &key) {
        // Typed meanwhile, or another project since: what the person did wins.
        if (identity != m_projectKeyOf || !m_typedKey.isEmpty())
            return;
        m_typedKey = key;
        m_rememberKey = true;
        Q_EMIT keyRestored(key);
        Q_EMIT readinessChanged();
    });
}

void ManagementConnection::followProject()
{
    const QString identity = mgmtProjectIdentity(m_context);
    if (identity != m_projectKeyOf) {
        // A key belongs to its project: it is never sent to another one.
        m_projectKeyOf = identity;
        m_typedKey.clear();
        m_rememberKey = false;
        dropInFlight();
        Q_EMIT keyForgotten();
        loadRememberedKey();
    }
    Q_EMIT readinessChanged();
}

void ManagementConnection::dropInFlight()
{
    const bool wasBusy = isBusy();
    // Their answers find no ticket, so they reach nobody (cancel answers at once).
    auto calls = std::exchange(m_inFlight, {});
    for (auto &[ticket, call] : calls) {
        call.handle.cancel();
        call.client->deleteLater();
    }
    if (wasBusy)
        Q_EMIT busyChanged(false);
}

void ManagementConnection::cancelAll()
{
    std::vector<oidc::net::RequestHandle> handles;
    for (const auto &[ticket, call] : m_inFlight)
        handles.push_back(call.handle);
    for (const auto &handle : handles)
        handle.cancel(); // each answers NET_CANCELLED through finish()
}

void ManagementConnection::refuseInput(const QString &what, const oidc::Error &error)
{
    Q_EMIT refused(what, error);
}

void ManagementConnection::dispatch(const QString &what, Sender send)
{
    if (!isReady()) {
        Q_EMIT refused(what, oidc::makeError(oidc::ErrorCategory::Input, "MGMT_NOT_READY", toStd(unavailableReason())));
        return;
    }
    auto *client = new ManagementClient(*m_transport, *m_context.project(), toStd(key()), this);
    const quint64 ticket = ++m_lastTicket;
    const bool wasBusy = isBusy();
    m_inFlight.emplace(ticket, InFlight{client, {}});
    if (!wasBusy)
        Q_EMIT busyChanged(true);
    oidc::net::RequestHandle handle = send(*client, ticket);
    // The client may have answered already (a request it could not build).
    if (const auto found = m_inFlight.find(ticket); found != m_inFlight.end())
        found->second.handle = std::move(handle);
}

template <typename T>
void ManagementConnection::finish(quint64 ticket, const QString &what, bool isChange, const Done<T> &done, oidc::Result<T> answer)
{
    const auto found = m_inFlight.find(ticket);
    if (found == m_inFlight.end())
        return; // dropped: a new project, or the area's end
    found->second.client->deleteLater();
    m_inFlight.erase(found);
    const bool ok = answer.ok();
    if (!ok)
        Q_EMIT refused(what, answer.error());
    else if (isChange)
        Q_EMIT succeeded(what);
    if (done)
        done(std::move(answer));
    if (ok && isChange)
        Q_EMIT changed();
    if (!isBusy())
        Q_EMIT busyChanged(false);
}

void ManagementConnection::read(const ManagementCall &call, const QString &what, Done<oidc::Json> done)
{
    dispatch(what, [this, call, what, done = std::move(done)](ManagementClient &client, quint64 ticket) {
        return client.call(call, [this, ticket, what, done](oidc::Result<oidc::Json> answer) { finish(ticket, what, false, done, std::move(answer)); });
    });
}

void ManagementConnection::change(const ManagementCall &call, const QString &what, const QString &confirm, Done<oidc::Json> done)
{
    auto send = [this, call, what, done = std::move(done)] {
        dispatch(what, [this, call, what, done](ManagementClient &client, quint64 ticket) {
            return client.call(call, [this, ticket, what, done](oidc::Result<oidc::Json> answer) { finish(ticket, what, true, done, std::move(answer)); });
        });
    };
    if (confirm.isEmpty() || !isRealProject())
        send();
    else
        askFirst(what, confirm, std::move(send));
}

void ManagementConnection::createAccessKey(const ManagementCall &call, const QString &what, Done<CreatedAccessKey> done)
{
    dispatch(what, [this, call, what, done = std::move(done)](ManagementClient &client, quint64 ticket) {
        return client.createAccessKey(call, [this, ticket, what, done](oidc::Result<CreatedAccessKey> answer) {
            finish(ticket, what, true, done, std::move(answer));
        });
    });
}

void ManagementConnection::askFirst(const QString &what, const QString &question, std::function<void()> go)
{
    const QString identity = mgmtProjectIdentity(m_context);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Change a real Descope project?"), question, QMessageBox::Cancel, m_dialogParent);
    box->setObjectName(QStringLiteral("mgmtConfirm"));
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(tr("This is project %1, not the sandbox: the change is made at once and cannot be undone from here.")
                                .arg(m_context.project()->projectId()));
    QPushButton *goButton = box->addButton(what, QMessageBox::DestructiveRole);
    goButton->setObjectName(QStringLiteral("mgmtConfirmGo"));
    box->button(QMessageBox::Cancel)->setObjectName(QStringLiteral("mgmtConfirmCancel"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, goButton, identity, what, go = std::move(go)] {
        // Confirmed for the project it was asked about, and only that one.
        if (box->clickedButton() == goButton && identity == mgmtProjectIdentity(m_context))
            go();
        else
            Q_EMIT declined(what);
    });
    box->open();
}

} // namespace ui

#include "moc_ManagementConnection.cpp"
