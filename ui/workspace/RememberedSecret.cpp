#include "RememberedSecret.h"

#include "ui/flow/ProfileManager.h"
#include "ui/workspace/WorkspaceController.h"

#include "secrets/FallbackSecretStore.h"
#include "secrets/SecretKey.h"

#include <utility>

namespace ui {

RememberedSecret::RememberedSecret(WorkspaceController &workspace, QStringView kind, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_kind(kind.toString())
{
    connect(&m_workspace, &WorkspaceController::opened, this, [this] {
        if (m_found)
            load(m_found);
    });
}

QString RememberedSecret::currentKey() const
{
    return secrets::secretKey(m_workspace.id(), m_workspace.profiles().currentId(), m_kind);
}

void RememberedSecret::load(std::function<void(const QString &value)> found)
{
    m_found = found;
    const QString key = currentKey();
    const quint64 generation = ++m_generation;
    m_workspace.secretStore().read(key, this, [this, key, generation, found = std::move(found)](const secrets::SecretAnswer &answer) {
        if (generation != m_generation || key != currentKey())
            return; // asked for another profile or workspace, or written since
        if (answer.outcome == secrets::SecretAnswer::Outcome::Ok && !answer.value.isEmpty())
            found(answer.value);
    });
}

void RememberedSecret::store(const QString &value)
{
    if (value.isEmpty()) {
        forget();
        return;
    }
    ++m_generation; // what is written now wins over a load still on its way
    m_workspace.secretStore().write(currentKey(), value, this, [](const secrets::SecretAnswer &) {});
}

void RememberedSecret::forget()
{
    ++m_generation;
    m_workspace.secretStore().remove(currentKey(), this, [](const secrets::SecretAnswer &) {});
}

QString RememberedSecret::storageNote() const
{
    if (m_workspace.secretStore().state() == secrets::FallbackSecretStore::State::MemoryOnly)
        return tr("No keychain answered: remembered for this session only, never in the workspace file.");
    return tr("Kept in the OS keychain for this workspace and profile, never in the workspace file.");
}

} // namespace ui

#include "moc_RememberedSecret.cpp"
