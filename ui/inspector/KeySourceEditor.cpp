#include "KeySourceEditor.h"

#include "ui/Presentation.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/Async.h"
#include "oidc/net/Http.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>

namespace ui {

namespace {

QString joined(const std::vector<std::string> &items)
{
    QStringList list;
    for (const auto &item : items)
        list << qs(item);
    return list.join(QStringLiteral("; "));
}

QString countedKeys(qsizetype count)
{
    return count == 1 ? QStringLiteral("1 key") : QStringLiteral("%1 keys").arg(count);
}

const QString kFetchHint = QStringLiteral("Keys are fetched when you press Fetch or Verify.");

} // namespace

struct KeySourceEditor::ParsedKeys final {
    QString text; // the key text that was parsed
    std::optional<oidc::Error> error;
    std::vector<std::string> keys; // descriptions
    std::vector<std::string> skipped;
};

KeySourceEditor::KeySourceEditor(QWidget *parent)
    : QWidget(parent)
    , m_fetcher(new JwksFetcher(this))
    , m_sourceCombo(new QComboBox)
    , m_pages(new QStackedWidget)
{
    setObjectName(QStringLiteral("keySourceEditor"));
    m_sourceCombo->setObjectName(QStringLiteral("keySourceCombo"));
    m_sourceCombo->addItem(QStringLiteral("Pasted keys: JWKS, JWK or PEM"), static_cast<int>(Source::PastedKeys));
    m_sourceCombo->addItem(QStringLiteral("JWKS URL (fetched)"), static_cast<int>(Source::JwksUrl));
    m_sourceCombo->addItem(QStringLiteral("HMAC shared secret"), static_cast<int>(Source::HmacSecret));
    m_pages->setObjectName(QStringLiteral("keySourceStack"));
    m_pages->addWidget(buildPastedPage());
    m_pages->addWidget(buildUrlPage());
    m_pages->addWidget(buildSecretPage());
    connect(m_sourceCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        Q_EMIT changed();
    });

    layout::attach(this, layout::column({layout::row({plainLabel(QStringLiteral("Key source")), layout::Item(m_sourceCombo, 1)}),
                                         layout::Item(m_pages, 1)}));

    m_parseTimer.setSingleShot(true);
    m_parseTimer.setInterval(kParseDelayMs);
    connect(&m_parseTimer, &QTimer::timeout, this, &KeySourceEditor::parsePastedKeys);
    connect(m_fetcher, &JwksFetcher::fetchingChanged, this, [this](bool fetching) {
        m_cancelButton->setEnabled(fetching);
        m_url->setReadOnly(fetching);
        updateFetchButtons();
        Q_EMIT changed();
    });
    connect(m_fetcher, &JwksFetcher::finished, this, &KeySourceEditor::showFetched);
    updateFetchButtons();
}

QWidget *KeySourceEditor::buildPastedPage()
{
    m_keyMaterial = new QPlainTextEdit;
    m_keyMaterial->setObjectName(QStringLiteral("keyMaterialEdit"));
    m_keyMaterial->setFont(monospaceFont());
    m_keyMaterial->setWordWrapMode(QTextOption::WrapAnywhere);
    m_keyMaterial->setPlaceholderText(QStringLiteral("{\"keys\":[…]}, a single JWK, or -----BEGIN PUBLIC KEY----- / CERTIFICATE-----"));
    m_keyStatus = toneLabel(QStringLiteral("keyStatusLabel"), Tone::Neutral, QStringLiteral("No keys pasted."));
    connect(m_keyMaterial, &QPlainTextEdit::textChanged, &m_parseTimer, qOverload<>(&QTimer::start));
    return layout::widget(layout::column({layout::Item(m_keyMaterial, 1), m_keyStatus}, {.margins = layout::kFlush}));
}

