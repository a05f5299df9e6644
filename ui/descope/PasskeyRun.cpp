#include "PasskeyRun.h"

#include "ui/Presentation.h"

#include "oidc/Async.h"
#include "oidc/descope/DescopeNarration.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/webauthn/AuthenticatorFile.h"
#include "oidc/webauthn/CeremonyView.h"
#include "oidc/webauthn/Origin.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <utility>

namespace ui {

using namespace oidc::descope;
namespace webauthn = oidc::webauthn;

namespace {

bool isCancellation(const oidc::Error &error)
{
    return error.code == "NET_CANCELLED";
}

oidc::Json errorJson(const oidc::Error &error)
{
    return {{"error", {{"code", error.code}, {"message", error.message}}}};
}

// The options with allowCredentials narrowed to the credential the user picked, as a browser's
// account chooser narrows them (§6.3.3 step 6: the authenticator only uses an allowed credential).
// A pick the relying party did not allow is refused here: a browser could not use it either.
oidc::Result<std::string> narrowToSigner(const std::string &optionsText, const std::string &signer)
{
    oidc::Json options = oidc::Json::parse(optionsText, nullptr, false);
    const bool wrapped = options.is_object() && options.contains("publicKey");
    oidc::Json &publicKey = wrapped ? options["publicKey"] : options;
    if (!publicKey.is_object())
        return oidc::makeError(oidc::ErrorCategory::Input, "AUTHENTICATOR_OPTIONS", "the options are not a JSON object");
    const std::string id = oidc::crypto::base64UrlEncode(signer);
    const auto allowed = publicKey.find("allowCredentials");
    if (allowed != publicKey.end() && allowed->is_array() && !allowed->empty()) {
        bool listed = false;
        for (const auto &entry : *allowed)
            listed = listed || (entry.is_object() && entry.value("id", std::string()) == id);
        if (!listed)
            return oidc::makeError(oidc::ErrorCategory::Input, "AUTHENTICATOR_NOT_ALLOWED",
                                   "the chosen credential is not among those the server allows for this sign-in (allowCredentials)");
    }
    publicKey["allowCredentials"] = oidc::Json::array({{{"type", "public-key"}, {"id", id}}});
    return options.dump();
}

oidc::Status saveInto(const QString &path, const webauthn::SoftwareAuthenticator &authenticator)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return oidc::makeError(oidc::ErrorCategory::Input, "AUTHENTICATOR_FILE_WRITE", "the data directory cannot be created");
    return webauthn::saveAuthenticator(path.toStdString(), authenticator);
}

// The raw challenge of the options (publicKey.challenge, base64url); empty when unreadable.
std::string challengeOf(const std::string &optionsText)
{
    const oidc::Json options = oidc::Json::parse(optionsText, nullptr, false);
    const oidc::Json &publicKey = options.is_object() && options.contains("publicKey") ? options["publicKey"] : options;
    if (!publicKey.is_object() || !publicKey.contains("challenge") || !publicKey["challenge"].is_string())
        return {};
    auto challenge = oidc::crypto::base64UrlDecode(publicKey["challenge"].get<std::string>());
    return challenge ? std::move(challenge).value() : std::string();
}

// Adding a device is a registration by another authenticator: this one would rightly refuse
// the options, whose excludeCredentials lists the credentials it already holds (§6.3.2 step 3).
// A fresh software authenticator with the same settings creates the credential, which is then
// kept beside the others in the same file, so that it can be picked to sign.
oidc::Result<std::string> createOnNewDevice(webauthn::SoftwareAuthenticator &authenticator, const std::string &options,
                                            const std::string &origin, const webauthn::AuthenticatorFaults &faults)
{
    webauthn::SoftwareAuthenticator device(authenticator.options());
    auto response = device.createCredential(options, origin, faults);
    if (!response)
        return response;
    auto kept = authenticator.exportCredentials();
    auto added = device.exportCredentials();
    if (!kept)
        return kept.error();
    if (!added)
        return added.error();
    for (auto &credential : *added)
        kept->push_back(std::move(credential));
    if (auto imported = authenticator.importCredentials(*kept); !imported)
        return imported.error();
    return response;
}

} // namespace

struct PasskeyRun::Signed final {
    oidc::Result<std::string> response = oidc::makeError(oidc::ErrorCategory::Input, "AUTHENTICATOR_NOT_RUN", "not run");
    webauthn::SoftwareAuthenticator authenticator;
    oidc::Json decoded;
    std::optional<webauthn::CeremonyView> view;
    bool changed = false; // the authenticator's state changed and was saved
};

