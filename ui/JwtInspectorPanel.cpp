#include "JwtInspectorPanel.h"

#include "ui/CheckListView.h"
#include "ui/ClaimTreeModel.h"
#include "ui/ExpiryCountdown.h"
#include "ui/TokenEdit.h"
#include "ui/inspector/AlgorithmAllowList.h"
#include "ui/inspector/ExpectedClaimsForm.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/Async.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ui {

using oidc::crypto::AlgorithmFamily;
using oidc::jwt::CheckOutcome;
using KeySource = KeySourceEditor::Source;

namespace {

QString prettyJson(std::string_view text)
{
    // Order-preserving, so the copy matches the token member for member.
    const auto value = nlohmann::ordered_json::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded())
        return qs(text);
    return qs(value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

QString joined(const std::vector<std::string> &items, const QString &separator)
{
    QStringList list;
    for (const auto &item : items)
        list << qs(item);
    return list.join(separator);
}

// What a worker verifies and what it finds: plain values, copied across threads.
struct VerifyJob final {
    oidc::jwt::DecodedJwt jwt;
    KeySource source = KeySource::PastedKeys;
    std::string keyText;
    oidc::crypto::JsonWebKeySet fetchedKeys;
    oidc::jwt::SignaturePolicy policy;
    oidc::jwt::ClaimCheckOptions options;
};
struct Verified final {
    oidc::jwt::JwtValidation validation;
    std::optional<oidc::Error> keyError; // the pasted key material is unusable
};

Verified runVerification(const VerifyJob &job)
{
    Verified verified;
    oidc::crypto::JsonWebKeySet keys;
    switch (job.source) {
    case KeySource::PastedKeys: {
        // Key material matters only to algorithms that use a public key; for HS* and "none" a
        // problem with it would only distract.
        const auto algorithm = oidc::crypto::parseJwsAlgorithm(job.jwt.alg);
        const auto family = algorithm ? oidc::crypto::algorithmFamily(*algorithm) : AlgorithmFamily::None;
        const bool needsKeys = family != AlgorithmFamily::Hmac && family != AlgorithmFamily::None;
        if (job.keyText.find_first_not_of(" \t\r\n") == std::string::npos)
            break; // nothing pasted: the signature check says which keys are missing
        if (auto parsed = oidc::crypto::parseKeyMaterial(job.keyText); parsed)
            keys = std::move(parsed).value();
        else if (needsKeys)
            verified.keyError = parsed.error();
        break;
    }
    case KeySource::JwksUrl:
        keys = job.fetchedKeys;
        break;
    case KeySource::HmacSecret:
        break; // the secret travels in the policy
    }
    verified.validation = oidc::jwt::validateDecoded(job.jwt, keys, job.policy, job.options);
    return verified;
}

// The banner over the checks: the signature's verdict first, then what else failed.
std::pair<QString, Tone> verdict(const oidc::jwt::JwtValidation &validation, const std::optional<oidc::Error> &keyError)
{
    std::vector<const oidc::jwt::ClaimCheck *> failed;
    int passed = 0;
    int skipped = 0;
    for (const auto &check : validation.checks) {
        if (check.outcome == CheckOutcome::Fail)
            failed.push_back(&check);
        else if (check.outcome == CheckOutcome::Pass)
            ++passed;
        else
            ++skipped;
    }
    const auto signature = std::find_if(validation.checks.begin(), validation.checks.end(),
                                        [](const auto &check) { return check.id == "signature"; });
    if (keyError)
        return {QStringLiteral("✘ Not verified: the pasted key material is unusable — ") + errorText(*keyError), Tone::Bad};
    if (signature != validation.checks.end() && signature->outcome == CheckOutcome::Fail)
        return {QStringLiteral("✘ Signature NOT valid — %1: %2").arg(qs(signature->code), qs(signature->detail())), Tone::Bad};
    if (validation.signature && validation.signature->unsigned_)
        return {QStringLiteral("⚠ UNSIGNED token accepted only because unsigned tokens are allowed: nothing proves who wrote it · ")
                    + QStringLiteral("%1 passed, %2 failed, %3 skipped").arg(passed).arg(failed.size()).arg(skipped),
                Tone::Bad};
    if (validation.signature) {
        const QString by = QStringLiteral("%1 with %2").arg(qs(validation.signature->algorithm), qs(validation.signature->keyDescription));
        if (failed.empty())
            return {QStringLiteral("✔ Signature valid: %1 · all checks passed (%2 passed, %3 skipped)").arg(by).arg(passed).arg(skipped),
                    Tone::Good};
        QStringList names;
        for (const auto *check : failed)
            names << qs(check->id) + QStringLiteral(" (") + qs(check->code) + QStringLiteral(")");
        return {QStringLiteral("✔ Signature valid: %1 — but %2 failed: %3")
                    .arg(by, failed.size() == 1 ? QStringLiteral("1 check") : QStringLiteral("%1 checks").arg(failed.size()),
                         names.join(QStringLiteral(", "))),
                Tone::Warning};
    }
    if (validation.error)
        return {QStringLiteral("✘ Not verified — ") + errorText(*validation.error), Tone::Bad};
    return {QString(), Tone::Bad};
}

} // namespace

JwtInspectorPanel::JwtInspectorPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("jwtInspectorPanel"));

    auto *header = new PanelHeader(Type::Title, QStringLiteral("JWT Inspector"),
                                   QStringLiteral("Decodes a JWS as you type and explains every registered, OIDC and Descope member. "
                                                  "Verification uses only the keys you give it; the token's header never chooses the "
                                                  "algorithm or the key."));
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("inspectorSplitter"));
    splitter->addWidget(buildTokenColumn());
    splitter->addWidget(buildOutputColumn());
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 6);
    splitter->setSizes({390, 610});
    splitter->setChildrenCollapsible(false);
    layout::attach(this, layout::column({header, layout::Item(splitter, 1)}, {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));

    m_decodeTimer.setSingleShot(true);
    m_decodeTimer.setInterval(kDecodeDelayMs);
    connect(&m_decodeTimer, &QTimer::timeout, this, &JwtInspectorPanel::decodeNow);
    connect(m_tokenEdit, &QPlainTextEdit::textChanged, &m_decodeTimer, qOverload<>(&QTimer::start));
    connect(m_tokenEdit, &TokenEdit::fileError, this, &JwtInspectorPanel::showDecodeError);
    connect(m_keySource, &KeySourceEditor::changed, this, &JwtInspectorPanel::updateVerifyAvailability);
    connect(m_keySource, &KeySourceEditor::fetchRequested, this, &JwtInspectorPanel::fetchJwks);
    connect(m_keySource->fetcher(), &JwksFetcher::finished, this, &JwtInspectorPanel::onJwksFetched);
    connect(m_algorithms, &AlgorithmAllowList::changed, this, [this] {
        m_unsignedWarning->setVisible(m_algorithms->allowsUnsigned());
        updateVerifyAvailability();
    });

    decodeNow();
}

