#include "JwtInspectorPanel.h"

#include "ui/CheckListView.h"
#include "ui/ClaimTreeModel.h"
#include "ui/ExpiryCountdown.h"
#include "ui/TokenEdit.h"
#include "ui/UiText.h"

#include "oidc/Async.h"
#include "oidc/jwt/JwksClient.h"
#include "oidc/net/QtHttpTransport.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ui {

using oidc::crypto::AlgorithmFamily;
using oidc::crypto::JwsAlgorithm;
using oidc::jwt::CheckOutcome;

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

JwtInspectorPanel::VerifyOutcome runVerification(const JwtInspectorPanel::VerifyJob &job)
{
    JwtInspectorPanel::VerifyOutcome outcome;
    outcome.serial = job.serial;
    oidc::crypto::JsonWebKeySet keys;
    switch (job.source) {
    case JwtInspectorPanel::KeySource::PastedKeys: {
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
            outcome.keyError = parsed.error();
        break;
    }
    case JwtInspectorPanel::KeySource::JwksUrl:
        keys = job.fetchedKeys;
        break;
    case JwtInspectorPanel::KeySource::HmacSecret:
        break; // the secret travels in the policy
    }
    outcome.keyCount = keys.keys.size();
    outcome.validation = oidc::jwt::validateDecoded(job.jwt, keys, job.policy, job.options);
    return outcome;
}

JwtInspectorPanel::KeyParseOutcome parseKeys(const QString &text)
{
    JwtInspectorPanel::KeyParseOutcome outcome;
    outcome.text = text;
    auto parsed = oidc::crypto::parseKeyMaterial(toStd(text));
    if (!parsed) {
        outcome.error = parsed.error();
        return outcome;
    }
    for (const auto &key : parsed->keys)
        outcome.keys.push_back(key.describe());
    outcome.skipped = parsed->skipped;
    return outcome;
}

QLabel *mutedCaption(const QString &text)
{
    QLabel *label = plainLabel(text);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, mutedColor());
    label->setPalette(palette);
    return label;
}

QLabel *boxedLabel(const QString &name, Tone tone)
{
    QLabel *label = plainLabel(QString());
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTone(label, tone);
    return label;
}

QLabel *sectionTitle(const QString &text)
{
    QLabel *label = plainLabel(text);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    return label;
}

QString familyTitle(AlgorithmFamily family)
{
    switch (family) {
    case AlgorithmFamily::Hmac: return QStringLiteral("HMAC (shared secret)");
    case AlgorithmFamily::RsaPkcs1: return QStringLiteral("RSA PKCS#1 v1.5");
    case AlgorithmFamily::RsaPss: return QStringLiteral("RSA-PSS");
    case AlgorithmFamily::Ecdsa: return QStringLiteral("ECDSA");
    case AlgorithmFamily::EdDsa: return QStringLiteral("EdDSA");
    case AlgorithmFamily::None: return QStringLiteral("none");
    }
    return {};
}

} // namespace

JwtInspectorPanel::JwtInspectorPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("jwtInspectorPanel"));

    auto *title = plainLabel(QStringLiteral("JWT Inspector"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    auto *intro = mutedCaption(QStringLiteral(
        "Decodes a JWS as you type and explains every registered, OIDC and Descope member. Verification uses only the "
        "keys you give it; the token's header never chooses the algorithm or the key."));

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("inspectorSplitter"));
    splitter->addWidget(buildInputColumn());
    splitter->addWidget(buildOutputColumn());
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 6);
    splitter->setSizes({390, 610});
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 14, 18, 12);
    layout->setSpacing(8);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addWidget(splitter, 1);

    m_decodeTimer.setSingleShot(true);
    m_decodeTimer.setInterval(kDecodeDelayMs);
    connect(&m_decodeTimer, &QTimer::timeout, this, &JwtInspectorPanel::decodeNow);
    connect(m_tokenEdit, &QPlainTextEdit::textChanged, &m_decodeTimer, qOverload<>(&QTimer::start));
    connect(m_tokenEdit, &TokenEdit::fileError, this, &JwtInspectorPanel::showDecodeError);

    m_keyParseTimer.setSingleShot(true);
    m_keyParseTimer.setInterval(300);
    connect(&m_keyParseTimer, &QTimer::timeout, this, &JwtInspectorPanel::scheduleKeyParse);

    decodeNow();
}

JwtInspectorPanel::~JwtInspectorPanel()
{
    m_fetchHandle.cancel();
}

CheckListModel *JwtInspectorPanel::checkModel() const
{
    return m_checks->model();
}

