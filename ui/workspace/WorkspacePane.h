#pragma once

// Under the area list, what the app shows first: the open workspace (its name, * for unsaved
// changes, its file as a tooltip), the notice when no keychain answered and secrets are kept in
// memory only, and "Recent workspaces" — a click asks the window to open one (it asks about
// unsaved changes first).

#include <QWidget>

class QLabel;
class QListWidget;

namespace ui {

class WorkspaceController;

class WorkspacePane final : public QWidget {
    Q_OBJECT
public:
    explicit WorkspacePane(WorkspaceController &workspace, QWidget *parent = nullptr);

Q_SIGNALS:
    void openRequested(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    [[nodiscard]] static QString noKeychainText();
    void showState();
    void showRecent();
    // The recent list as tall as its rows (at most five), so the area list above keeps the room.
    void fitRecentList();
    void showSecretsState();

    WorkspaceController &m_workspace;
    QLabel *m_current;
    QLabel *m_keychainNotice;
    QListWidget *m_recent;
};

} // namespace ui
