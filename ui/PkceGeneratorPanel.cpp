#include "PkceGeneratorPanel.h"

#include "ui/CopyableField.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/ToneLabel.h"

#include "oidc/Async.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace ui {

namespace {

PkceGeneratorPanel::Generated generateValues(oidc::PkceMethod method, int length)
{
    PkceGeneratorPanel::Generated generated;
    auto pkce = oidc::generatePkce(method, length);
    auto state = oidc::generateState();
    auto nonce = oidc::generateNonce();
    if (!pkce)
        generated.error = errorText(pkce.error());
    else if (!state)
        generated.error = errorText(state.error());
    else if (!nonce)
        generated.error = errorText(nonce.error());
    else {
        generated.verifier = qs(pkce->codeVerifier);
        generated.state = qs(*state);
        generated.nonce = qs(*nonce);
    }
    return generated;
}

PkceGeneratorPanel::Steps computeSteps(const std::string &generatedVerifier, const std::string &verifier, oidc::PkceMethod method)
{
    PkceGeneratorPanel::Steps steps;
    if (!generatedVerifier.empty()) {
        auto challenge = oidc::pkceChallenge(generatedVerifier, method);
        steps.generatedChallenge = challenge ? qs(*challenge) : errorText(challenge.error());
    }
    steps.verifier = qs(verifier);
    if (verifier.empty()) {
        steps.validationError = QStringLiteral("Type or paste a code_verifier to see its challenge.");
        return steps;
    }
    if (auto valid = oidc::validateCodeVerifier(verifier); !valid)
        steps.validationError = errorText(valid.error());
    // The steps are shown even for an invalid verifier, so they can be compared with another
    // implementation; the validation error says why a server would refuse it.
    if (method == oidc::PkceMethod::S256) {
        const std::string digest = oidc::crypto::sha256(verifier);
        steps.sha256Hex = qs(oidc::crypto::hexEncode(digest));
        steps.challenge = qs(oidc::crypto::base64UrlEncode(digest));
    } else {
        steps.challenge = qs(verifier);
    }
    return steps;
}

QGroupBox *group(const QString &title, const QString &name, QLayout *layout)
{
    auto *box = new QGroupBox(title);
    box->setObjectName(name);
    box->setLayout(layout);
    return box;
}

// A request parameter's name as it goes on the wire, with what it is for as its tooltip.
QLabel *parameterName(const QString &name, const QString &toolTip)
{
    QLabel *label = plainLabel(name);
    label->setFont(monospaceFont());
    label->setToolTip(toolTip);
    return label;
}

QLabel *stepNumber(int n)
{
    QLabel *label = plainLabel(QString::number(n));
    label->setAlignment(Qt::AlignCenter);
    // A disc sized in em: it grows with the font (the font size preference re-applies the style).
    setBox(label, Box::Badge, QStringLiteral("min-width: 1.7em; max-width: 1.7em; min-height: 1.7em; max-height: 1.7em; "
                                             "border-radius: 0.85em; font-weight: 600;"));
    return label;
}

} // namespace