// ---------------------------------------------------------------------------------------------
// Layout

QWidget *JwtInspectorPanel::buildInputColumn()
{
    m_tokenEdit = new TokenEdit;
    m_tokenEdit->setMinimumHeight(90);

    m_tokenStatus = boxedLabel(QStringLiteral("tokenStatusLabel"), Tone::Neutral);
    m_decodeError = boxedLabel(QStringLiteral("decodeErrorLabel"), Tone::Bad);
    m_decodeError->hide();

    m_clearButton = new QPushButton(QStringLiteral("Clear"));
    m_clearButton->setObjectName(QStringLiteral("clearTokenButton"));
    connect(m_clearButton, &QPushButton::clicked, this, [this] {
        m_tokenEdit->clear();
        decodeNow();
        m_tokenEdit->setFocus();
    });

    m_countdown = new ExpiryCountdown;

    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("verificationTabs"));
    tabs->addTab(buildKeyTab(), QStringLiteral("Key"));
    tabs->addTab(buildExpectedTab(), QStringLiteral("Expected values"));
    tabs->addTab(buildAlgorithmTab(), QStringLiteral("Algorithms"));

    m_unsignedWarning = boxedLabel(QStringLiteral("unsignedWarningLabel"), Tone::Bad);
    m_unsignedWarning->setText(QStringLiteral(
        "⚠ Unsigned tokens are accepted: an alg \"none\" token proves nothing, anyone can write one. "
        "Never accept them from a real provider (RFC 8725 §3.1, rp-checks J2)."));
    m_unsignedWarning->hide();

    m_verifyButton = new QPushButton(QStringLiteral("Verify"));
    m_verifyButton->setObjectName(QStringLiteral("verifyButton"));
    m_verifyButton->setDefault(true);
    m_verifyButton->setMinimumWidth(110);
    m_verifyHint = plainLabel(QString());
    m_verifyHint->setObjectName(QStringLiteral("verifyHintLabel"));
    m_verifyHint->setWordWrap(true);
    QPalette hintPalette = m_verifyHint->palette();
    hintPalette.setColor(QPalette::WindowText, mutedColor());
    m_verifyHint->setPalette(hintPalette);
    connect(m_verifyButton, &QPushButton::clicked, this, &JwtInspectorPanel::verify);

    auto *tokenHeader = new QHBoxLayout;
    tokenHeader->addWidget(sectionTitle(QStringLiteral("Token")));
    tokenHeader->addStretch(1);
    tokenHeader->addWidget(m_clearButton);

    auto *verifyRow = new QHBoxLayout;
    verifyRow->addWidget(m_verifyButton);
    verifyRow->addWidget(m_verifyHint, 1);

    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 8, 0);
    layout->setSpacing(6);
    layout->addLayout(tokenHeader);
    layout->addWidget(m_tokenEdit, 1);
    layout->addWidget(m_tokenStatus);
    layout->addWidget(m_decodeError);
    layout->addWidget(m_countdown);
    layout->addSpacing(6);
    layout->addWidget(sectionTitle(QStringLiteral("Verification")));
    layout->addWidget(tabs);
    layout->addWidget(m_unsignedWarning);
    layout->addLayout(verifyRow);
    return column;
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

    m_banner = boxedLabel(QStringLiteral("signatureBanner"), Tone::Neutral);
    QFont bannerFont = m_banner->font();
    bannerFont.setWeight(QFont::DemiBold);
    m_banner->setFont(bannerFont);

    // One line per check; the full rule and detail of the selected check show underneath.
    m_checks = new CheckListView(QStringLiteral("checks"), {.detailPane = true, .ruleColumnWidth = 210});

    auto *decodedHeader = new QHBoxLayout;
    decodedHeader->addWidget(sectionTitle(QStringLiteral("Decoded")));
    decodedHeader->addStretch(1);
    decodedHeader->addWidget(m_copyHeaderButton);
    decodedHeader->addWidget(m_copyClaimsButton);
    auto *decoded = new QWidget;
    auto *decodedLayout = new QVBoxLayout(decoded);
    decodedLayout->setContentsMargins(0, 0, 0, 4);
    decodedLayout->setSpacing(6);
    decodedLayout->addLayout(decodedHeader);
    decodedLayout->addWidget(m_tree, 1);

    auto *results = new QWidget;
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 4, 0, 0);
    resultsLayout->setSpacing(6);
    resultsLayout->addWidget(m_banner);
    resultsLayout->addWidget(m_checks, 1);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("outputSplitter"));
    splitter->addWidget(decoded);
    splitter->addWidget(results);
    splitter->setStretchFactor(0, 11);
    splitter->setStretchFactor(1, 9);
    splitter->setSizes({380, 310});
    splitter->setChildrenCollapsible(false);

    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(splitter);
    return column;
}