PasskeyRun::PasskeyRun(QString authenticatorPath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(authenticatorPath))
    , m_browser(new PasskeyBrowserAuthenticator(this))
{
    connect(m_browser, &PasskeyBrowserAuthenticator::answered, this, &PasskeyRun::browserAnswered);
    connect(m_browser, &PasskeyBrowserAuthenticator::refused, this, &PasskeyRun::browserRefused);
    // Presentation mode's narration line says what each phase of a ceremony is about (ui/Presentation.h).
    connect(this, &PasskeyRun::phaseChanged, this, [](Phase phase) {
        switch (phase) {
        case Phase::Starting: Presentation::narrate(descopeNarration(DescopeMove::PasskeyStart)); return;
        case Phase::Signing: Presentation::narrate(descopeNarration(DescopeMove::PasskeySign)); return;
        case Phase::Finishing: Presentation::narrate(descopeNarration(DescopeMove::PasskeyFinish)); return;
        case Phase::Done: Presentation::narrate(descopeNarration(DescopeMove::SignedIn)); return;
        case Phase::Failed: Presentation::narrate(descopeNarration(DescopeMove::Refused)); return;
        case Phase::Loading:
        case Phase::Idle:
        case Phase::Saving:
        case Phase::Cancelled: return;
        }
    });
    load();
}

PasskeyRun::~PasskeyRun()
{
    m_closing = true;
    std::exchange(m_operation, {}).cancel();
}

void PasskeyRun::load()
{
    setPhase(Phase::Loading);
    using Loaded = oidc::Result<webauthn::LoadedAuthenticator>;
    oidc::runOffThread<Loaded>(
        this, [path = m_path.toStdString()] { return webauthn::loadAuthenticator(path, webauthn::MissingFile::StartEmpty); },
        [this](Loaded loaded) {
            if (loaded) {
                m_authenticator = std::move(loaded->authenticator);
                m_fileError.reset();
            } else {
                m_fileError = loaded.error();
                m_failedIn = Phase::Loading;
                Q_EMIT fileFailed(loaded.error());
            }
            Q_EMIT credentialsChanged();
            setPhase(Phase::Idle);
        });
}

void PasskeyRun::setClient(DescopeClient *client)
{
    if (m_client == client)
        return;
    cancel();
    m_client = client;
}

bool PasskeyRun::isBusy() const
{
    return m_phase == Phase::Loading || m_phase == Phase::Starting || m_phase == Phase::Signing || m_phase == Phase::Finishing
        || m_phase == Phase::Saving;
}

void PasskeyRun::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