PkceGeneratorPanel::PkceGeneratorPanel(QWidget *parent)
    : QWidget(parent)
    , m_methodCombo(new QComboBox)
    , m_lengthSpin(new QSpinBox)
    , m_regenerateButton(new QPushButton(QStringLiteral("Regenerate")))
    , m_plainWarning(toneLabel(QStringLiteral("plainWarningLabel"), Tone::Bad))
    , m_generationError(toneLabel(QStringLiteral("generationErrorLabel"), Tone::Bad))
    , m_verifierField(new CopyableField(QStringLiteral("codeVerifier")))
    , m_challengeField(new CopyableField(QStringLiteral("codeChallenge")))
    , m_methodValue(new CopyableField(QStringLiteral("codeChallengeMethod")))
    , m_stateField(new CopyableField(QStringLiteral("state")))
    , m_nonceField(new CopyableField(QStringLiteral("nonce")))
    , m_requestField(new CopyableField(QStringLiteral("requestParameters")))
    , m_ownVerifierEdit(new QLineEdit)
    , m_ownLengthLabel(plainLabel(QString()))
    , m_verifierStatus(plainLabel(QString()))
    , m_hashCaption(plainLabel(QString()))
    , m_sha256Edit(readOnlyLine(QStringLiteral("sha256HexEdit")))
    , m_challengeCaption(plainLabel(QString()))
    , m_computedChallengeEdit(readOnlyLine(QStringLiteral("computedChallengeEdit")))
{
    setObjectName(QStringLiteral("pkceGeneratorPanel"));
    auto *header = new PanelHeader(
        Type::Title, QStringLiteral("PKCE Generator"),
        QStringLiteral("Proof Key for Code Exchange (RFC 7636) binds an authorization code to the client that asked for it: the client "
                       "sends code_challenge with the authorization request, then proves it knows the code_verifier in the token "
                       "request. state and nonce bind the response and the ID token to the same request."));
    QWidget *content = layout::widget(layout::column({header, buildParameters(), buildGeneratedValues(), buildSteps(), layout::Stretch{}},
                                                     {.margins = QMargins(18, 14, 18, 14), .spacing = 10}));
    content->setObjectName(QStringLiteral("pkceContent"));
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    layout::attach(this, layout::column({scroll}, {.margins = layout::kFlush}));

    connect(m_regenerateButton, &QPushButton::clicked, this, &PkceGeneratorPanel::regenerate);
    connect(m_lengthSpin, &QSpinBox::valueChanged, this, &PkceGeneratorPanel::regenerate);
    connect(m_methodCombo, &QComboBox::currentIndexChanged, this, [this] {
        // Same verifier, new method: only the challenge changes.
        updateMethodWarning();
        recomputeSteps();
    });
    connect(m_ownVerifierEdit, &QLineEdit::textChanged, this, &PkceGeneratorPanel::recomputeSteps);

    updateMethodWarning();
    regenerate();
}

QWidget *PkceGeneratorPanel::buildParameters()
{
    m_methodCombo->setObjectName(QStringLiteral("pkceMethodCombo"));
    m_methodCombo->addItem(QStringLiteral("S256"), static_cast<int>(oidc::PkceMethod::S256));
    m_methodCombo->addItem(QStringLiteral("plain"), static_cast<int>(oidc::PkceMethod::Plain));
    m_methodCombo->setToolTip(QStringLiteral("code_challenge_method (RFC 7636 §4.3)"));
    m_lengthSpin->setObjectName(QStringLiteral("verifierLengthSpin"));
    m_lengthSpin->setRange(oidc::kMinVerifierLength, oidc::kMaxVerifierLength);
    m_lengthSpin->setValue(oidc::kDefaultVerifierLength);
    m_lengthSpin->setSuffix(QStringLiteral(" characters"));
    m_lengthSpin->setToolTip(QStringLiteral("RFC 7636 §4.1: 43 to 128 characters; 43 is base64url of 32 random bytes"));
    m_regenerateButton->setObjectName(QStringLiteral("regenerateButton"));
    m_regenerateButton->setDefault(true);
    m_plainWarning->setText(QStringLiteral("⚠ plain is insecure: code_challenge equals code_verifier, so anyone who sees the authorization "
                                           "request (browser history, logs, a malicious app on the device) can redeem the code. Use S256; "
                                           "plain exists only for clients that cannot hash (RFC 7636 §4.2, §7.2)."));
    m_plainWarning->hide();
    m_generationError->hide();
    return group(QStringLiteral("Parameters"), QStringLiteral("pkceParametersGroup"),
                 layout::column({layout::row({plainLabel(QStringLiteral("Method")), m_methodCombo, layout::Space{16},
                                              plainLabel(QStringLiteral("Verifier length")), m_lengthSpin, layout::Space{16},
                                              m_regenerateButton, layout::Stretch{}}),
                                 m_plainWarning, m_generationError}));
}