QWidget *JwtInspectorPanel::buildKeyTab()
{
    m_keySourceCombo = new QComboBox;
    m_keySourceCombo->setObjectName(QStringLiteral("keySourceCombo"));
    m_keySourceCombo->addItem(QStringLiteral("Pasted keys: JWKS, JWK or PEM"), static_cast<int>(KeySource::PastedKeys));
    m_keySourceCombo->addItem(QStringLiteral("JWKS URL (fetched)"), static_cast<int>(KeySource::JwksUrl));
    m_keySourceCombo->addItem(QStringLiteral("HMAC shared secret"), static_cast<int>(KeySource::HmacSecret));

    // Pasted keys.
    m_keyMaterialEdit = new QPlainTextEdit;
    m_keyMaterialEdit->setObjectName(QStringLiteral("keyMaterialEdit"));
    m_keyMaterialEdit->setFont(monospaceFont());
    m_keyMaterialEdit->setWordWrapMode(QTextOption::WrapAnywhere);
    m_keyMaterialEdit->setPlaceholderText(QStringLiteral(
        "{\"keys\":[…]}, a single JWK, or -----BEGIN PUBLIC KEY----- / CERTIFICATE-----"));
    m_keyStatus = boxedLabel(QStringLiteral("keyStatusLabel"), Tone::Neutral);
    m_keyStatus->setText(QStringLiteral("No keys pasted."));
    auto *pastedPage = new QWidget;
    auto *pastedLayout = new QVBoxLayout(pastedPage);
    pastedLayout->setContentsMargins(0, 0, 0, 0);
    pastedLayout->addWidget(m_keyMaterialEdit, 1);
    pastedLayout->addWidget(m_keyStatus);
    connect(m_keyMaterialEdit, &QPlainTextEdit::textChanged, &m_keyParseTimer, qOverload<>(&QTimer::start));

    // JWKS URL.
    m_jwksUrlEdit = new QLineEdit;
    m_jwksUrlEdit->setObjectName(QStringLiteral("jwksUrlEdit"));
    m_jwksUrlEdit->setPlaceholderText(QStringLiteral("https://provider.example/.well-known/jwks.json"));
    m_jwksUrlEdit->setClearButtonEnabled(true);
    m_fetchButton = new QPushButton(QStringLiteral("Fetch"));
    m_fetchButton->setObjectName(QStringLiteral("fetchJwksButton"));
    m_cancelFetchButton = new QPushButton(QStringLiteral("Cancel"));
    m_cancelFetchButton->setObjectName(QStringLiteral("cancelFetchButton"));
    m_cancelFetchButton->setEnabled(false);
    m_jwksUrlWarning = boxedLabel(QStringLiteral("jwksUrlWarningLabel"), Tone::Warning);
    m_jwksUrlWarning->hide();
    m_jwksStatus = boxedLabel(QStringLiteral("jwksStatusLabel"), Tone::Neutral);
    m_jwksStatus->setText(QStringLiteral("Keys are fetched when you press Fetch or Verify."));
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_jwksUrlEdit, 1);
    urlRow->addWidget(m_fetchButton);
    urlRow->addWidget(m_cancelFetchButton);
    auto *urlPage = new QWidget;
    auto *urlLayout = new QVBoxLayout(urlPage);
    urlLayout->setContentsMargins(0, 0, 0, 0);
    urlLayout->addLayout(urlRow);
    urlLayout->addWidget(m_jwksUrlWarning);
    urlLayout->addWidget(m_jwksStatus);
    urlLayout->addStretch(1);
    connect(m_fetchButton, &QPushButton::clicked, this, &JwtInspectorPanel::fetchJwks);
    connect(m_cancelFetchButton, &QPushButton::clicked, this, &JwtInspectorPanel::cancelFetch);
    connect(m_jwksUrlEdit, &QLineEdit::textChanged, this, [this] {
        updateJwksUrlWarning();
        if (!m_fetching && (!m_fetchedKeys || m_fetchedUrl != jwksUrl())) {
            // What the status said was about another URL.
            m_jwksStatus->setText(QStringLiteral("Keys are fetched when you press Fetch or Verify."));
            setTone(m_jwksStatus, Tone::Neutral);
        }
        updateVerifyAvailability();
    });
    connect(m_jwksUrlEdit, &QLineEdit::returnPressed, this, &JwtInspectorPanel::fetchJwks);

    // HMAC secret.
    m_hmacSecretEdit = new QLineEdit;
    m_hmacSecretEdit->setObjectName(QStringLiteral("hmacSecretEdit"));
    m_hmacSecretEdit->setEchoMode(QLineEdit::Password);
    m_hmacSecretEdit->setPlaceholderText(QStringLiteral("shared secret (UTF-8)"));
    auto *showSecret = new QToolButton;
    showSecret->setObjectName(QStringLiteral("showSecretButton"));
    showSecret->setText(QStringLiteral("Show"));
    showSecret->setCheckable(true);
    connect(showSecret, &QToolButton::toggled, this, [this](bool shown) {
        m_hmacSecretEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_hmacSecretEdit, 1);
    secretRow->addWidget(showSecret);
    auto *hmacPage = new QWidget;
    auto *hmacLayout = new QVBoxLayout(hmacPage);
    hmacLayout->setContentsMargins(0, 0, 0, 0);
    hmacLayout->addLayout(secretRow);
    hmacLayout->addWidget(mutedCaption(QStringLiteral(
        "The secret's UTF-8 bytes are the HMAC key. HS256/384/512 must be ticked under Algorithms: a symmetric "
        "algorithm is never implied (RFC 8725 §3.1).")));
    hmacLayout->addStretch(1);
    connect(m_hmacSecretEdit, &QLineEdit::textChanged, this, &JwtInspectorPanel::updateVerifyAvailability);

    m_keySourceStack = new QStackedWidget;
    m_keySourceStack->setObjectName(QStringLiteral("keySourceStack"));
    m_keySourceStack->addWidget(pastedPage);
    m_keySourceStack->addWidget(urlPage);
    m_keySourceStack->addWidget(hmacPage);
    connect(m_keySourceCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_keySourceStack->setCurrentIndex(index);
        updateVerifyAvailability();
    });

    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(plainLabel(QStringLiteral("Key source")));
    sourceRow->addWidget(m_keySourceCombo, 1);
    layout->addLayout(sourceRow);
    layout->addWidget(m_keySourceStack, 1);
    return tab;
}

