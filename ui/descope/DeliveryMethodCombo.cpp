#include "DeliveryMethodCombo.h"

namespace ui {

using oidc::descope::DeliveryMethod;

DeliveryMethodCombo::DeliveryMethodCombo(const QString &name, Voice voice, QWidget *parent)
    : QComboBox(parent)
{
    setObjectName(name);
    addItem(QStringLiteral("Email"), static_cast<int>(DeliveryMethod::Email));
    addItem(QStringLiteral("SMS"), static_cast<int>(DeliveryMethod::Sms));
    if (voice == Voice::Offered)
        addItem(QStringLiteral("Voice"), static_cast<int>(DeliveryMethod::Voice));
    addItem(QStringLiteral("WhatsApp"), static_cast<int>(DeliveryMethod::WhatsApp));
    setToolTip(QStringLiteral("Where Descope sends it: the path's last part (…/email, …/sms, …/voice, …/whatsapp)"));
}

DeliveryMethod DeliveryMethodCombo::method() const
{
    return static_cast<DeliveryMethod>(currentData().toInt());
}

QString DeliveryMethodCombo::methodWords(DeliveryMethod method)
{
    switch (method) {
    case DeliveryMethod::Email: return QStringLiteral("email");
    case DeliveryMethod::Sms: return QStringLiteral("SMS");
    case DeliveryMethod::Voice: return QStringLiteral("a voice call");
    case DeliveryMethod::WhatsApp: return QStringLiteral("WhatsApp");
    }
    return {};
}

} // namespace ui

#include "moc_DeliveryMethodCombo.cpp"
