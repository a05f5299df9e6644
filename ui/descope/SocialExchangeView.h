#pragma once

// A social or SSO sign-in step by step, from its record (SocialSignInRecord): the redirect URL
// the start sent, the page Descope answered (the provider's or the IdP's), the redirect the
// browser came back with (its code redacted), the code itself — redacted unless "Show code" is
// held down, like every secret in the app — and the exchange: how often the code was sent and the
// last answer. "Exchange the code again" sends the spent code once more (Descope takes it once);
// a redirect URL pasted by hand (a system browser that landed on a page the app does not
// listen on) is handed on with pasted().
// Object names: socialRedirectSent, socialProviderUrl, socialRedirectBack, socialCode,
// socialShowCode, socialExchange, socialReplayButton, socialPasteEdit, socialPasteButton.

#include "ui/descope/SocialSignInRun.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ui {

class SocialExchangeView final : public QWidget {
    Q_OBJECT
public:
    explicit SocialExchangeView(QWidget *parent = nullptr);

    void showRecord(const SocialSignInRecord &record);
    void setReplayEnabled(bool enabled);
    void setPasteEnabled(bool enabled);

Q_SIGNALS:
    void replayRequested();
    void pasted(const QUrl &redirect);

private:
    void showCode();

    QLineEdit *m_redirectSent;
    QLineEdit *m_providerUrl;
    QLineEdit *m_redirectBack;
    QLineEdit *m_code;
    QPushButton *m_showCode;
    QLabel *m_exchange;
    QPushButton *m_replay;
    QLineEdit *m_paste;
    QPushButton *m_pasteButton;
    std::string m_codeValue; // SECRET: shown only while m_showCode is down
};

} // namespace ui
