#include "ExpectedClaimsForm.h"

#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace ui {

namespace {

QLineEdit *expectedEdit(const QString &name, const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

std::optional<std::string> optionalText(const QLineEdit *edit)
{
    const QString text = edit->text().trimmed();
    return text.isEmpty() ? std::nullopt : std::optional<std::string>(toStd(text));
}

} // namespace

ExpectedClaimsForm::ExpectedClaimsForm(QWidget *parent)
    : QWidget(parent)
    , m_issuer(expectedEdit(QStringLiteral("issuerEdit"), QStringLiteral("the provider's issuer, exactly (iss)")))
    , m_audience(expectedEdit(QStringLiteral("audienceEdit"), QStringLiteral("your client_id (aud)")))
    , m_nonce(expectedEdit(QStringLiteral("nonceEdit"), QStringLiteral("the nonce sent in the authorization request")))
    , m_leeway(new QSpinBox)
{
    setObjectName(QStringLiteral("expectedClaimsForm"));
    m_leeway->setObjectName(QStringLiteral("leewaySpin"));
    m_leeway->setRange(0, 600);
    m_leeway->setValue(kDefaultLeewaySeconds);
    m_leeway->setSuffix(QStringLiteral(" s"));
    m_leeway->setToolTip(QStringLiteral("Clock skew allowed for exp, nbf, iat and auth_time"));
    m_leeway->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_leeway->setMinimumWidth(90);

    layout::attach(this, layout::form({
                             {QStringLiteral("Issuer"), m_issuer},
                             {QStringLiteral("Audience"), m_audience},
                             {QStringLiteral("Nonce"), m_nonce},
                             {QStringLiteral("Leeway"), m_leeway},
                             {typeLabel(Type::Caption, QStringLiteral("An empty field skips its check (SKIP in the results): an ID "
                                                                      "token's iss, aud and nonce must be checked (OIDC Core §3.1.3.7)."))},
                         }));
}

oidc::jwt::ClaimCheckOptions ExpectedClaimsForm::options() const
{
    oidc::jwt::ClaimCheckOptions options;
    options.issuer = optionalText(m_issuer);
    options.audience = optionalText(m_audience);
    options.nonce = optionalText(m_nonce);
    options.leewaySeconds = m_leeway->value();
    return options;
}

} // namespace ui

#include "moc_ExpectedClaimsForm.cpp"