// ---------------------------------------------------------------------------------------------
// Layout

QWidget *JwtInspectorPanel::buildTokenColumn()
{
    m_tokenEdit = new TokenEdit;
    m_tokenEdit->setMinimumHeight(90);
    m_tokenStatus = toneLabel(QStringLiteral("tokenStatusLabel"), Tone::Neutral);
    m_decodeError = toneLabel(QStringLiteral("decodeErrorLabel"), Tone::Bad);
    m_decodeError->hide();
    m_countdown = new ExpiryCountdown;

    auto *clear = new QPushButton(QStringLiteral("Clear"));
    clear->setObjectName(QStringLiteral("clearTokenButton"));
    connect(clear, &QPushButton::clicked, this, [this] {
        m_tokenEdit->clear();
        decodeNow();
        m_tokenEdit->setFocus();
    });

    m_unsignedWarning = toneLabel(QStringLiteral("unsignedWarningLabel"), Tone::Bad,
                                  QStringLiteral("⚠ Unsigned tokens are accepted: an alg \"none\" token proves nothing, anyone can write "
                                                 "one. Never accept them from a real provider (RFC 8725 §3.1, rp-checks J2)."));
    m_unsignedWarning->hide();
    m_verifyButton = new QPushButton(QStringLiteral("Verify"));
    m_verifyButton->setObjectName(QStringLiteral("verifyButton"));
    m_verifyButton->setDefault(true);
    m_verifyButton->setMinimumWidth(110);
    m_verifyHint = typeLabel(Type::Caption);
    m_verifyHint->setObjectName(QStringLiteral("verifyHintLabel"));
    connect(m_verifyButton, &QPushButton::clicked, this, &JwtInspectorPanel::verify);

    return layout::widget(layout::column({new PanelHeader(Type::Section, QStringLiteral("Token"), {}, {clear}),
                                          layout::Item(m_tokenEdit, 1),
                                          m_tokenStatus,
                                          m_decodeError,
                                          m_countdown,
                                          layout::Space{6},
                                          typeLabel(Type::Section, QStringLiteral("Verification")),
                                          buildVerificationTabs(),
                                          m_unsignedWarning,
                                          layout::row({m_verifyButton, layout::Item(m_verifyHint, 1)})},
                                         {.margins = QMargins(0, 0, 8, 0), .spacing = 6}));
}

