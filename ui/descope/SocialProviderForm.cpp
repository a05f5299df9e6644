#include "SocialProviderForm.h"

#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>

namespace ui {

using oidc::descope::OAuthOperation;

SocialProviderForm::SocialProviderForm(QWidget *parent)
    : QWidget(parent)
    , m_provider(new QComboBox)
    , m_operation(new QComboBox)
    , m_start(new QPushButton(QStringLiteral("Sign in with the provider")))
    , m_needsSession(typeLabel(Type::Caption, QStringLiteral("Adding a provider needs a signed-in session.")))
{
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    m_provider->setEditable(true);
    m_provider->setInsertPolicy(QComboBox::NoInsert);
    for (const std::string_view provider : oidc::descope::oauthProviders())
        m_provider->addItem(qs(provider));
    m_provider->setToolTip(QStringLiteral("The \"provider\" query parameter. The sandbox stands in for each of these; a Descope "
                                          "project may name custom providers, which can be typed."));
    m_operation->setObjectName(QStringLiteral("oauthOperationCombo"));
    m_operation->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_operation->setMinimumContentsLength(16);
    m_operation->addItem(QStringLiteral("Sign up or in · oauth/authorize"), static_cast<int>(OAuthOperation::SignUpOrIn));
    m_operation->addItem(QStringLiteral("Sign in · oauth/authorize/signin"), static_cast<int>(OAuthOperation::SignIn));
    m_operation->addItem(QStringLiteral("Sign up · oauth/authorize/signup"), static_cast<int>(OAuthOperation::SignUp));
    m_operation->addItem(QStringLiteral("Add to the signed-in user · …/update"), static_cast<int>(OAuthOperation::Update));
    m_operation->setToolTip(QStringLiteral("The start's variant. /update links the provider to the user of the app's current session "
                                           "(its refresh JWT is the bearer)."));
    m_start->setObjectName(QStringLiteral("socialStartButton"));
    m_start->setToolTip(QStringLiteral("Start: Descope answers the provider's page, the browser goes there, the redirect brings a "
                                       "code, the exchange turns it into the session."));
    m_needsSession->setObjectName(QStringLiteral("oauthUpdateNeedsSession"));
    m_needsSession->setToolTip(QStringLiteral("Adding a provider is done for the signed-in user: sign in first, here or in another area."));

    layout::attach(this, layout::form({{QStringLiteral("Provider"), m_provider},
                                       {QStringLiteral("Start"), layout::row({layout::Item(m_operation, 1), m_start}, {.margins = layout::kFlush})},
                                       {m_needsSession}},
                                      {.margins = layout::kFlush, .spacing = 6}));
    connect(m_start, &QPushButton::clicked, this, &SocialProviderForm::startRequested);
    connect(m_operation, &QComboBox::currentIndexChanged, this, &SocialProviderForm::updateStart);
    updateStart();
}

oidc::descope::OAuthStart SocialProviderForm::startRequest() const
{
    oidc::descope::OAuthStart start;
    start.provider = toStd(m_provider->currentText().trimmed());
    start.operation = static_cast<OAuthOperation>(m_operation->currentData().toInt());
    return start;
}

void SocialProviderForm::setReady(bool ready, bool hasSession)
{
    m_ready = ready;
    m_hasSession = hasSession;
    updateStart();
}

void SocialProviderForm::updateStart()
{
    const bool update = static_cast<OAuthOperation>(m_operation->currentData().toInt()) == OAuthOperation::Update;
    m_start->setEnabled(m_ready && (!update || m_hasSession));
    m_needsSession->setVisible(update && !m_hasSession);
    m_provider->setEnabled(m_ready);
    m_operation->setEnabled(m_ready);
}

} // namespace ui

#include "moc_SocialProviderForm.cpp"