QWidget *KeySourceEditor::buildUrlPage()
{
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("jwksUrlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://provider.example/.well-known/jwks.json"));
    m_url->setClearButtonEnabled(true);
    m_fetchButton = new QPushButton(QStringLiteral("Fetch"));
    m_fetchButton->setObjectName(QStringLiteral("fetchJwksButton"));
    m_cancelButton = new QPushButton(QStringLiteral("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("cancelFetchButton"));
    m_cancelButton->setEnabled(false);
    m_urlWarning = toneLabel(QStringLiteral("jwksUrlWarningLabel"), Tone::Warning);
    m_urlWarning->hide();
    m_fetchStatus = toneLabel(QStringLiteral("jwksStatusLabel"), Tone::Neutral, kFetchHint);
    connect(m_fetchButton, &QPushButton::clicked, this, &KeySourceEditor::fetchRequested);
    connect(m_url, &QLineEdit::returnPressed, this, &KeySourceEditor::fetchRequested);
    connect(m_cancelButton, &QPushButton::clicked, this, &KeySourceEditor::cancelFetch);
    connect(m_url, &QLineEdit::textChanged, this, &KeySourceEditor::onUrlEdited);
    return layout::widget(layout::column({layout::row({layout::Item(m_url, 1), m_fetchButton, m_cancelButton}), m_urlWarning,
                                          m_fetchStatus, layout::Stretch{}},
                                         {.margins = layout::kFlush}));
}

QWidget *KeySourceEditor::buildSecretPage()
{
    m_secret = new QLineEdit;
    m_secret->setObjectName(QStringLiteral("hmacSecretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(QStringLiteral("shared secret (UTF-8)"));
    auto *show = new QToolButton;
    show->setObjectName(QStringLiteral("showSecretButton"));
    show->setText(QStringLiteral("Show"));
    show->setCheckable(true);
    // Presenting, the secret stays masked and Show switches off (ui/Presentation.h).
    connect(show, &QToolButton::toggled, this, [this, show](bool shown) {
        if (shown && Presentation::secretsMasked()) {
            show->setChecked(false);
            return;
        }
        m_secret->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(&Presentation::instance(), &Presentation::activeChanged, show, [show](bool active) {
        if (active)
            show->setChecked(false);
    });
    connect(m_secret, &QLineEdit::textChanged, this, &KeySourceEditor::changed);
    auto *note = typeLabel(Type::Caption, QStringLiteral("The secret's UTF-8 bytes are the HMAC key. HS256/384/512 must be ticked under "
                                                         "Algorithms: a symmetric algorithm is never implied (RFC 8725 §3.1)."));
    return layout::widget(layout::column({layout::row({layout::Item(m_secret, 1), show}), note, layout::Stretch{}}, {.margins = layout::kFlush}));
}

KeySourceEditor::Source KeySourceEditor::source() const
{
    return static_cast<Source>(m_sourceCombo->currentData().toInt());
}

void KeySourceEditor::setSource(Source source)
{
    m_sourceCombo->setCurrentIndex(m_sourceCombo->findData(static_cast<int>(source)));
}

std::string KeySourceEditor::pastedKeys() const
{
    return toStd(m_keyMaterial->toPlainText());
}

std::string KeySourceEditor::hmacSecret() const
{
    return toStd(m_secret->text());
}

QUrl KeySourceEditor::jwksUrl() const
{
    return QUrl(m_url->text().trimmed(), QUrl::StrictMode);
}

const oidc::crypto::JsonWebKeySet *KeySourceEditor::fetchedKeys() const
{
    const auto &keys = m_fetcher->keys();
    return keys && m_fetcher->keysUrl() == jwksUrl() ? &*keys : nullptr;
}

QString KeySourceEditor::missingInput() const
{
    if (m_fetcher->isFetching())
        return QStringLiteral("Fetching the JWKS…");
    if (source() == Source::JwksUrl && m_url->text().trimmed().isEmpty())
        return QStringLiteral("Enter the JWKS URL under Key.");
    if (source() == Source::HmacSecret && m_secret->text().isEmpty())
        return QStringLiteral("Enter the shared secret under Key.");
    return {};
}

// ---------------------------------------------------------------------------------------------
// Pasted keys

void KeySourceEditor::parsePastedKeys()
{
    const quint64 serial = ++m_parseSerial;
    const QString text = m_keyMaterial->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_keyStatus->setText(QStringLiteral("No keys pasted."));
        setTone(m_keyStatus, Tone::Neutral);
        return;
    }
    // Parsing PEM and JWKs is OpenSSL work: off the GUI thread.
    oidc::runOffThread<ParsedKeys>(
        this,
        [text] {
            ParsedKeys parsed;
            parsed.text = text;
            auto keys = oidc::crypto::parseKeyMaterial(toStd(text));
            if (!keys) {
                parsed.error = keys.error();
                return parsed;
            }
            for (const auto &key : keys->keys)
                parsed.keys.push_back(key.describe());
            parsed.skipped = keys->skipped;
            return parsed;
        },
        [this, serial](ParsedKeys parsed) { showParsedKeys(serial, parsed); });
}

void KeySourceEditor::showParsedKeys(quint64 serial, const ParsedKeys &parsed)
{
    if (serial != m_parseSerial || parsed.text != m_keyMaterial->toPlainText())
        return; // the text changed while the worker ran
    if (parsed.error) {
        m_keyStatus->setText(QStringLiteral("✘ ") + errorText(*parsed.error));
        setTone(m_keyStatus, Tone::Bad);
        return;
    }
    QString text = QStringLiteral("✔ %1: ").arg(countedKeys(static_cast<qsizetype>(parsed.keys.size()))) + joined(parsed.keys);
    if (!parsed.skipped.empty())
        text += QStringLiteral("\nSkipped: ") + joined(parsed.skipped);
    m_keyStatus->setText(text);
    setTone(m_keyStatus, parsed.skipped.empty() ? Tone::Good : Tone::Warning);
}

// ---------------------------------------------------------------------------------------------
// JWKS URL

void KeySourceEditor::setTransport(oidc::net::HttpTransport *transport)
{
    m_fetcher->setTransport(transport);
}

oidc::Status KeySourceEditor::fetchJwks()
{
    const QUrl url = jwksUrl();
    m_fetchStatus->setText(QStringLiteral("Fetching %1 …").arg(url.toDisplayString()));
    setTone(m_fetchStatus, Tone::Neutral);
    oidc::Status started = m_fetcher->fetch(url);
    if (!started) {
        m_fetchStatus->setText(QStringLiteral("✘ ") + errorText(started.error()));
        setTone(m_fetchStatus, Tone::Bad);
    }
    return started;
}

void KeySourceEditor::cancelFetch()
{
    m_fetcher->cancel();
}

void KeySourceEditor::showFetched(const JwksFetcher::Outcome &outcome)
{
    if (outcome.error) {
        m_fetchStatus->setText(outcome.cancelled() ? QStringLiteral("Fetch cancelled.") : QStringLiteral("✘ ") + errorText(*outcome.error));
        setTone(m_fetchStatus, outcome.cancelled() ? Tone::Neutral : Tone::Bad);
        return;
    }
    const auto &keys = *outcome.keys;
    QStringList described;
    for (const auto &key : keys.keys)
        described << qs(key.describe());
    QString text = QStringLiteral("✔ HTTP %1 in %2 ms · %3: %4")
                       .arg(outcome.httpStatus)
                       .arg(outcome.elapsedMs)
                       .arg(countedKeys(described.size()), described.join(QStringLiteral("; ")));
    if (!keys.skipped.empty())
        text += QStringLiteral("\nSkipped: ") + joined(keys.skipped);
    m_fetchStatus->setText(text);
    setTone(m_fetchStatus, keys.skipped.empty() ? Tone::Good : Tone::Warning);
}

void KeySourceEditor::onUrlEdited()
{
    updateUrlWarning();
    if (!m_fetcher->isFetching() && !fetchedKeys()) {
        // What the status said was about another URL.
        m_fetchStatus->setText(kFetchHint);
        setTone(m_fetchStatus, Tone::Neutral);
    }
    updateFetchButtons();
    Q_EMIT changed();
}

void KeySourceEditor::updateUrlWarning()
{
    const QUrl url = jwksUrl();
    if (url.scheme() != QLatin1String("http") || url.host().isEmpty()) {
        m_urlWarning->hide();
        return;
    }
    if (oidc::net::isLoopbackHost(url.host())) {
        m_urlWarning->setText(QStringLiteral("⚠ http:// is accepted only because %1 is a loopback address (a local test provider). "
                                             "A real provider's keys must come over https.")
                                  .arg(url.host()));
        setTone(m_urlWarning, Tone::Warning);
    } else {
        m_urlWarning->setText(
            QStringLiteral("✘ http:// is refused for %1: keys fetched without TLS could be swapped in transit. Use https.").arg(url.host()));
        setTone(m_urlWarning, Tone::Bad);
    }
    m_urlWarning->show();
}

void KeySourceEditor::updateFetchButtons()
{
    m_fetchButton->setEnabled(!m_fetcher->isFetching() && !m_url->text().trimmed().isEmpty());
}

} // namespace ui

#include "moc_KeySourceEditor.cpp"