void PasskeyRun::run(const WebAuthnStart &start, const std::string &signer, PasskeyTamper tamper, webauthn::CoseAlgorithm algorithm)
{
    const quint64 serial = ++m_serial;
    std::exchange(m_operation, {}).cancel();
    m_ceremony.reset();
    m_signer = signer;
    m_tamper = tamper;
    m_algorithm = algorithm;
    if (m_fileError) {
        m_failedIn = Phase::Loading;
        end(failedOutcome(*m_fileError));
        return;
    }
    if (!m_client) {
        m_failedIn = Phase::Starting;
        end(failedOutcome(oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NO_PROJECT", "no Descope project is chosen")));
        return;
    }
    WebAuthnStart request = start;
    const bool browser = m_useBrowser;
    if (browser) {
        // The listener first: the start names the page's origin (http://localhost:<port>).
        auto origin = m_browser->open();
        if (!origin) {
            m_failedIn = Phase::Starting;
            end(failedOutcome(origin.error()));
            return;
        }
        request.origin = *origin;
    }
    setPhase(Phase::Starting);
    m_operation = m_client->startWebAuthn(request, [this, serial, start = request, browser](oidc::Result<WebAuthnStarted> started) {
        if (m_closing || serial != m_serial)
            return;
        m_operation = {};
        if (!started) {
            m_failedIn = Phase::Starting;
            end(failedOutcome(started.error()));
            return;
        }
        if (browser)
            browse(start, *started, serial);
        else
            sign(start, *started, serial);
    });
}

void PasskeyRun::sign(const WebAuthnStart &start, const WebAuthnStarted &started, quint64 serial)
{
    setPhase(Phase::Signing);
    const std::string origin = m_client ? webauthn::pageOriginFor(m_client->project().baseUrl(), started.options) : std::string();
    auto tampered = tamperCeremony(m_tamper, origin, m_previousChallenge);
    m_previousChallenge = challengeOf(started.options);
    m_ceremony = PasskeyCeremonyRecord{started.create, started.options, tampered ? tampered->origin : origin, {}, nullptr, {}};
    if (!tampered) {
        m_ceremony->decoded = errorJson(tampered.error());
        Q_EMIT ceremonyRecorded();
        m_failedIn = Phase::Signing;
        end(failedOutcome(tampered.error()));
        return;
    }
    // Key generation (RSA: tens of milliseconds), signing and the file's write run off the GUI
    // thread on a copy; the copy comes back and replaces this one once it was saved.
    auto work = [authenticator = m_authenticator, options = started.options, create = started.create, newDevice = start.kind == WebAuthnStartKind::Update, origin = tampered->origin,
                 signer = m_signer, faults = tampered->faults, algorithm = m_algorithm, chosen = m_settings, path = m_path]() mutable {
        Signed result;
        if (chosen)
            authenticator.setOptions(*chosen);
        if (create) {
            auto settings = authenticator.options();
            settings.algorithms = {algorithm};
            authenticator.setOptions(std::move(settings));
        }
        if (create && newDevice) {
            result.response = createOnNewDevice(authenticator, options, origin, faults);
        } else if (create) {
            result.response = authenticator.createCredential(options, origin, faults);
        } else if (signer.empty()) {
            result.response = authenticator.getAssertion(options, origin, faults);
        } else {
            auto narrowed = narrowToSigner(options, signer);
            result.response = narrowed ? authenticator.getAssertion(*narrowed, origin, faults) : oidc::Result<std::string>(narrowed.error());
        }
        if (result.response) {
            auto view = create ? webauthn::describeRegistration(*result.response) : webauthn::describeAssertion(*result.response);
            result.decoded = view ? view->toJson() : errorJson(view.error());
            if (view)
                result.view = std::move(view).value();
            if (auto saved = saveInto(path, authenticator); !saved)
                result.response = saved.error();
            else
                result.changed = true;
        }
        result.authenticator = std::move(authenticator);
        return result;
    };
    oidc::runOffThread<Signed>(this, std::move(work),
                               [this, start, started, serial](Signed result) { signedResponse(start, started, serial, std::move(result)); });
}

void PasskeyRun::signedResponse(const WebAuthnStart &start, const WebAuthnStarted &started, quint64 serial, Signed result)
{
    // Saved is saved: the file holds the new credential or counter, even for a cancelled run.
    if (result.changed) {
        m_authenticator = std::move(result.authenticator);
        Q_EMIT credentialsChanged();
    }
    if (m_closing || serial != m_serial)
        return;
    if (!result.response) {
        m_ceremony->decoded = errorJson(result.response.error());
        Q_EMIT ceremonyRecorded();
        m_failedIn = Phase::Signing;
        end(failedOutcome(result.response.error()));
        return;
    }
    m_ceremony->response = *result.response;
    m_ceremony->decoded = std::move(result.decoded);
    m_ceremony->view = std::move(result.view);
    Q_EMIT ceremonyRecorded();
    finish(start, started, serial, *result.response);
}

void PasskeyRun::browse(const WebAuthnStart &start, const WebAuthnStarted &started, quint64 serial)
{
    setPhase(Phase::Signing);
    m_previousChallenge = challengeOf(started.options);
    m_ceremony = PasskeyCeremonyRecord{started.create, started.options, start.origin, {}, nullptr, std::nullopt};
    if (auto served = m_browser->serve(started.options, started.create); !served) {
        m_ceremony->decoded = errorJson(served.error());
        Q_EMIT ceremonyRecorded();
        m_failedIn = Phase::Signing;
        end(failedOutcome(served.error()));
        return;
    }
    m_browsing = Browsing{start, started, serial};
}

void PasskeyRun::browserAnswered(const std::string &response)
{
    if (!m_browsing || m_browsing->serial != m_serial)
        return;
    const Browsing browsing = *std::exchange(m_browsing, std::nullopt);
    m_ceremony->response = response;
    // Decoded off the GUI thread, as the software authenticator's response is (CBOR, COSE key).
    using Decoded = std::pair<oidc::Json, std::optional<webauthn::CeremonyView>>;
    oidc::runOffThread<Decoded>(
        this,
        [response, create = browsing.started.create] {
            auto view = create ? webauthn::describeRegistration(response) : webauthn::describeAssertion(response);
            if (!view)
                return Decoded{errorJson(view.error()), std::nullopt};
            oidc::Json json = view->toJson();
            return Decoded{std::move(json), std::move(*view)};
        },
        [this, browsing](Decoded decoded) {
            if (m_closing || browsing.serial != m_serial)
                return;
            m_ceremony->decoded = std::move(decoded.first);
            m_ceremony->view = std::move(decoded.second);
            Q_EMIT ceremonyRecorded();
            finish(browsing.start, browsing.started, browsing.serial, m_ceremony->response);
        });
}

void PasskeyRun::browserRefused(const oidc::Error &error)
{
    if (!m_browsing || m_browsing->serial != m_serial)
        return;
    m_browsing.reset();
    m_ceremony->decoded = errorJson(error);
    Q_EMIT ceremonyRecorded();
    m_failedIn = Phase::Signing;
    end(failedOutcome(error));
}

void PasskeyRun::finish(const WebAuthnStart &start, const WebAuthnStarted &started, quint64 serial, const std::string &response)
{
    if (!m_client) {
        m_failedIn = Phase::Finishing;
        end(failedOutcome(oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NO_PROJECT", "no Descope project is chosen")));
        return;
    }
    setPhase(Phase::Finishing);
    const WebAuthnFinishKind kind = finishKindFor(start.kind, started.create);
    if (kind != WebAuthnFinishKind::Update) {
        m_operation = m_client->finishWebAuthn(kind, started.transactionId, response, [this, serial](SessionOutcome outcome) {
            if (m_closing || serial != m_serial)
                return;
            m_failedIn = Phase::Finishing;
            end(std::move(outcome));
        });
        return;
    }
    m_operation = m_client->finishWebAuthnUpdate(started.transactionId, response,
                                                 [this, serial](oidc::Result<std::optional<SessionOutcome>> updated) {
                                                     if (m_closing || serial != m_serial)
                                                         return;
                                                     m_failedIn = Phase::Finishing;
                                                     if (!updated) {
                                                         end(failedOutcome(updated.error()));
                                                     } else if (*updated) {
                                                         end(std::move(**updated));
                                                     } else {
                                                         m_operation = {};
                                                         setPhase(Phase::Done);
                                                         Q_EMIT deviceAdded();
                                                     }
                                                 });
}

void PasskeyRun::cancel()
{
    if (m_phase != Phase::Starting && m_phase != Phase::Signing && m_phase != Phase::Finishing)
        return;
    ++m_serial; // the authenticator's answer, still to come, is dropped (its file is kept)
    std::exchange(m_operation, {}).cancel();
    end(failedOutcome(oidc::makeError(oidc::ErrorCategory::Net, "NET_CANCELLED", "cancelled")));
}

void PasskeyRun::end(SessionOutcome outcome)
{
    m_operation = {};
    // The browser's listener closes with every end: answered, refused, cancelled or failed elsewhere.
    m_browsing.reset();
    m_browser->cancel();
    const Phase phase = outcome.ok() ? Phase::Done : isCancellation(outcome.result.error()) ? Phase::Cancelled : Phase::Failed;
    m_phase = phase;
    Q_EMIT finished(outcome);
    Q_EMIT phaseChanged(phase);
}

void PasskeyRun::fail(oidc::Error error)
{
    m_failedIn = Phase::Saving;
    Q_EMIT fileFailed(error);
    setPhase(Phase::Idle);
}

void PasskeyRun::deleteCredential(const std::string &id)
{
    if (isBusy() || m_fileError)
        return;
    setPhase(Phase::Saving);
    using Kept = oidc::Result<webauthn::SoftwareAuthenticator>;
    oidc::runOffThread<Kept>(
        this,
        [authenticator = m_authenticator, id, path = m_path]() -> Kept {
            auto credentials = authenticator.exportCredentials();
            if (!credentials)
                return credentials.error();
            oidc::Json kept = oidc::Json::array();
            for (auto &credential : *credentials)
                if (credential.value("id", std::string()) != oidc::crypto::base64UrlEncode(id))
                    kept.push_back(std::move(credential));
            webauthn::SoftwareAuthenticator remaining(authenticator.options());
            if (auto imported = remaining.importCredentials(kept); !imported)
                return imported.error();
            if (auto saved = saveInto(path, remaining); !saved)
                return saved.error();
            return remaining;
        },
        [this](Kept kept) {
            if (!kept) {
                fail(kept.error());
                return;
            }
            m_authenticator = std::move(kept).value();
            Q_EMIT credentialsChanged();
            setPhase(Phase::Idle);
        });
}

} // namespace ui

#include "moc_PasskeyRun.cpp"
