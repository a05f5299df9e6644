#pragma once

// The provider area at the top of the main window. Attached to the app (attach()), it lists the
// provider profiles — the built-in sandbox first, with its base URL, its status and Stop /
// Restart / Reset, then Descope projects, OIDC issuers and endpoints typed by hand — and opens the
// profile editor. While the sandbox runs, its management key is shown too, masked (redactSecret),
// with Reveal — a checkable button that shows it in full until unchecked, the sandbox restarts or
// another provider is chosen — and Copy, which copies the full key without revealing it. It is a
// sandbox-only secret, yet it opens the whole management API, so it is never shown by default.
// Object names: providerMgmtKey, providerMgmtKeyReveal, providerMgmtKeyCopy. Unattached (tests of the bare window) it stays an honest, empty placeholder
// that setProfiles() can fill.

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;

namespace ui {

class AppContext;

class ProviderBar final : public QWidget {
    Q_OBJECT
public:
    explicit ProviderBar(QWidget *parent = nullptr);

    // Binds the bar to the app's profiles and sandbox.
    void attach(AppContext *context);
    [[nodiscard]] AppContext *context() const { return m_context; }

    // Replaces the profiles offered; an empty list restores the "none yet" state.
    void setProfiles(const QStringList &names);
    void setStatus(const QString &text);

public Q_SLOTS:
    void openProfileEditor();

Q_SIGNALS:
    void profileChanged(const QString &name);

private:
    void reloadProfiles();
    void updateStatus();
    void setSelectable(bool selectable);
    void updateManagementKey();

    AppContext *m_context = nullptr; // not owned; outlives the window
    QComboBox *m_combo;
    QLabel *m_dot;
    QLabel *m_status;
    QPushButton *m_stopButton;
    QPushButton *m_restartButton;
    QPushButton *m_resetButton;
    QPushButton *m_editButton;
    QLabel *m_mgmtKey;
    QToolButton *m_mgmtReveal;
    QToolButton *m_mgmtCopy;
    bool m_reloading = false;
};

} // namespace ui
