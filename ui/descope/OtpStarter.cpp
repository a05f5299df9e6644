#include "OtpStarter.h"

#include "ui/Presentation.h"
#include "ui/UiText.h"
#include "ui/descope/DeliveryMethodCombo.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/OtpCodeEdit.h"
#include "ui/descope/PanelInbox.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include "oidc/descope/DescopeClient.h"
#include "oidc/descope/DescopeNarration.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

using namespace oidc::descope;

OtpStarter::OtpStarter(DescopeContext &context, StarterSetup setup, QWidget *parent)
    : SignInStarter(context, std::move(setup), QStringLiteral("otp"), parent)
    , m_method(new DeliveryMethodCombo(QStringLiteral("otpMethod"), DeliveryMethodCombo::Voice::Offered))
    , m_signUp(new QCheckBox(QStringLiteral("Sign up if new")))
    , m_start(new QPushButton(QStringLiteral("Send code")))
    , m_masked(typeLabel(Type::Caption))
    , m_code(new OtpCodeEdit(QStringLiteral("otpCode")))
    , m_verify(new QPushButton(QStringLiteral("Verify")))
    , m_inbox(new PanelInbox(context, {QStringLiteral("otp")}))
{
    m_signUp->setObjectName(QStringLiteral("otpSignUp"));
    m_signUp->setToolTip(QStringLiteral("POST …/otp/signup-in/<method>: a login ID nobody has yet becomes a new user"));
    m_signUp->setVisible(!this->setup().stepUp);
    m_start->setObjectName(QStringLiteral("otpStart"));
    m_masked->setObjectName(QStringLiteral("otpMasked"));
    m_verify->setObjectName(QStringLiteral("otpVerify"));
    m_verify->setDefault(true);
    m_inbox->setObjectName(QStringLiteral("otpInbox"));
    m_inbox->setCodeAction(QStringLiteral("Fill"));

    layout::attach(this, layout::column({layout::form({{QStringLiteral("Send by"), layout::row({m_method, m_signUp, layout::Stretch{}})},
                                                       {QStringLiteral("Login ID"), layout::row({layout::Item(loginIdEdit(), 1), m_start})},
                                                       {QStringLiteral("Code"), layout::row({m_code, m_verify, cancelButton(), layout::Stretch{}})}},
                                                      {.margins = layout::kFlush}),
                                         m_masked, statusLabel(), m_inbox},
                                        {.margins = layout::kFlush, .spacing = 8}));

    connect(m_start, &QPushButton::clicked, this, &OtpStarter::start);
    connect(m_verify, &QPushButton::clicked, this, &OtpStarter::verify);
    connect(m_code, &QLineEdit::returnPressed, this, &OtpStarter::verify);
    connect(m_code, &QLineEdit::textChanged, this, &OtpStarter::updateControls);
    followLoginId(m_inbox);
    connect(m_inbox, &PanelInbox::codeChosen, this, [this](const QString &code) {
        m_code->setText(code);
        m_verify->setFocus();
    });
    updateControls();
}

void OtpStarter::start()
{
    const QString what = QStringLiteral("OTP start");
    auto options = signInOptions(what);
    if (!options)
        return;
    const PasswordlessStart start = passwordlessStart(m_signUp->isChecked(), std::move(*options));
    const DeliveryMethod method = m_method->method();
    m_masked->clear();
    m_code->clear();
    m_startedMethod.reset();
    Presentation::narrate(oidc::descope::descopeNarration(oidc::descope::DescopeMove::OtpStart));
    requestCall<MaskedAddress>(
        what, QStringLiteral("Sending a code by %1…").arg(DeliveryMethodCombo::methodWords(method)),
        [method, start](DescopeClient &descope, DescopeClient::Callback<MaskedAddress> done) {
            return descope.startOtp(method, start, std::move(done));
        },
        [this, method, loginId = start.loginId](const MaskedAddress &masked) {
            m_startedMethod = method;
            m_startedLoginId = loginId;
            m_masked->setText(QStringLiteral("Code sent by %1 to %2. Type it, paste it, or fill it from the inbox below.")
                                  .arg(DeliveryMethodCombo::methodWords(method), qs(masked.masked())));
            setStatus({}, Tone::Neutral);
            m_code->setFocus();
            updateControls();
        });
}

void OtpStarter::verify()
{
    if (!m_startedMethod || m_code->text().isEmpty() || isBusy())
        return;
    Presentation::narrate(oidc::descope::descopeNarration(oidc::descope::DescopeMove::OtpVerify));
    signInCall(QStringLiteral("OTP verify"), QStringLiteral("Verifying the code…"),
               [method = *m_startedMethod, loginId = m_startedLoginId,
                code = toStd(m_code->text())](DescopeClient &descope, DescopeClient::SessionCallback done) {
                   return descope.verifyOtp(method, loginId, code, std::move(done));
               });
}

void OtpStarter::updateControls()
{
    const bool busy = isBusy();
    const bool project = context().hasProject();
    m_start->setEnabled(!busy && project && !loginId().isEmpty());
    m_verify->setEnabled(!busy && project && m_startedMethod && !m_code->text().isEmpty());
    m_code->setEnabled(m_startedMethod.has_value());
    cancelButton()->setVisible(busy);
}

void OtpStarter::resetForProject()
{
    m_startedMethod.reset();
    m_startedLoginId.clear();
    m_masked->clear();
    m_code->clear();
}

} // namespace ui

#include "moc_OtpStarter.cpp"
