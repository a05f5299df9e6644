#pragma once

// The Users & Tenants area's way to the management API (oidc/descope/ManagementApi.h): which
// project, with which management key, and every call in flight.
// - The project is DescopeContext's. The key: the sandbox's own (SandboxHost::managementKey(),
//   read at each call, so a restarted sandbox's new key is used), or for a real Descope project
//   the key the person typed, held here in memory and forgotten when the project changes —
//   unless the person chose "Remember in the keychain" (setRememberKey): then it is kept for the
//   workspace's profile through RememberedSecret (the OS keychain, memory when none answers) and
//   read back, asynchronously, when that project is selected again (keyRestored()).
// - Each call gets a ManagementClient of its own (the key a secret inside it), sent through a
//   transport that labels it "Users & Tenants · Descope management: …" so the Exchange Log and
//   the area's AreaExchangeList show it, redacted; it answers once, on the GUI thread (the client
//   is asynchronous). cancelAll() makes every call in flight answer NET_CANCELLED.
// - Refusals are reported once, through refused() (what was asked, Descope's error), for the
//   area's RefusalBanner; the caller's callback still runs, so it can keep what was typed.
// - Destructive changes (delete, deactivate, disable, removing roles or tenants) on a real project
//   are asked first in a dialog (object name mgmtConfirm; its buttons mgmtConfirmGo and
//   mgmtConfirmCancel): nothing is sent unless the person confirms. The sandbox asks nothing: what
//   it deletes can be created again in one click.
// - A new project, and the area's end, drop the calls in flight: their answers reach nobody.

#include "ui/descope/DescopeContext.h"

#include "oidc/descope/ManagementApi.h"
#include "oidc/net/Http.h"

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>

class QWidget;

namespace oidc::descope {
class ManagementClient;
}

namespace ui {

namespace descope_area {
// The management area's name: its requests are labelled "Users & Tenants · …".
inline constexpr QStringView kManagement = u"Users & Tenants";
} // namespace descope_area

class AreaLabelTransport;
class RememberedSecret;

class ManagementConnection final : public QObject {
    Q_OBJECT
public:
    template <typename T>
    using Done = std::function<void(oidc::Result<T>)>;

    // Confirmation dialogs open over `dialogParent`. The area owns the connection and destroys it
    // before its pages, so no answer reaches a page that is going.
    ManagementConnection(DescopeContext &context, QWidget *dialogParent);
    ~ManagementConnection() override;

    [[nodiscard]] DescopeContext &context() const { return m_context; }
    // A Descope project profile: real users, real keys (not the sandbox).
    [[nodiscard]] bool isRealProject() const;
    [[nodiscard]] bool hasKey() const { return !key().isEmpty(); }
    // A project and a key: calls can be sent.
    [[nodiscard]] bool isReady() const { return m_context.hasProject() && hasKey(); }
    // Plain text: why calls cannot be sent now; empty when ready.
    [[nodiscard]] QString unavailableReason() const;
    // A real project's management key, typed by the person (SECRET; in memory unless remembered).
    void setTypedKey(const QString &key);
    // Keep the typed key in the secret store for this profile (off: removed from it). Off by
    // default: a management key can change every user of the project, and a keychain entry
    // outlives the session.
    void setRememberKey(bool remember);
    [[nodiscard]] bool remembersKey() const { return m_rememberKey; }
    [[nodiscard]] QString rememberNote() const;

    // A call that changes nothing (load, search).
    void read(const oidc::descope::ManagementCall &call, const QString &what, Done<oidc::Json> done);
    // A change. `confirm` non-empty: destructive, and on a real project that question is asked
    // first; `what` ("Delete user bob@example.com") names it in the dialog's button and the
    // status line. Declined: nothing is sent, `done` never runs, declined() says so. Without
    // `done`, the outcome reaches the page only through refused() / succeeded() / changed().
    void change(const oidc::descope::ManagementCall &call, const QString &what, const QString &confirm, Done<oidc::Json> done = {});
    // The access-key create: its cleartext comes back this once.
    void createAccessKey(const oidc::descope::ManagementCall &call, const QString &what, Done<oidc::descope::CreatedAccessKey> done);
    // Input the area refused before sending anything, shown like a refusal.
    void refuseInput(const QString &what, const oidc::Error &error);

    [[nodiscard]] bool isBusy() const { return !m_inFlight.empty(); }
    void cancelAll();

Q_SIGNALS:
    void readinessChanged();
    void keyForgotten(); // a new project: the typed key is gone
    void keyRestored(const QString &key); // the remembered key of this project, read back (SECRET)
    void busyChanged(bool busy);
    void refused(const QString &what, const oidc::Error &error);
    void succeeded(const QString &what); // a change went through
    void declined(const QString &what);  // a destructive change the person did not confirm
    void changed();                      // after a change went through: the lists reload

private:
    struct InFlight final {
        oidc::descope::ManagementClient *client = nullptr; // a child, deleted after its answer
        oidc::net::RequestHandle handle;
    };
    using Sender = std::function<oidc::net::RequestHandle(oidc::descope::ManagementClient &, quint64 ticket)>;

    [[nodiscard]] QString key() const;
    void followProject();
    void loadRememberedKey();
    void dispatch(const QString &what, Sender send);
    template <typename T>
    void finish(quint64 ticket, const QString &what, bool isChange, const Done<T> &done, oidc::Result<T> answer);
    void askFirst(const QString &what, const QString &question, std::function<void()> go);
    void dropInFlight();

    DescopeContext &m_context;
    QWidget *m_dialogParent;
    std::unique_ptr<AreaLabelTransport> m_transport;
    QString m_typedKey;     // SECRET
    QString m_projectKeyOf; // the project (ID and base) the typed key was given for
    RememberedSecret *m_remembered;
    bool m_rememberKey = false;
    std::map<quint64, InFlight> m_inFlight;
    quint64 m_lastTicket = 0;
};

} // namespace ui
