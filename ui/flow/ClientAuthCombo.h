#pragma once

// How the client authenticates at the token endpoint (RFC 6749 §2.3.1, OIDC Core §9): none (a
// public client), client_secret_basic or client_secret_post. The profile editor and the flow
// settings offer the same choice with this combo box.

#include "oidc/flow/TokenEndpoint.h"

#include <QComboBox>

namespace ui {

class ClientAuthCombo final : public QComboBox {
    Q_OBJECT
public:
    explicit ClientAuthCombo(const QString &name, QWidget *parent = nullptr);

    [[nodiscard]] oidc::flow::ClientAuthMethod method() const;
    void setMethod(oidc::flow::ClientAuthMethod method);
};

} // namespace ui