QWidget *JwtInspectorPanel::buildExpectedTab()
{
    m_issuerEdit = new QLineEdit;
    m_issuerEdit->setObjectName(QStringLiteral("issuerEdit"));
    m_issuerEdit->setPlaceholderText(QStringLiteral("the provider's issuer, exactly (iss)"));
    m_audienceEdit = new QLineEdit;
    m_audienceEdit->setObjectName(QStringLiteral("audienceEdit"));
    m_audienceEdit->setPlaceholderText(QStringLiteral("your client_id (aud)"));
    m_nonceEdit = new QLineEdit;
    m_nonceEdit->setObjectName(QStringLiteral("nonceEdit"));
    m_nonceEdit->setPlaceholderText(QStringLiteral("the nonce sent in the authorization request"));
    m_leewaySpin = new QSpinBox;
    m_leewaySpin->setObjectName(QStringLiteral("leewaySpin"));
    m_leewaySpin->setRange(0, 600);
    m_leewaySpin->setValue(30);
    m_leewaySpin->setSuffix(QStringLiteral(" s"));
    m_leewaySpin->setToolTip(QStringLiteral("Clock skew allowed for exp, nbf, iat and auth_time"));
    m_leewaySpin->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_leewaySpin->setMinimumWidth(90);

    auto *tab = new QWidget;
    auto *form = new QFormLayout(tab);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(plainLabel(QStringLiteral("Issuer")), m_issuerEdit);
    form->addRow(plainLabel(QStringLiteral("Audience")), m_audienceEdit);
    form->addRow(plainLabel(QStringLiteral("Nonce")), m_nonceEdit);
    form->addRow(plainLabel(QStringLiteral("Leeway")), m_leewaySpin);
    form->addRow(mutedCaption(QStringLiteral(
        "An empty field skips its check (SKIP in the results): an ID token's iss, aud and nonce must be checked "
        "(OIDC Core §3.1.3.7).")));
    return tab;
}

