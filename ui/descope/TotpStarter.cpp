#include "TotpStarter.h"

#include "ui/UiText.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/OtpCodeEdit.h"
#include "ui/descope/TotpCalculator.h"
#include "ui/descope/TotpEnrollmentView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include "oidc/descope/DescopeClient.h"

#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

using namespace oidc::descope;

namespace {

QGroupBox *totpGroup(const QString &title, QWidget *content)
{
    auto *box = new QGroupBox(title);
    layout::attach(box, layout::column({content}));
    return box;
}

} // namespace

TotpStarter::TotpStarter(DescopeContext &context, StarterSetup setup, QWidget *parent)
    : SignInStarter(context, std::move(setup), QStringLiteral("totp"), parent)
    , m_signUp(new QPushButton(QStringLiteral("Sign up")))
    , m_enrollment(new TotpEnrollmentView)
    , m_calculator(new TotpCalculator)
    , m_code(new OtpCodeEdit(QStringLiteral("totpCode")))
    , m_verify(new QPushButton(QStringLiteral("Verify")))
{
    m_signUp->setObjectName(QStringLiteral("totpSignUpButton"));
    m_signUp->setToolTip(QStringLiteral("POST /v1/auth/totp/signup: a new user's TOTP seed, as a QR code and a key. The user exists "
                                        "once a first code is verified."));
    m_verify->setObjectName(QStringLiteral("totpVerify"));
    m_verify->setDefault(true);
    const bool stepUp = this->setup().stepUp;
    m_signUp->setVisible(!stepUp);
    QWidget *enrollment = totpGroup(QStringLiteral("Enrolment"), m_enrollment);
    enrollment->setVisible(!stepUp);
    QLabel *calculatorNote = typeLabel(
        Type::Caption, stepUp ? QStringLiteral("No authenticator app at hand? Paste the key of this user's TOTP enrolment: the code is computed here.")
                              : QStringLiteral("No authenticator app at hand? The code of the key above, computed here as an app would."));

    layout::attach(this, layout::column({layout::form({{QStringLiteral("Login ID"), layout::row({layout::Item(loginIdEdit(), 1), m_signUp})}},
                                                      {.margins = layout::kFlush}),
                                         enrollment,
                                         totpGroup(QStringLiteral("Built-in authenticator (RFC 6238)"),
                                                   layout::widget(layout::column({calculatorNote, m_calculator}, {.margins = layout::kFlush}))),
                                         layout::form({{QStringLiteral("Code"), layout::row({m_code, m_verify, cancelButton(), layout::Stretch{}})}},
                                                      {.margins = layout::kFlush}),
                                         statusLabel(), layout::Stretch{}},
                                        {.margins = layout::kFlush, .spacing = 8}));

    connect(m_signUp, &QPushButton::clicked, this, &TotpStarter::signUp);
    connect(m_verify, &QPushButton::clicked, this, &TotpStarter::verify);
    connect(m_code, &QLineEdit::returnPressed, this, &TotpStarter::verify);
    connect(m_code, &QLineEdit::textChanged, this, &TotpStarter::updateControls);
    connect(m_calculator, &TotpCalculator::useCode, this, [this](const QString &code) {
        m_code->setText(code);
        m_verify->setFocus();
    });
    updateControls();
}

void TotpStarter::signUp()
{
    m_enrollment->clear();
    requestCall<TotpEnrollment>(
        QStringLiteral("TOTP sign-up"), QStringLiteral("Asking for a TOTP seed…"),
        [loginId = typedLoginId()](DescopeClient &descope, DescopeClient::Callback<TotpEnrollment> done) {
            return descope.signUpTotp(loginId, SignUpUser{}, std::move(done));
        },
        [this](const TotpEnrollment &enrollment) {
            m_enrollment->setEnrollment(enrollment);
            m_calculator->setKey(qs(enrollment.key));
            setStatus(QStringLiteral("Enrolled: add the key to an authenticator app (or use the built-in one), then verify its current "
                                     "code. The user is created by that first code."),
                      Tone::Neutral);
            m_code->setFocus();
        });
}

void TotpStarter::verify()
{
    if (m_code->text().isEmpty() || isBusy())
        return;
    const QString what = QStringLiteral("TOTP verify");
    auto options = signInOptions(what);
    if (!options)
        return;
    signInCall(what, QStringLiteral("Verifying the code…"),
               [loginId = typedLoginId(), code = toStd(m_code->text()),
                options = *options](DescopeClient &descope, DescopeClient::SessionCallback done) {
                   return descope.verifyTotp(loginId, code, options, std::move(done));
               });
}

void TotpStarter::updateControls()
{
    const bool busy = isBusy();
    const bool ready = !busy && context().hasProject() && !loginId().isEmpty();
    m_signUp->setEnabled(ready);
    m_verify->setEnabled(ready && !m_code->text().isEmpty());
    cancelButton()->setVisible(busy);
}

void TotpStarter::resetForProject()
{
    m_enrollment->clear();
    m_code->clear();
}

} // namespace ui

#include "moc_TotpStarter.cpp"
