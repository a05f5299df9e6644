#pragma once

// Where a code or link is sent (descope-api.md §6, §7): email, SMS, voice, WhatsApp. Magic links
// have no voice (core-js and the OpenAPI send none): that combo leaves it out.

#include "oidc/descope/PasswordlessStart.h"

#include <QComboBox>

namespace ui {

class DeliveryMethodCombo final : public QComboBox {
    Q_OBJECT
public:
    enum class Voice { Offered, Left };

    DeliveryMethodCombo(const QString &name, Voice voice, QWidget *parent = nullptr);

    [[nodiscard]] oidc::descope::DeliveryMethod method() const;
    // The method's words for a sentence: "email", "SMS", "a voice call", "WhatsApp".
    [[nodiscard]] static QString methodWords(oidc::descope::DeliveryMethod method);
};

} // namespace ui