QWidget *JwtInspectorPanel::buildAlgorithmTab()
{
    auto *tab = new QWidget;
    auto *grid = new QGridLayout(tab);
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(4);
    std::vector<AlgorithmFamily> families;
    for (const JwsAlgorithm algorithm : oidc::crypto::supportedAlgorithms()) {
        const AlgorithmFamily family = oidc::crypto::algorithmFamily(algorithm);
        auto found = std::find(families.begin(), families.end(), family);
        const int row = static_cast<int>(found - families.begin());
        if (found == families.end()) {
            families.push_back(family);
            grid->addWidget(plainLabel(familyTitle(family)), row, 0);
        }
        const QString name = qs(oidc::crypto::jwsAlgorithmName(algorithm));
        auto *check = new QCheckBox(name);
        check->setObjectName(QStringLiteral("alg_") + name);
        // Default: every asymmetric algorithm; HMAC only when asked for (RFC 8725 §3.1).
        check->setChecked(family != AlgorithmFamily::Hmac);
        int column = 1;
        for (const auto &[other, box] : m_algorithmChecks)
            if (oidc::crypto::algorithmFamily(other) == family)
                ++column;
        grid->addWidget(check, row, column);
        m_algorithmChecks.emplace_back(algorithm, check);
        connect(check, &QCheckBox::toggled, this, &JwtInspectorPanel::updateVerifyAvailability);
    }
    const int next = static_cast<int>(families.size());
    m_allowUnsignedCheck = new QCheckBox(QStringLiteral("Allow unsigned tokens (alg \"none\")"));
    m_allowUnsignedCheck->setObjectName(QStringLiteral("allowUnsignedCheck"));
    connect(m_allowUnsignedCheck, &QCheckBox::toggled, this, &JwtInspectorPanel::updateUnsignedWarning);
    grid->addWidget(m_allowUnsignedCheck, next, 0, 1, 4);
    grid->setColumnStretch(4, 1);
    grid->setRowStretch(next + 1, 1);
    return tab;
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
        m_decoded.reset();
        m_treeModel->clear();
        m_countdown->clear();
        showDecodeError(QString());
        m_tokenStatus->setText(QStringLiteral("Paste a token to decode it. Nothing leaves this machine."));
        setTone(m_tokenStatus, Tone::Neutral);
        m_tokenStatus->show();
        m_copyHeaderButton->setEnabled(false);
        m_copyClaimsButton->setEnabled(false);
        resetVerification(QStringLiteral("Not verified: no token."));
        updateVerifyAvailability();
        Q_EMIT tokenDecoded(false);
        return;
    }

    auto decoded = oidc::jwt::decodeJwt(trimmed);
    if (!decoded) {
        // The input stays as typed; what was shown for an earlier token goes away, so nothing on
        // screen describes a token other than the one in the box.
        m_decoded.reset();
        m_treeModel->clear();
        m_countdown->clear();
        m_tokenStatus->hide();
        showDecodeError(errorText(decoded.error()));
        m_copyHeaderButton->setEnabled(false);
        m_copyClaimsButton->setEnabled(false);
        resetVerification(QStringLiteral("Not verified: the token does not decode."));
        updateVerifyAvailability();
        Q_EMIT tokenDecoded(false);
        return;
    }

    m_decoded = std::move(decoded).value();
    const oidc::jwt::DecodedJwt &jwt = *m_decoded;
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
    if (text.size() != trimmed.size())
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
    m_keySourceCombo->setCurrentIndex(m_keySourceCombo->findData(static_cast<int>(source)));
}

JwtInspectorPanel::KeySource JwtInspectorPanel::keySource() const
{
    return static_cast<KeySource>(m_keySourceCombo->currentData().toInt());
}

void JwtInspectorPanel::setTransport(oidc::net::HttpTransport *transport)
{
    cancelFetch();
    m_transport = transport;
}

oidc::net::HttpTransport *JwtInspectorPanel::transport()
{
    if (!m_transport)
        m_transport = new oidc::net::QtHttpTransport(this); // created on first use: no network at start-up
    return m_transport;
}

void JwtInspectorPanel::resetVerification(const QString &message)
{
    m_checks->clear();
    m_banner->setText(message);
    setTone(m_banner, Tone::Neutral);
}

void JwtInspectorPanel::updateVerifyAvailability()
{
    QString hint;
    const bool anyAlgorithm = std::any_of(m_algorithmChecks.begin(), m_algorithmChecks.end(),
                                          [](const auto &entry) { return entry.second->isChecked(); });
    if (!m_decoded)
        hint = QStringLiteral("Decode a token first.");
    else if (!anyAlgorithm && !m_allowUnsignedCheck->isChecked())
        hint = QStringLiteral("Tick at least one algorithm under Algorithms.");
    else if (m_fetching)
        hint = QStringLiteral("Fetching the JWKS…");
    else if (keySource() == KeySource::JwksUrl && m_jwksUrlEdit->text().trimmed().isEmpty())
        hint = QStringLiteral("Enter the JWKS URL under Key.");
    else if (keySource() == KeySource::HmacSecret && m_hmacSecretEdit->text().isEmpty())
        hint = QStringLiteral("Enter the shared secret under Key.");
    m_verifyButton->setEnabled(hint.isEmpty());
    m_verifyHint->setText(hint);
    m_fetchButton->setEnabled(!m_fetching && !m_jwksUrlEdit->text().trimmed().isEmpty());
}

