#pragma once

// An OAuth access token from the client credentials grant (RFC 6749 §4.4, §5.1): what the token
// response said (token type, the scope granted, expires_in), a live countdown to its expiry and,
// when the token is a JWT (Descope's are), its header and claims decoded with their explanations
// — read, not verified: an access token is for the API to verify (RFC 9068 §4). An opaque token
// says so. "Open in JWT Inspector" emits openInInspector; Copy puts the token (a secret) on the
// clipboard only when clicked.
//
// Object names with `name` = "cc": cc (this widget), ccSummary, ccCountdown, ccClaims, ccCopy,
// ccInspect.

#include "oidc/flow/TokenEndpoint.h"

#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace ui {

class ClaimTreeModel;
class ExpiryCountdown;

class AccessTokenView final : public QWidget {
    Q_OBJECT
public:
    explicit AccessTokenView(const QString &name, QWidget *parent = nullptr);

    void showTokens(const oidc::flow::TokenResponse &tokens);
    // Nothing shown; `placeholder` (plain text) says what will appear here.
    void clear(const QString &placeholder);

Q_SIGNALS:
    void openInInspector(const QString &token);

private:
    QLabel *m_summary;
    ExpiryCountdown *m_countdown;
    ClaimTreeModel *m_claims;
    QTreeView *m_tree;
    QPushButton *m_copy;
    QPushButton *m_inspect;
    QString m_token; // a secret: in memory only
};

} // namespace ui
