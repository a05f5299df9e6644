#pragma once

// The session's tokens: the access, ID and refresh tokens decoded (ClaimTreeModel), live
// countdowns to their expiry (ExpiryCountdown), "Open in JWT Inspector", the UserInfo claims, and
// an optional automatic refresh at 80 % of the access token's lifetime that stops after the
// first failure (it never loops). When new tokens are refused, the earlier good session stays
// shown under a banner that says so.

#include "oidc/flow/FlowSession.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeView;

namespace ui {

class CheckListView;
class ClaimTreeModel;
class ExpiryCountdown;
class TabbedPages;

class TokensPanel final : public QWidget {
    Q_OBJECT
public:
    enum class Token { Id, Access, Refresh };
    static constexpr double kAutoRefreshFraction = 0.8;

    explicit TokensPanel(QWidget *parent = nullptr);

    void setSession(const std::optional<oidc::flow::TokenSession> &session);
    [[nodiscard]] bool hasSession() const { return m_session.has_value(); }
    [[nodiscard]] QString token(Token which) const;
    // The token of the tab shown (ID, access or refresh); empty on another tab or without one.
    [[nodiscard]] QString selectedToken() const;

    // "New tokens refused: …" above the earlier session (or above nothing).
    void showRefused(const oidc::Error &error, bool earlierSessionKept);
    void clearBanner();

    // Automatic refresh.
    void setAutoRefreshEnabled(bool enabled);
    [[nodiscard]] bool isAutoRefreshEnabled() const;
    [[nodiscard]] bool isAutoRefreshScheduled() const { return m_autoTimer.isActive(); }
    [[nodiscard]] qint64 autoRefreshDueAt() const { return m_autoDueAt; } // Unix seconds, 0 when none
    // What the flow page reports back; a failure turns automatic refresh off.
    void autoRefreshFinished(bool ok, const QString &message);
    // The flow was busy when the refresh was due: try again shortly.
    void autoRefreshPostponed();

public Q_SLOTS:
    void refreshDueNow(); // the timer's slot: emits autoRefreshDue()

Q_SIGNALS:
    void openInInspector(const QString &token);
    void autoRefreshDue();

private:
    struct TokenView final {
        ClaimTreeModel *model = nullptr;
        QTreeView *tree = nullptr;
        ExpiryCountdown *countdown = nullptr;
        QLabel *summary = nullptr;
        QPushButton *inspect = nullptr;
        QPushButton *copy = nullptr;
        QString token;
        std::optional<int64_t> fallbackIssued; // what the countdown was given besides the token
        std::optional<int64_t> fallbackExpiry;
    };

    QWidget *buildTokenTab(TokenView &view, const QString &name);
    // False when `view` shows `token` already (and was left as it was).
    bool showToken(TokenView &view, const QString &token, std::optional<int64_t> fallbackIssued, std::optional<int64_t> fallbackExpiry,
                   const QString &missing);
    void scheduleAutoRefresh();
    TokenView &view(Token which);
    [[nodiscard]] const TokenView &view(Token which) const;

    QLabel *m_banner;
    QLabel *m_sessionLabel;
    TabbedPages *m_tabs;
    TokenView m_id;
    TokenView m_access;
    TokenView m_refresh;
    QPlainTextEdit *m_userInfo;
    CheckListView *m_checks; // the session's ID-token checks
    QCheckBox *m_autoCheck;
    QLabel *m_autoStatus;
    QTimer m_autoTimer;
    qint64 m_autoDueAt = 0;
    QString m_lastAutoResult; // "Refreshed automatically at …", shown before the next schedule
    std::optional<oidc::flow::TokenSession> m_session;
};

} // namespace ui