void JwtInspectorPanel::updateUnsignedWarning()
{
    m_unsignedWarning->setVisible(m_allowUnsignedCheck->isChecked());
    updateVerifyAvailability();
}

QUrl JwtInspectorPanel::jwksUrl() const
{
    return QUrl(m_jwksUrlEdit->text().trimmed(), QUrl::StrictMode);
}

void JwtInspectorPanel::updateJwksUrlWarning()
{
    const QUrl url = jwksUrl();
    if (url.scheme() == QLatin1String("http") && !url.host().isEmpty()) {
        if (oidc::net::isLoopbackHost(url.host())) {
            m_jwksUrlWarning->setText(QStringLiteral(
                "⚠ http:// is accepted only because %1 is a loopback address (a local test provider). "
                "A real provider's keys must come over https.").arg(url.host()));
            setTone(m_jwksUrlWarning, Tone::Warning);
        } else {
            m_jwksUrlWarning->setText(QStringLiteral(
                "✘ http:// is refused for %1: keys fetched without TLS could be swapped in transit. Use https.")
                                          .arg(url.host()));
            setTone(m_jwksUrlWarning, Tone::Bad);
        }
        m_jwksUrlWarning->show();
    } else {
        m_jwksUrlWarning->hide();
    }
}

oidc::jwt::SignaturePolicy JwtInspectorPanel::signaturePolicy() const
{
    oidc::jwt::SignaturePolicy policy;
    for (const auto &[algorithm, check] : m_algorithmChecks)
        if (check->isChecked())
            policy.allowedAlgorithms.push_back(algorithm);
    if (policy.allowedAlgorithms.empty())
        // An empty list means "every asymmetric algorithm" to the core; nothing ticked means
        // nothing allowed, which "none" alone expresses (only reachable with unsigned allowed).
        policy.allowedAlgorithms.push_back(JwsAlgorithm::None);
    policy.allowUnsigned = m_allowUnsignedCheck->isChecked();
    if (keySource() == KeySource::HmacSecret)
        policy.hmacSecret = toStd(m_hmacSecretEdit->text());
    return policy;
}

oidc::jwt::ClaimCheckOptions JwtInspectorPanel::claimOptions() const
{
    oidc::jwt::ClaimCheckOptions options;
    const auto optionalText = [](const QLineEdit *edit) -> std::optional<std::string> {
        const QString text = edit->text().trimmed();
        return text.isEmpty() ? std::nullopt : std::optional<std::string>(toStd(text));
    };
    options.issuer = optionalText(m_issuerEdit);
    options.audience = optionalText(m_audienceEdit);
    options.nonce = optionalText(m_nonceEdit);
    options.leewaySeconds = m_leewaySpin->value();
    return options;
}

void JwtInspectorPanel::verify()
{
    if (!m_decoded || !m_verifyButton->isEnabled())
        return;
    if (keySource() == KeySource::JwksUrl && (!m_fetchedKeys || m_fetchedUrl != jwksUrl())) {
        startFetch(true); // verifies when the keys arrive
        return;
    }
    VerifyJob job;
    job.serial = ++m_verifySerial;
    job.jwt = *m_decoded;
    job.source = keySource();
    if (job.source == KeySource::PastedKeys)
        job.keyText = toStd(m_keyMaterialEdit->toPlainText());
    if (job.source == KeySource::JwksUrl && m_fetchedKeys)
        job.fetchedKeys = *m_fetchedKeys;
    job.policy = signaturePolicy();
    job.options = claimOptions();
    m_banner->setText(QStringLiteral("Verifying…"));
    setTone(m_banner, Tone::Neutral);
    oidc::runOffThread<VerifyOutcome>(
        this, [job = std::move(job)] { return runVerification(job); },
        [this](VerifyOutcome outcome) { applyVerification(outcome); });
}

