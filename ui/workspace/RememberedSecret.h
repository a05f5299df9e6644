#pragma once

// A secret a person chose to keep for the current profile (a Descope management key, an access
// key): in the app's secret store under "oidcplay/<workspace id>/<profile id>/<kind>"
// (secrets/SecretKey.h) — the OS keychain, or this session's memory when no keychain answers
// (FallbackSecretStore; the workspace pane's notice says so once). Never in the workspace file,
// never in QSettings. Everything is asynchronous, the GUI thread never waits: load() answers
// later, and an answer for a key that is no longer the current one (another profile, another
// workspace, a newer load) is dropped.
//
// Keeping a typed key is a choice ("Remember in the keychain", off by default): a management key
// can change every user of a real project, and a keychain entry outlives the session.

#include <QObject>
#include <QString>

#include <functional>

namespace ui {

class WorkspaceController;

class RememberedSecret final : public QObject {
    Q_OBJECT
public:
    RememberedSecret(WorkspaceController &workspace, QStringView kind, QObject *parent = nullptr);

    // The current profile's entry: `found` gets its value; not called when there is none. Asked
    // again when another workspace opens (its profiles are selected before its id is known).
    void load(std::function<void(const QString &value)> found);
    // Keeps `value` for the current profile (empty: forget()).
    void store(const QString &value);
    void forget();
    // Where a remembered secret goes, in one sentence for the checkbox's note.
    [[nodiscard]] QString storageNote() const;

private:
    [[nodiscard]] QString currentKey() const;

    WorkspaceController &m_workspace;
    QString m_kind;
    std::function<void(const QString &)> m_found; // the last load's
    quint64 m_generation = 0; // loads and writes since: an older load's answer is dropped
};

} // namespace ui