QWidget *PkceGeneratorPanel::buildGeneratedValues()
{
    for (CopyableField *field : {m_verifierField, m_challengeField, m_stateField, m_nonceField, m_requestField})
        field->setPlaceholderText(QStringLiteral("generating…"));
    QFormLayout *form = layout::form({
        {parameterName(QStringLiteral("code_verifier"), QStringLiteral("Sent in the token request (RFC 7636 §4.5). Keep it secret until then.")),
         m_verifierField},
        {parameterName(QStringLiteral("code_challenge"), QStringLiteral("Sent in the authorization request (RFC 7636 §4.3).")), m_challengeField},
        {parameterName(QStringLiteral("code_challenge_method"), QStringLiteral("RFC 7636 §4.3")), m_methodValue},
        {parameterName(QStringLiteral("state"), QStringLiteral("RFC 6749 §4.1.1, §10.12: binds the callback to this request (CSRF).")), m_stateField},
        {parameterName(QStringLiteral("nonce"), QStringLiteral("OIDC Core §3.1.2.1: must come back in the ID token (replay protection).")),
         m_nonceField},
        {QStringLiteral("Request parameters"), m_requestField},
    });
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return group(QStringLiteral("Generated values"), QStringLiteral("pkceGeneratedGroup"), form);
}

QWidget *PkceGeneratorPanel::buildSteps()
{
    m_ownVerifierEdit->setObjectName(QStringLiteral("ownVerifierEdit"));
    m_ownVerifierEdit->setFont(monospaceFont());
    m_ownVerifierEdit->setPlaceholderText(QStringLiteral("Type or paste a code_verifier"));
    m_ownVerifierEdit->setClearButtonEnabled(true);
    m_ownLengthLabel->setObjectName(QStringLiteral("ownVerifierLengthLabel"));
    m_ownLengthLabel->setMinimumWidth(m_ownLengthLabel->fontMetrics().horizontalAdvance(QStringLiteral("128 characters")));
    m_verifierStatus->setObjectName(QStringLiteral("verifierStatusLabel"));
    for (QLabel *label : {m_verifierStatus, m_hashCaption, m_challengeCaption})
        label->setWordWrap(true);

    // Numbered steps down the left; each step's text and value beside its number.
    auto *grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(6);
    grid->addWidget(stepNumber(1), 0, 0, Qt::AlignTop);
    grid->addWidget(plainLabel(QStringLiteral("code_verifier, as ASCII bytes: 43–128 characters from A–Z a–z 0–9 - . _ ~ (RFC 7636 §4.1). "
                                              "Edit it to try your own.")),
                    0, 1, 1, 2);
    grid->addWidget(m_ownVerifierEdit, 1, 1);
    grid->addWidget(m_ownLengthLabel, 1, 2);
    grid->addWidget(m_verifierStatus, 2, 1, 1, 2);
    grid->addWidget(stepNumber(2), 3, 0, Qt::AlignTop);
    grid->addWidget(m_hashCaption, 3, 1, 1, 2);
    grid->addWidget(m_sha256Edit, 4, 1, 1, 2);
    grid->addWidget(stepNumber(3), 5, 0, Qt::AlignTop);
    grid->addWidget(m_challengeCaption, 5, 1, 1, 2);
    grid->addWidget(m_computedChallengeEdit, 6, 1, 1, 2);
    return group(QStringLiteral("How the challenge is computed"), QStringLiteral("pkceStepsGroup"), grid);
}


oidc::PkceMethod PkceGeneratorPanel::method() const
{
    return static_cast<oidc::PkceMethod>(m_methodCombo->currentData().toInt());
}

void PkceGeneratorPanel::regenerate()
{
    const oidc::PkceMethod chosen = method();
    const int length = m_lengthSpin->value();
    const quint64 serial = ++m_generateSerial;
    oidc::runOffThread<Generated>(
        this, [chosen, length] { return generateValues(chosen, length); },
        [this, serial](Generated generated) {
            if (serial == m_generateSerial) // a newer request is on its way
                applyGenerated(generated);
        });
}

