#pragma once

// The ceremony inspector of the Passkeys area. "Decoded": side by side, the options start
// returned (the core's CeremonyOptionsView: challenge, rp, user, pubKeyCredParams,
// authenticatorSelection, exclude/allowCredentials, timeout) and the response decoded byte by
// byte (the core's CeremonyView: clientDataJSON's type, challenge and origin each beside what it
// should be; the authenticator data with rpIdHash next to SHA-256 of the RP ID and a match or
// mismatch line in its tone, the flags as a list spelled out, signCount, AAGUID, credential ID,
// the COSE key member by member and as a JWK; the attestation; the assertion's signature); under
// them the verdict pane (PasskeyVerdictView: the server's verdict, the core's comparisons as
// checks, the session returned). "Raw": the options and the decoded response as JSON. Everything
// is plain text; nothing is decoded or checked here beyond calling the core.
// Object names: ceremonyCaption, ceremonyTabs, ceremonyOptionsTree, ceremonyResponseTree,
// ceremonyHashMatch, ceremonyVerdict…, ceremonyOptions and ceremonyResponse (the raw JSON).

#include "oidc/descope/DescopeSession.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

namespace ui {

class PasskeyVerdictView;
struct PasskeyCeremonyRecord;

class PasskeyCeremonyInspector final : public QWidget {
    Q_OBJECT
public:
    explicit PasskeyCeremonyInspector(QWidget *parent = nullptr);

    void showCeremony(const PasskeyCeremonyRecord &ceremony);
    // The server's verdict on the ceremony shown (`what`: the step that refused, for a refusal).
    void showOutcome(const QString &what, const oidc::descope::SessionOutcome &outcome);
    void showDeviceAdded();
    void clear();

Q_SIGNALS:
    void openInInspector(const QString &token);

private:
    QLabel *m_caption;
    QTabWidget *m_tabs;
    QTreeWidget *m_optionsTree;
    QTreeWidget *m_responseTree;
    QLabel *m_hashMatch;
    PasskeyVerdictView *m_verdict;
    QPlainTextEdit *m_options;
    QPlainTextEdit *m_response;
};

} // namespace ui