void JwtInspectorPanel::applyVerification(const VerifyOutcome &outcome)
{
    if (outcome.serial != m_verifySerial)
        return; // the token or the request changed while the worker ran
    const auto &validation = outcome.validation;
    m_checks->setChecks(validation.checks);

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
    const QString counts = QStringLiteral("%1 passed, %2 failed, %3 skipped").arg(passed).arg(failed.size()).arg(skipped);

    QString text;
    Tone tone = Tone::Bad;
    if (outcome.keyError) {
        text = QStringLiteral("✘ Not verified: the pasted key material is unusable — ") + errorText(*outcome.keyError);
    } else if (signature != validation.checks.end() && signature->outcome == CheckOutcome::Fail) {
        text = QStringLiteral("✘ Signature NOT valid — %1: %2").arg(qs(signature->code), qs(signature->detail));
    } else if (validation.signature && validation.signature->unsigned_) {
        text = QStringLiteral("⚠ UNSIGNED token accepted only because unsigned tokens are allowed: nothing proves who wrote it · ")
            + counts;
    } else if (validation.signature) {
        const QString by = QStringLiteral("%1 with %2").arg(qs(validation.signature->algorithm), qs(validation.signature->keyDescription));
        if (failed.empty()) {
            text = QStringLiteral("✔ Signature valid: %1 · all checks passed (%2 passed, %3 skipped)").arg(by).arg(passed).arg(skipped);
            tone = Tone::Good;
        } else {
            QStringList names;
            for (const auto *check : failed)
                names << qs(check->id) + QStringLiteral(" (") + qs(check->code) + QStringLiteral(")");
            text = QStringLiteral("✔ Signature valid: %1 — but %2 failed: %3")
                       .arg(by, failed.size() == 1 ? QStringLiteral("1 check") : QStringLiteral("%1 checks").arg(failed.size()),
                            names.join(QStringLiteral(", ")));
            tone = Tone::Warning;
        }
    } else if (validation.error) {
        text = QStringLiteral("✘ Not verified — ") + errorText(*validation.error);
    }
    m_banner->setText(text);
    setTone(m_banner, tone);
    Q_EMIT verificationFinished(validation.ok() && !outcome.keyError);
}

void JwtInspectorPanel::scheduleKeyParse()
{
    const quint64 serial = ++m_keyParseSerial;
    const QString text = m_keyMaterialEdit->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_keyStatus->setText(QStringLiteral("No keys pasted."));
        setTone(m_keyStatus, Tone::Neutral);
        return;
    }
    // Parsing PEM and JWKs is OpenSSL work: off the GUI thread.
    oidc::runOffThread<KeyParseOutcome>(
        this, [text] { return parseKeys(text); }, [this, serial](KeyParseOutcome outcome) { applyKeyParse(serial, outcome); });
}

void JwtInspectorPanel::applyKeyParse(quint64 serial, const KeyParseOutcome &outcome)
{
    if (serial != m_keyParseSerial || outcome.text != m_keyMaterialEdit->toPlainText())
        return; // the text changed while the worker ran
    if (outcome.error) {
        m_keyStatus->setText(QStringLiteral("✘ ") + errorText(*outcome.error));
        setTone(m_keyStatus, Tone::Bad);
        return;
    }
    QString text = (outcome.keys.size() == 1 ? QStringLiteral("✔ 1 key: ") : QStringLiteral("✔ %1 keys: ").arg(outcome.keys.size()))
        + joined(outcome.keys, QStringLiteral("; "));
    if (!outcome.skipped.empty())
        text += QStringLiteral("\nSkipped: ") + joined(outcome.skipped, QStringLiteral("; "));
    m_keyStatus->setText(text);
    setTone(m_keyStatus, outcome.skipped.empty() ? Tone::Good : Tone::Warning);
}

// ---------------------------------------------------------------------------------------------
// JWKS URL

void JwtInspectorPanel::fetchJwks()
{
    startFetch(false);
}

void JwtInspectorPanel::setFetching(bool fetching)
{
    m_fetching = fetching;
    m_cancelFetchButton->setEnabled(fetching);
    m_jwksUrlEdit->setReadOnly(fetching);
    updateVerifyAvailability();
}

