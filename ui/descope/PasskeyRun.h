#pragma once

// One passkey ceremony as the Passkeys area drives it (descope-api.md §9; W3C WebAuthn Level 3
// §5.1.3, §5.1.4), over the core's DescopeClient and software authenticator: start (the options)
// → the authenticator creates or asserts, off the GUI thread, and its file is saved (a new
// credential, a new counter) → finish (a session, or for an added device none unless asked).
// Nothing here checks WebAuthn: the authenticator signs, Descope (or the sandbox) verifies, and
// the ceremony is decoded by the core's CeremonyView for the inspector. Adding a device registers
// through a fresh software authenticator (another device: this one holds the credentials the
// options exclude, §6.3.2) whose credential joins the others in the file, to be picked to sign.
//
// The authenticator lives in a file under the app's data directory (AuthenticatorFile.h: mode
// 0600, written atomically, never in the settings). It is read off the GUI thread when the run
// is made; a file that cannot be read (wrong permissions, corrupt) is reported and never
// overwritten: every ceremony is refused with that error until it is fixed.
//
// Every ceremony can be cancelled and reports once. The client is not owned: when the project
// changes, setClient() cancels what runs on the old one.

#include "ui/descope/PasskeyBrowserAuthenticator.h"
#include "ui/descope/PasskeyTamper.h"

#include "oidc/descope/DescopeClient.h"
#include "oidc/webauthn/CeremonyView.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>
#include <string>

namespace ui {

// What a ceremony sent and received, for the inspector.
struct PasskeyCeremonyRecord final {
    bool create = false;    // registration (create) or assertion (get)
    std::string options;    // the options as start returned them (JSON text)
    std::string origin;     // the origin the authenticator signed for
    std::string response;   // the authenticator's response (JSON text), empty when it refused
    oidc::Json decoded;     // CeremonyView::toJson() of the response, or {"error": …}
    std::optional<oidc::webauthn::CeremonyView> view; // the response decoded, when there is one
};

class PasskeyRun final : public QObject {
    Q_OBJECT
public:
    enum class Phase {
        Loading,   // the authenticator's file is being read
        Idle,      // ready
        Starting,  // the start call is out
        Signing,   // the authenticator creates or asserts (off the GUI thread), then saves its file
        Finishing, // the finish call is out
        Saving,    // a credential is being deleted from the file
        Done,      // the ceremony ended accepted
        Failed,    // refused (start, authenticator or finish)
        Cancelled, // the user cancelled
    };
    Q_ENUM(Phase)

    // `authenticatorPath`: the authenticator's file (created on the first registration).
    explicit PasskeyRun(QString authenticatorPath, QObject *parent = nullptr);
    ~PasskeyRun() override;

    void setClient(oidc::descope::DescopeClient *client);
    [[nodiscard]] oidc::descope::DescopeClient *client() const { return m_client; }

    // Runs a ceremony (start → authenticator → finish). `signer`: the raw ID of the credential
    // that must sign an assertion (the user's pick; empty: the authenticator's own choice).
    // `tamper`: the tamper switch (PasskeyTamper.h). `algorithm`: the one a new credential uses
    // (the authenticator's setting, kept in its file; it must be among the options'
    // pubKeyCredParams). The origin signed for is the page of the RP ID the options name
    // (oidc::webauthn::pageOriginFor).
    void run(const oidc::descope::WebAuthnStart &start, const std::string &signer, PasskeyTamper tamper,
             oidc::webauthn::CoseAlgorithm algorithm);
    void cancel();
    // The authenticator's settings for the next ceremonies (attestation, UV, BE, BS; the
    // algorithm comes with run()): applied before it signs, and kept in its file.
    void setSettings(const oidc::webauthn::SoftwareAuthenticatorOptions &settings) { m_settings = settings; }
    // The system browser instead of the software authenticator for the next runs
    // (PasskeyBrowserAuthenticator.h): start names the page's origin, the browser's answer goes
    // to finish; the signer, tamper switch and algorithm do not apply.
    void setUseSystemBrowser(bool use) { m_useBrowser = use; }
    [[nodiscard]] bool usesSystemBrowser() const { return m_useBrowser; }
    [[nodiscard]] PasskeyBrowserAuthenticator *browser() const { return m_browser; }
    // Removes a credential from the authenticator and its file.
    void deleteCredential(const std::string &id);

    [[nodiscard]] Phase phase() const { return m_phase; }
    [[nodiscard]] bool isBusy() const;
    // The phase a failure happened in (Starting, Signing, Finishing, Loading, Saving).
    [[nodiscard]] Phase failedIn() const { return m_failedIn; }
    [[nodiscard]] const oidc::webauthn::SoftwareAuthenticator &authenticator() const { return m_authenticator; }
    [[nodiscard]] QString authenticatorPath() const { return m_path; }
    // The file's error (it is left alone), if it could not be read.
    [[nodiscard]] const std::optional<oidc::Error> &fileError() const { return m_fileError; }
    [[nodiscard]] const std::optional<PasskeyCeremonyRecord> &ceremony() const { return m_ceremony; }

Q_SIGNALS:
    void phaseChanged(ui::PasskeyRun::Phase phase);
    void credentialsChanged();
    // The authenticator answered (or refused): the ceremony as far as it went.
    void ceremonyRecorded();
    // The end of a ceremony: the session, or the error (and the checks of a session that failed).
    void finished(const oidc::descope::SessionOutcome &outcome);
    // An added device whose finish answered no session ({}).
    void deviceAdded();
    // Reading the file or deleting a credential failed.
    void fileFailed(const oidc::Error &error);

private:
    struct Signed;

    void load();
    void setPhase(Phase phase);
    void sign(const oidc::descope::WebAuthnStart &start, const oidc::descope::WebAuthnStarted &started, quint64 serial);
    void signedResponse(const oidc::descope::WebAuthnStart &start, const oidc::descope::WebAuthnStarted &started, quint64 serial,
                        Signed result);
    void finish(const oidc::descope::WebAuthnStart &start, const oidc::descope::WebAuthnStarted &started, quint64 serial,
                const std::string &response);
    void browse(const oidc::descope::WebAuthnStart &start, const oidc::descope::WebAuthnStarted &started, quint64 serial);
    void browserAnswered(const std::string &response);
    void browserRefused(const oidc::Error &error);
    void end(oidc::descope::SessionOutcome outcome);
    void fail(oidc::Error error);

    // A system-browser ceremony waiting for the page's answer.
    struct Browsing final {
        oidc::descope::WebAuthnStart start;
        oidc::descope::WebAuthnStarted started;
        quint64 serial = 0;
    };

    QString m_path;
    PasskeyBrowserAuthenticator *m_browser;
    std::optional<Browsing> m_browsing;
    bool m_useBrowser = false;
    QPointer<oidc::descope::DescopeClient> m_client;
    oidc::webauthn::SoftwareAuthenticator m_authenticator;
    std::optional<oidc::Error> m_fileError;
    std::optional<PasskeyCeremonyRecord> m_ceremony;
    std::string m_signer;
    PasskeyTamper m_tamper = PasskeyTamper::None;
    oidc::webauthn::CoseAlgorithm m_algorithm = oidc::webauthn::CoseAlgorithm::ES256;
    std::optional<oidc::webauthn::SoftwareAuthenticatorOptions> m_settings;
    std::string m_previousChallenge; // raw: the challenge of the last ceremony started
    oidc::net::RequestHandle m_operation;
    quint64 m_serial = 0;
    Phase m_phase = Phase::Loading;
    Phase m_failedIn = Phase::Idle;
    bool m_closing = false;
};

} // namespace ui