void PkceGeneratorPanel::applyGenerated(const Generated &generated)
{
    m_generationError->setVisible(!generated.error.isEmpty());
    m_generationError->setText(generated.error);
    if (!generated.error.isEmpty())
        return;
    m_generatedVerifier = generated.verifier;
    m_verifierField->setText(generated.verifier);
    m_stateField->setText(generated.state);
    m_nonceField->setText(generated.nonce);
    // The challenge comes from the steps computation, which also follows the edited verifier.
    if (m_ownVerifierEdit->text() == generated.verifier)
        recomputeSteps();
    else
        m_ownVerifierEdit->setText(generated.verifier); // triggers recomputeSteps()
}

void PkceGeneratorPanel::recomputeSteps()
{
    const std::string generated = toStd(m_generatedVerifier);
    const std::string own = toStd(m_ownVerifierEdit->text());
    const oidc::PkceMethod chosen = method();
    const quint64 serial = ++m_stepsSerial;
    oidc::runOffThread<Steps>(
        this, [generated, own, chosen] { return computeSteps(generated, own, chosen); },
        [this, serial](Steps steps) {
            if (serial == m_stepsSerial) // a newer computation is on its way
                applySteps(steps);
        });
}

void PkceGeneratorPanel::applySteps(const Steps &steps)
{
    if (steps.verifier != m_ownVerifierEdit->text())
        return; // a newer computation is on its way
    const bool s256 = method() == oidc::PkceMethod::S256;
    m_challengeField->setText(steps.generatedChallenge);
    m_methodValue->setText(s256 ? QStringLiteral("S256") : QStringLiteral("plain"));

    const qsizetype length = steps.verifier.size();
    m_ownLengthLabel->setText(length == 1 ? QStringLiteral("1 character") : QStringLiteral("%1 characters").arg(length));
    if (steps.verifier.isEmpty()) {
        m_verifierStatus->setText(steps.validationError);
        setTone(m_verifierStatus, Tone::Neutral);
    } else if (steps.validationError.isEmpty()) {
        m_verifierStatus->setText(
            QStringLiteral("✔ A valid code_verifier (RFC 7636 §4.1): %1 unreserved characters.").arg(length));
        setTone(m_verifierStatus, Tone::Good);
    } else {
        m_verifierStatus->setText(QStringLiteral("✘ ") + steps.validationError);
        setTone(m_verifierStatus, Tone::Bad);
    }

    if (s256) {
        m_hashCaption->setText(QStringLiteral("SHA-256 of those bytes: 32 bytes, shown here as 64 hex digits."));
        m_sha256Edit->setText(steps.sha256Hex);
        m_sha256Edit->show();
        m_challengeCaption->setText(QStringLiteral(
            "BASE64URL of the 32 bytes, without padding: this is code_challenge (RFC 7636 §4.2, S256)."));
    } else {
        m_hashCaption->setText(QStringLiteral("plain: no hashing. The verifier itself is sent (the insecure option)."));
        m_sha256Edit->clear();
        m_sha256Edit->hide();
        m_challengeCaption->setText(QStringLiteral("code_challenge = code_verifier (RFC 7636 §4.2, plain)."));
    }
    m_computedChallengeEdit->setText(steps.challenge);
    m_computedChallengeEdit->setCursorPosition(0);
    m_sha256Edit->setCursorPosition(0);
    updateRequestParameters();
    Q_EMIT valuesChanged();
}

void PkceGeneratorPanel::updateMethodWarning()
{
    m_plainWarning->setVisible(method() == oidc::PkceMethod::Plain);
}

void PkceGeneratorPanel::updateRequestParameters()
{
    if (m_challengeField->text().isEmpty()) {
        m_requestField->setText(QString());
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("code_challenge"), m_challengeField->text());
    query.addQueryItem(QStringLiteral("code_challenge_method"), m_methodValue->text());
    query.addQueryItem(QStringLiteral("state"), m_stateField->text());
    query.addQueryItem(QStringLiteral("nonce"), m_nonceField->text());
    m_requestField->setText(query.toString(QUrl::FullyEncoded));
}

} // namespace ui

#include "moc_PkceGeneratorPanel.cpp"
