#pragma once

// The credentials the built-in sandbox offers to try the M2M area with (SandboxServer::describe():
// its confidential OIDC clients and its access keys, sandbox-only secrets), read on the sandbox's
// thread and handed back to the GUI thread (SandboxHost::call). Panels fill their fields from
// them in one click; the secrets stay in memory.

#include "oidc/Json.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace sandbox {
class SandboxHost;
}

namespace ui {

struct SandboxCredential final {
    enum class Kind { ConfidentialClient, AccessKey };
    Kind kind = Kind::AccessKey;
    QString id;     // the client ID, or the access key's ID
    QString name;   // "Confidential client (client credentials)", "m2m-reader"
    QString secret; // the client secret, or the access key itself
    QStringList roles;
};

// The confidential clients, then the access keys, of a describe() document.
[[nodiscard]] QList<SandboxCredential> sandboxCredentials(const oidc::Json &described);

// Reads them from the running sandbox; `done` runs on `context`'s thread, never after it is gone.
void fetchSandboxCredentials(sandbox::SandboxHost &host, QObject *context, std::function<void(QList<SandboxCredential>)> done);

} // namespace ui