void JwtInspectorPanel::startFetch(bool thenVerify)
{
    if (m_fetching) {
        m_verifyAfterFetch = m_verifyAfterFetch || thenVerify;
        return;
    }
    const QUrl url = jwksUrl();
    auto request = oidc::jwt::buildJwksRequest(url, /*allowHttpLoopback=*/true);
    if (!request) {
        m_jwksStatus->setText(QStringLiteral("✘ ") + errorText(request.error()));
        setTone(m_jwksStatus, Tone::Bad);
        if (thenVerify) {
            m_banner->setText(QStringLiteral("✘ Not verified: cannot fetch the keys — ") + errorText(request.error()));
            setTone(m_banner, Tone::Bad);
        }
        Q_EMIT jwksFetchFinished(false);
        return;
    }
    m_verifyAfterFetch = thenVerify;
    const quint64 serial = ++m_fetchSerial;
    m_fetchedKeys.reset();
    setFetching(true);
    m_jwksStatus->setText(QStringLiteral("Fetching %1 …").arg(url.toDisplayString()));
    setTone(m_jwksStatus, Tone::Neutral);
    if (thenVerify) {
        m_banner->setText(QStringLiteral("Fetching the provider's keys…"));
        setTone(m_banner, Tone::Neutral);
    }
    // The callback is tied to this panel: it never runs after the panel is gone.
    m_fetchHandle = transport()->send(std::move(request).value(), this,
                                      [this, serial, url](oidc::Result<oidc::net::HttpResponse> result) {
                                          onJwksResponse(serial, url, std::move(result));
                                      });
}

void JwtInspectorPanel::onJwksResponse(quint64 serial, const QUrl &url, oidc::Result<oidc::net::HttpResponse> result)
{
    if (serial != m_fetchSerial)
        return;
    if (!result) {
        JwksOutcome outcome;
        outcome.serial = serial;
        outcome.url = url;
        outcome.error = result.error();
        applyJwks(outcome);
        return;
    }
    // Turning the JWKS into keys is OpenSSL work: off the GUI thread.
    oidc::runOffThread<JwksOutcome>(this, [serial, url, response = std::move(result).value()] {
        JwksOutcome outcome;
        outcome.serial = serial;
        outcome.url = url;
        outcome.httpStatus = response.status;
        outcome.elapsedMs = response.elapsedMs;
        auto keys = oidc::jwt::processJwksResponse(response);
        if (keys)
            outcome.keys = std::move(keys).value();
        else
            outcome.error = keys.error();
        return outcome;
    }, [this](JwksOutcome outcome) { applyJwks(outcome); });
}

void JwtInspectorPanel::applyJwks(const JwksOutcome &outcome)
{
    if (outcome.serial != m_fetchSerial)
        return;
    setFetching(false);
    m_fetchHandle = {};
    const bool verifyNext = m_verifyAfterFetch;
    m_verifyAfterFetch = false;
    if (outcome.error) {
        const bool cancelled = outcome.error->code == "NET_CANCELLED";
        m_jwksStatus->setText(cancelled ? QStringLiteral("Fetch cancelled.") : QStringLiteral("✘ ") + errorText(*outcome.error));
        setTone(m_jwksStatus, cancelled ? Tone::Neutral : Tone::Bad);
        if (verifyNext) {
            m_banner->setText(cancelled ? QStringLiteral("Not verified: the key fetch was cancelled.")
                                        : QStringLiteral("✘ Not verified: cannot fetch the keys — ") + errorText(*outcome.error));
            setTone(m_banner, cancelled ? Tone::Neutral : Tone::Bad);
        }
        Q_EMIT jwksFetchFinished(false);
        return;
    }
    m_fetchedKeys = outcome.keys;
    m_fetchedUrl = outcome.url;
    QStringList keys;
    for (const auto &key : outcome.keys->keys)
        keys << qs(key.describe());
    QString text = QStringLiteral("✔ HTTP %1 in %2 ms · %3: %4")
                       .arg(outcome.httpStatus)
                       .arg(outcome.elapsedMs)
                       .arg(keys.size() == 1 ? QStringLiteral("1 key") : QStringLiteral("%1 keys").arg(keys.size()),
                            keys.join(QStringLiteral("; ")));
    if (!outcome.keys->skipped.empty())
        text += QStringLiteral("\nSkipped: ") + joined(outcome.keys->skipped, QStringLiteral("; "));
    m_jwksStatus->setText(text);
    setTone(m_jwksStatus, outcome.keys->skipped.empty() ? Tone::Good : Tone::Warning);
    Q_EMIT jwksFetchFinished(true);
    if (verifyNext)
        verify();
}

void JwtInspectorPanel::cancelFetch()
{
    if (!m_fetching)
        return;
    // The transport reports NET_CANCELLED through the callback, which resets the state; the
    // serial also drops a JWKS that is already being parsed.
    const auto handle = m_fetchHandle;
    handle.cancel();
    if (m_fetching) {
        JwksOutcome outcome;
        outcome.serial = m_fetchSerial;
        outcome.error = oidc::makeError(oidc::ErrorCategory::Net, "NET_CANCELLED", "cancelled");
        applyJwks(outcome);
    }
    ++m_fetchSerial;
}

} // namespace ui
