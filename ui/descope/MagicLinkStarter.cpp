#include "MagicLinkStarter.h"

#include "ui/Presentation.h"
#include "ui/UiText.h"
#include "ui/descope/DeliveryMethodCombo.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/PanelInbox.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include "oidc/descope/DescopeClient.h"
#include "oidc/descope/DescopeNarration.h"
#include "oidc/descope/MagicLinkApi.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

using namespace oidc::descope;

MagicLinkStarter::MagicLinkStarter(DescopeContext &context, StarterSetup setup, QWidget *parent)
    : SignInStarter(context, std::move(setup), QStringLiteral("magicLink"), parent)
    , m_method(new DeliveryMethodCombo(QStringLiteral("magicLinkMethod"), DeliveryMethodCombo::Voice::Left))
    , m_uri(new QLineEdit)
    , m_signUp(new QCheckBox(QStringLiteral("Sign up if new")))
    , m_start(new QPushButton(QStringLiteral("Send link")))
    , m_masked(typeLabel(Type::Caption))
    , m_token(new QLineEdit)
    , m_tokenNote(typeLabel(Type::Caption))
    , m_verify(new QPushButton(QStringLiteral("Verify")))
    , m_inbox(new PanelInbox(context, {QStringLiteral("magic-link")}))
{
    m_uri->setObjectName(QStringLiteral("magicLinkUri"));
    m_uri->setPlaceholderText(QStringLiteral("where the link leads, e.g. https://app.example.com/verify (empty: the project's setting)"));
    m_uri->setClearButtonEnabled(true);
    m_signUp->setObjectName(QStringLiteral("magicLinkSignUp"));
    m_signUp->setToolTip(QStringLiteral("POST …/magiclink/signup-in/<method>: a login ID nobody has yet becomes a new user"));
    m_signUp->setVisible(!this->setup().stepUp);
    m_start->setObjectName(QStringLiteral("magicLinkStart"));
    m_masked->setObjectName(QStringLiteral("magicLinkMasked"));
    m_token->setObjectName(QStringLiteral("magicLinkToken"));
    m_token->setFont(monospaceFont());
    m_token->setPlaceholderText(QStringLiteral("paste the whole link (…?t=…) or just its token"));
    m_token->setClearButtonEnabled(true);
    // A link's token signs the user in once: it is a secret while it is unused.
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_tokenNote->setObjectName(QStringLiteral("magicLinkTokenNote"));
    m_verify->setObjectName(QStringLiteral("magicLinkVerify"));
    m_verify->setDefault(true);
    m_inbox->setObjectName(QStringLiteral("magicLinkInbox"));
    m_inbox->setLinkAction(QStringLiteral("Verify"));

    layout::attach(this, layout::column({layout::form({{QStringLiteral("Send by"), layout::row({m_method, m_signUp, layout::Stretch{}})},
                                                       {QStringLiteral("Login ID"), layout::row({layout::Item(loginIdEdit(), 1), m_start})},
                                                       {QStringLiteral("Redirect URI"), m_uri},
                                                       {QStringLiteral("Link or token"), layout::row({layout::Item(m_token, 1), m_verify, cancelButton()})},
                                                       {QString(), m_tokenNote}},
                                                      {.margins = layout::kFlush}),
                                         m_masked, statusLabel(), m_inbox},
                                        {.margins = layout::kFlush, .spacing = 8}));

    connect(m_start, &QPushButton::clicked, this, &MagicLinkStarter::start);
    connect(m_verify, &QPushButton::clicked, this, &MagicLinkStarter::verify);
    connect(m_token, &QLineEdit::returnPressed, this, &MagicLinkStarter::verify);
    connect(m_token, &QLineEdit::textChanged, this, &MagicLinkStarter::tokenEdited);
    followLoginId(m_inbox);
    connect(m_inbox, &PanelInbox::linkChosen, this, [this](const QUrl &url) {
        m_token->setText(url.toString(QUrl::FullyEncoded));
        verify();
    });
    tokenEdited();
}

void MagicLinkStarter::start()
{
    const QString what = QStringLiteral("Magic link start");
    auto options = signInOptions(what);
    if (!options)
        return;
    PasswordlessStart start = passwordlessStart(m_signUp->isChecked(), std::move(*options));
    start.redirectUrl = toStd(m_uri->text().trimmed());
    const DeliveryMethod method = m_method->method();
    m_masked->clear();
    Presentation::narrate(oidc::descope::descopeNarration(oidc::descope::DescopeMove::MagicLinkStart));
    requestCall<MaskedAddress>(
        what, QStringLiteral("Sending a link by %1…").arg(DeliveryMethodCombo::methodWords(method)),
        [method, start](DescopeClient &descope, DescopeClient::Callback<MaskedAddress> done) {
            return descope.startMagicLink(method, start, std::move(done));
        },
        [this, method](const MaskedAddress &masked) {
            m_masked->setText(QStringLiteral("Link sent by %1 to %2. Paste it (or its token) above, or verify it from the inbox below.")
                                  .arg(DeliveryMethodCombo::methodWords(method), qs(masked.masked())));
            setStatus({}, Tone::Neutral);
            m_token->setFocus();
        });
}

void MagicLinkStarter::verify()
{
    if (isBusy())
        return;
    const QString what = QStringLiteral("Magic link verify");
    auto token = linkToken(toStd(m_token->text()));
    if (!token) {
        Q_EMIT refused(what, token.error());
        return;
    }
    Presentation::narrate(oidc::descope::descopeNarration(oidc::descope::DescopeMove::MagicLinkVerify));
    signInCall(what, QStringLiteral("Verifying the link's token…"),
               [token = *token](DescopeClient &descope, DescopeClient::SessionCallback done) {
                   return descope.verifyMagicLink(token, std::move(done));
               });
}

void MagicLinkStarter::tokenEdited()
{
    const QString text = m_token->text().trimmed();
    if (text.isEmpty()) {
        m_tokenNote->setText(QStringLiteral("The link carries its token in the t parameter (…?t=<token>); verifying it signs in once."));
    } else if (auto token = linkToken(toStd(text))) {
        const bool wholeLink = qs(*token) != text;
        m_tokenNote->setText(wholeLink ? QStringLiteral("A link: its t parameter is the token (%1 characters).").arg(token->size())
                                       : QStringLiteral("A token (%1 characters).").arg(token->size()));
    } else {
        m_tokenNote->setText(errorText(token.error()));
    }
    updateControls();
}

void MagicLinkStarter::updateControls()
{
    const bool busy = isBusy();
    const bool project = context().hasProject();
    m_start->setEnabled(!busy && project && !loginId().isEmpty());
    m_verify->setEnabled(!busy && project && !m_token->text().trimmed().isEmpty());
    cancelButton()->setVisible(busy);
}

void MagicLinkStarter::resetForProject()
{
    m_masked->clear();
    m_token->clear();
}

} // namespace ui

#include "moc_MagicLinkStarter.cpp"
