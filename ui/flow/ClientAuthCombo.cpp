#include "ClientAuthCombo.h"

namespace ui {

using oidc::flow::ClientAuthMethod;

ClientAuthCombo::ClientAuthCombo(const QString &name, QWidget *parent)
    : QComboBox(parent)
{
    setObjectName(name);
    addItem(QStringLiteral("none (public client)"), static_cast<int>(ClientAuthMethod::None));
    addItem(QStringLiteral("client_secret_basic"), static_cast<int>(ClientAuthMethod::ClientSecretBasic));
    addItem(QStringLiteral("client_secret_post"), static_cast<int>(ClientAuthMethod::ClientSecretPost));
}

ClientAuthMethod ClientAuthCombo::method() const
{
    return static_cast<ClientAuthMethod>(currentData().toInt());
}

void ClientAuthCombo::setMethod(ClientAuthMethod method)
{
    setCurrentIndex(findData(static_cast<int>(method)));
}

} // namespace ui

#include "moc_ClientAuthCombo.cpp"