QWidget *JwtInspectorPanel::buildVerificationTabs()
{
    m_keySource = new KeySourceEditor;
    m_expected = new ExpectedClaimsForm;
    m_algorithms = new AlgorithmAllowList;
    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("verificationTabs"));
    tabs->addTab(m_keySource, QStringLiteral("Key"));
    tabs->addTab(m_expected, QStringLiteral("Expected values"));
    tabs->addTab(m_algorithms, QStringLiteral("Algorithms"));
    return tabs;
}

QWidget *JwtInspectorPanel::buildOutputColumn()
{
    m_treeModel = new ClaimTreeModel(this);
    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("claimsTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setIndentation(16);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setColumnWidth(ClaimTreeModel::NameColumn, 118);
    m_tree->setColumnWidth(ClaimTreeModel::ValueColumn, 282);
    connect(m_countdown, &ExpiryCountdown::ticked, m_treeModel, [this](qint64 now) { m_treeModel->setNow(now); });

    m_copyHeaderButton = new QPushButton(QStringLiteral("Copy header JSON"));
    m_copyHeaderButton->setObjectName(QStringLiteral("copyHeaderButton"));
    m_copyClaimsButton = new QPushButton(QStringLiteral("Copy claims JSON"));
    m_copyClaimsButton->setObjectName(QStringLiteral("copyClaimsButton"));
    connect(m_copyHeaderButton, &QPushButton::clicked, this, [this] { copyJson(true); });
    connect(m_copyClaimsButton, &QPushButton::clicked, this, [this] { copyJson(false); });

    m_banner = toneLabel(QStringLiteral("signatureBanner"), Tone::Neutral);
    applyType(m_banner, Type::Section);
    // One line per check; the full rule and detail of the selected check show underneath.
    m_checks = new CheckListView(QStringLiteral("checks"), {.detailPane = true, .ruleColumnWidth = 210});

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("outputSplitter"));
    splitter->addWidget(layout::widget(
        layout::column({new PanelHeader(Type::Section, QStringLiteral("Decoded"), {}, {m_copyHeaderButton, m_copyClaimsButton}),
                        layout::Item(m_tree, 1)},
                       {.margins = QMargins(0, 0, 0, 4), .spacing = 6})));
    splitter->addWidget(layout::widget(layout::column({m_banner, layout::Item(m_checks, 1)}, {.margins = QMargins(0, 4, 0, 0), .spacing = 6})));
    splitter->setStretchFactor(0, 11);
    splitter->setStretchFactor(1, 9);
    splitter->setSizes({380, 310});
    splitter->setChildrenCollapsible(false);
    return layout::widget(layout::column({splitter}, {.margins = QMargins(8, 0, 0, 0)}));
}

// ---------------------------------------------------------------------------------------------
// Token

void JwtInspectorPanel::setToken(const QString &token)
{
    m_tokenEdit->setPlainText(token);
    decodeNow();
}

QString JwtInspectorPanel::token() const
{
    return m_tokenEdit->toPlainText();
}

void JwtInspectorPanel::showDecodeError(const QString &text)
{
    m_decodeError->setText(text);
    m_decodeError->setVisible(!text.isEmpty());
}

