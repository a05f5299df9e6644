#pragma once

// Where the JWT inspector's keys come from, one page per source: pasted key material (a JWKS, a
// JWK or PEM, parsed off the GUI thread as the user types, with what was found), a JWKS URL
// (fetched by JwksFetcher, with an http:// warning and the fetch's outcome), or an HMAC shared
// secret. The panel asks what Verify still needs and reads the chosen keys from here.

#include "ui/inspector/JwksFetcher.h"

#include <QTimer>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace ui {

class KeySourceEditor final : public QWidget {
    Q_OBJECT
public:
    enum class Source { PastedKeys, JwksUrl, HmacSecret };

    static constexpr int kParseDelayMs = 300;

    explicit KeySourceEditor(QWidget *parent = nullptr);

    [[nodiscard]] Source source() const;
    void setSource(Source source);

    [[nodiscard]] std::string pastedKeys() const;
    [[nodiscard]] std::string hmacSecret() const;
    [[nodiscard]] QUrl jwksUrl() const;
    // The keys fetched from the URL now in the box; nullptr when there are none for it yet.
    [[nodiscard]] const oidc::crypto::JsonWebKeySet *fetchedKeys() const;
    // What Verify still waits for from the key source ("Enter the JWKS URL under Key."); empty when ready.
    [[nodiscard]] QString missingInput() const;

    [[nodiscard]] JwksFetcher *fetcher() const { return m_fetcher; }
    void setTransport(oidc::net::HttpTransport *transport);
    // Starts fetching the URL; the error (shown here too) when no request can be made for it.
    [[nodiscard]] oidc::Status fetchJwks();
    void cancelFetch();

Q_SIGNALS:
    // The source, the URL, the secret or the fetching state changed: what Verify needs may have.
    void changed();
    // Fetch or Return in the URL field.
    void fetchRequested();

private:
    struct ParsedKeys; // a worker's result

    QWidget *buildPastedPage();
    QWidget *buildUrlPage();
    QWidget *buildSecretPage();
    void parsePastedKeys();
    void showParsedKeys(quint64 serial, const ParsedKeys &parsed);
    void showFetched(const JwksFetcher::Outcome &outcome);
    void onUrlEdited();
    void updateUrlWarning();
    void updateFetchButtons();

    JwksFetcher *m_fetcher;
    QComboBox *m_sourceCombo = nullptr;
    QStackedWidget *m_pages = nullptr;
    QPlainTextEdit *m_keyMaterial = nullptr;
    QLabel *m_keyStatus = nullptr;
    QLineEdit *m_url = nullptr;
    QPushButton *m_fetchButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_urlWarning = nullptr;
    QLabel *m_fetchStatus = nullptr;
    QLineEdit *m_secret = nullptr;
    QTimer m_parseTimer;
    quint64 m_parseSerial = 0; // bumps on every parse: an older result never shows
};

} // namespace ui