void JwtInspectorPanel::decodeNow()
{
    m_decodeTimer.stop();
    ++m_verifySerial; // a verification of the previous token is never shown
    const std::string text = toStd(m_tokenEdit->toPlainText());
    const std::string_view trimmed = oidc::jwt::trimToken(text);
    if (trimmed.empty()) {
        showUndecoded(QStringLiteral("Paste a token to decode it. Nothing leaves this machine."), QString(),
                      QStringLiteral("Not verified: no token."));
        return;
    }
    auto decoded = oidc::jwt::decodeJwt(trimmed);
    if (!decoded) {
        // The input stays as typed; what was shown for an earlier token goes away, so nothing on
        // screen describes a token other than the one in the box.
        showUndecoded(QString(), errorText(decoded.error()), QStringLiteral("Not verified: the token does not decode."));
        return;
    }
    m_decoded = std::move(decoded).value();
    showDecoded(*m_decoded, trimmed, text.size() != trimmed.size());
}

void JwtInspectorPanel::showUndecoded(const QString &status, const QString &error, const QString &verification)
{
    m_decoded.reset();
    m_treeModel->clear();
    m_countdown->clear();
    showDecodeError(error);
    m_tokenStatus->setText(status);
    setTone(m_tokenStatus, Tone::Neutral);
    m_tokenStatus->setVisible(!status.isEmpty());
    m_copyHeaderButton->setEnabled(false);
    m_copyClaimsButton->setEnabled(false);
    resetVerification(verification);
    updateVerifyAvailability();
    Q_EMIT tokenDecoded(false);
}

void JwtInspectorPanel::showDecoded(const oidc::jwt::DecodedJwt &jwt, std::string_view trimmed, bool trimmedSomething)
{
    showDecodeError(QString());
    m_treeModel->setNow(QDateTime::currentSecsSinceEpoch());
    m_treeModel->setToken(jwt.headerJson, jwt.claimsJson);
    m_tree->expandAll();
    m_countdown->setTimes(jwt.numericClaim("iat"), jwt.numericClaim("exp"), jwt.numericClaim("nbf"));

    QStringList facts;
    facts << QStringLiteral("JWS");
    facts << (jwt.alg == "none" ? QStringLiteral("UNSIGNED (alg none)") : qs(jwt.alg));
    if (!jwt.kid.empty())
        facts << QStringLiteral("kid ") + qs(jwt.kid);
    if (!jwt.typ.empty())
        facts << QStringLiteral("typ ") + qs(jwt.typ);
    facts << QStringLiteral("%1 characters").arg(trimmed.size());
    QString status = QStringLiteral("Decoded: ") + facts.join(QStringLiteral(" · "));
    const auto ignored = oidc::jwt::ignoredKeyHeaders(jwt);
    if (!ignored.empty())
        status += QStringLiteral("\nThe header names a key (%1): it is never used, keys come only from your key source.")
                      .arg(joined(ignored, QStringLiteral(", ")));
    if (trimmedSomething)
        status += QStringLiteral("\nSurrounding whitespace or a \"Bearer\" prefix was ignored.");
    m_tokenStatus->setText(status);
    setTone(m_tokenStatus, jwt.alg == "none" || !ignored.empty() ? Tone::Warning : Tone::Neutral);
    m_tokenStatus->show();
    m_copyHeaderButton->setEnabled(true);
    m_copyClaimsButton->setEnabled(true);
    resetVerification(QStringLiteral("Not verified yet: choose a key source and press Verify."));
    updateVerifyAvailability();
    Q_EMIT tokenDecoded(true);
}

void JwtInspectorPanel::copyJson(bool header)
{
    if (!m_decoded)
        return;
    QGuiApplication::clipboard()->setText(prettyJson(header ? m_decoded->headerJson : m_decoded->claimsJson));
}

// ---------------------------------------------------------------------------------------------
// Verification

void JwtInspectorPanel::setKeySource(KeySource source)
{
    m_keySource->setSource(source);
}

KeySource JwtInspectorPanel::keySource() const
{
    return m_keySource->source();
}

void JwtInspectorPanel::setTransport(oidc::net::HttpTransport *transport)
{
    m_keySource->setTransport(transport);
}

void JwtInspectorPanel::setBanner(const QString &text, Tone tone)
{
    m_banner->setText(text);
    setTone(m_banner, tone);
}

void JwtInspectorPanel::resetVerification(const QString &message)
{
    m_checks->clear();
    setBanner(message, Tone::Neutral);
}

void JwtInspectorPanel::updateVerifyAvailability()
{
    QString hint;
    if (!m_decoded)
        hint = QStringLiteral("Decode a token first.");
    else if (!m_algorithms->allowsAny())
        hint = QStringLiteral("Tick at least one algorithm under Algorithms.");
    else
        hint = m_keySource->missingInput();
    m_verifyButton->setEnabled(hint.isEmpty());
    m_verifyHint->setText(hint);
}

void JwtInspectorPanel::verify()
{
    if (!m_decoded || !m_verifyButton->isEnabled())
        return;
    const oidc::crypto::JsonWebKeySet *fetched = m_keySource->fetchedKeys();
    if (keySource() == KeySource::JwksUrl && !fetched) {
        startFetch(true); // verifies when the keys arrive
        return;
    }
    VerifyJob job;
    job.jwt = *m_decoded;
    job.source = keySource();
    if (job.source == KeySource::PastedKeys)
        job.keyText = m_keySource->pastedKeys();
    if (job.source == KeySource::JwksUrl)
        job.fetchedKeys = *fetched;
    job.policy = m_algorithms->policy();
    if (job.source == KeySource::HmacSecret)
        job.policy.hmacSecret = m_keySource->hmacSecret();
    job.options = m_expected->options();
    setBanner(QStringLiteral("Verifying…"), Tone::Neutral);
    const quint64 serial = ++m_verifySerial;
    oidc::runOffThread<Verified>(
        this, [job = std::move(job)] { return runVerification(job); },
        [this, serial](Verified verified) {
            if (serial == m_verifySerial) // the token or the request changed while the worker ran
                showVerification(verified.validation, verified.keyError);
        });
}

void JwtInspectorPanel::showVerification(const oidc::jwt::JwtValidation &validation, const std::optional<oidc::Error> &keyError)
{
    m_checks->setChecks(validation.checks);
    const auto [text, tone] = verdict(validation, keyError);
    setBanner(text, tone);
    Q_EMIT verificationFinished(validation.ok() && !keyError);
}

// ---------------------------------------------------------------------------------------------
// JWKS URL

void JwtInspectorPanel::fetchJwks()
{
    startFetch(false);
}

void JwtInspectorPanel::cancelFetch()
{
    m_keySource->cancelFetch();
}

void JwtInspectorPanel::startFetch(bool thenVerify)
{
    if (m_keySource->fetcher()->isFetching()) {
        m_verifyAfterFetch = m_verifyAfterFetch || thenVerify;
        return;
    }
    m_verifyAfterFetch = thenVerify;
    if (thenVerify)
        setBanner(QStringLiteral("Fetching the provider's keys…"), Tone::Neutral);
    if (const oidc::Status started = m_keySource->fetchJwks(); !started) {
        m_verifyAfterFetch = false;
        if (thenVerify)
            setBanner(QStringLiteral("✘ Not verified: cannot fetch the keys — ") + errorText(started.error()), Tone::Bad);
        Q_EMIT jwksFetchFinished(false);
    }
}

void JwtInspectorPanel::onJwksFetched(const JwksFetcher::Outcome &outcome)
{
    const bool verifyNext = m_verifyAfterFetch;
    m_verifyAfterFetch = false;
    if (outcome.error) {
        if (verifyNext && outcome.cancelled())
            setBanner(QStringLiteral("Not verified: the key fetch was cancelled."), Tone::Neutral);
        else if (verifyNext)
            setBanner(QStringLiteral("✘ Not verified: cannot fetch the keys — ") + errorText(*outcome.error), Tone::Bad);
        Q_EMIT jwksFetchFinished(false);
        return;
    }
    Q_EMIT jwksFetchFinished(true);
    if (verifyNext)
        verify();
}

} // namespace ui

#include "moc_JwtInspectorPanel.cpp"
