// sandbox_auth_tool: a command-line face of sandbox/auth, for the node interop chain and for
// trying the engines by hand. Files are JSON; binary values base64url.
//
//   sandbox_auth_tool registration-options --dir D [--fresh]
//       D/config.json, D/registration-options.json (Descope's "options" string),
//       D/registration-transaction.json
//   sandbox_auth_tool enroll --dir D
//       verifies every response in D/registrations.json against the transaction, writes
//       D/credentials.json and the sign-in start: D/authentication-options.json,
//       D/authentication-transaction.json
//   sandbox_auth_tool software-ceremonies --dir D [--fresh]
//       the core's software authenticator registers and signs in three times for every algorithm
//       and attestation mode (and twice without user verification), going through its file
//       (D/<label>.authenticator.json) before the last sign-in; D/software.json holds options,
//       responses and their decoded views for an independent verifier
//   sandbox_auth_tool verify-registration --transaction F --response F
//   sandbox_auth_tool verify-assertion --transaction F --credentials F --response F
//   sandbox_auth_tool totp --secret BASE32 [--time UNIX]
//   sandbox_auth_tool totp-enroll --issuer NAME --account LOGIN [--png FILE]
//       prints Descope's TOTPResponse {"provisioningURL","image","key"}; writes the QR code PNG

#include "sandbox/auth/TotpEnrollment.h"
#include "sandbox/auth/WebAuthnOptions.h"
#include "sandbox/auth/WebAuthnVerifier.h"

#include "oidc/Json.h"
#include "oidc/crypto/Base32.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/otp/Totp.h"
#include "oidc/webauthn/AuthenticatorFile.h"
#include "oidc/webauthn/CeremonyView.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace {

using namespace sandbox::auth;
using namespace oidc::webauthn;
using oidc::crypto::base32Decode;
using oidc::otp::totp;
namespace fs = std::filesystem;

constexpr char kRpId[] = "localhost";
constexpr char kOrigin[] = "http://localhost:8443";
constexpr char kUserHandle[] = "interop-user";

int64_t now()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Arguments {
    std::string command;
    std::map<std::string, std::string> values;
    bool has(const std::string &name) const { return values.count(name) != 0; }
    std::string get(const std::string &name) const
    {
        const auto it = values.find(name);
        return it == values.end() ? std::string() : it->second;
    }
};

Arguments parseArguments(int argc, char **argv)
{
    Arguments arguments;
    if (argc > 1)
        arguments.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
            continue;
        if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0)
            arguments.values[arg.substr(2)] = argv[++i];
        else
            arguments.values[arg.substr(2)] = "";
    }
    return arguments;
}

std::string readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeFile(const fs::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text))
        throw std::runtime_error("cannot write " + path.string());
}

oidc::Json readJson(const fs::path &path)
{
    auto json = oidc::parseJson(readFile(path));
    if (!json)
        throw std::runtime_error(path.string() + ": " + json.error().summary());
    return std::move(json).value();
}

template <typename T>
T orThrow(oidc::Result<T> result, const std::string &what)
{
    if (!result)
        throw std::runtime_error(what + ": " + result.error().summary());
    return std::move(result).value();
}

void orThrow(const oidc::Status &status, const std::string &what)
{
    if (!status)
        throw std::runtime_error(what + ": " + status.error().summary());
}

fs::path prepareDir(const Arguments &arguments)
{
    const fs::path dir = arguments.get("dir");
    if (dir.empty())
        throw std::runtime_error("--dir is required");
    if (arguments.has("fresh"))
        fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

RelyingParty relyingParty()
{
    return RelyingParty{kRpId, "OIDC Playground (interop)", {kOrigin}};
}

int registrationOptions(const Arguments &arguments)
{
    const fs::path dir = prepareDir(arguments);
    RegistrationOptionsRequest request;
    request.relyingParty = relyingParty();
    request.user = {kUserHandle, "interop@example.com", "Interop User"};
    request.algorithms = {CoseAlgorithm::ES256, CoseAlgorithm::RS256, CoseAlgorithm::EdDSA};
    request.nowUnix = now();
    const RegistrationStart start = orThrow(startRegistration(request), "registration options");
    writeFile(dir / "config.json", oidc::Json{{"rpId", kRpId}, {"origin", kOrigin}}.dump(2));
    writeFile(dir / "registration-options.json", start.options);
    writeFile(dir / "registration-transaction.json", start.transaction.toJson().dump(2));
    std::cout << "registration options written to " << dir << "\n";
    return 0;
}

int enroll(const Arguments &arguments)
{
    const fs::path dir = arguments.get("dir");
    const auto transaction = orThrow(RegistrationTransaction::fromJson(readJson(dir / "registration-transaction.json")), "transaction");
    const oidc::Json manifest = readJson(dir / "registrations.json");
    oidc::Json credentials = oidc::Json::array();
    std::vector<CredentialDescriptor> allow;
    for (const auto &entry : manifest.at("entries")) {
        const std::string label = entry.at("label").get<std::string>();
        const WebAuthnCredential credential =
            orThrow(verifyRegistration(transaction, entry.at("response").get<std::string>(), now()), "registration " + label);
        std::cout << "verified registration " << label << ": " << coseAlgorithmName(credential.algorithm) << ", "
                  << attestationTypeName(credential.attestationType) << "\n";
        credentials.push_back(credential.toJson());
        allow.push_back({credential.id, credential.transports});
    }
    AuthenticationOptionsRequest request;
    request.relyingParty = relyingParty();
    request.userHandle = kUserHandle;
    request.allowCredentials = allow;
    request.nowUnix = now();
    const AuthenticationStart start = orThrow(startAuthentication(request), "authentication options");
    writeFile(dir / "credentials.json", credentials.dump(2));
    writeFile(dir / "authentication-options.json", start.options);
    writeFile(dir / "authentication-transaction.json", start.transaction.toJson().dump(2));
    return 0;
}

int softwareCeremonies(const Arguments &arguments)
{
    const fs::path dir = prepareDir(arguments);
    oidc::Json entries = oidc::Json::array();
    struct Case {
        CoseAlgorithm algorithm;
        AttestationMode mode;
        bool userVerifying;
    };
    const Case cases[] = {
        {CoseAlgorithm::ES256, AttestationMode::None, true},      {CoseAlgorithm::ES256, AttestationMode::PackedSelf, true},
        {CoseAlgorithm::ES256, AttestationMode::PackedCertificate, true}, {CoseAlgorithm::RS256, AttestationMode::None, true},
        {CoseAlgorithm::RS256, AttestationMode::PackedSelf, true}, {CoseAlgorithm::RS256, AttestationMode::PackedCertificate, true},
        {CoseAlgorithm::EdDSA, AttestationMode::None, true},      {CoseAlgorithm::EdDSA, AttestationMode::PackedSelf, true},
        {CoseAlgorithm::ES256, AttestationMode::PackedSelf, false}, {CoseAlgorithm::EdDSA, AttestationMode::None, false},
    };
    for (const auto &[algorithm, mode, userVerifying] : cases) {
        const std::string label = std::string(coseAlgorithmName(algorithm)) + "-" + std::string(attestationModeName(mode))
            + (userVerifying ? "" : "-no-uv");
        SoftwareAuthenticatorOptions options;
        options.algorithms = {algorithm};
        options.attestation = mode;
        options.userVerifying = userVerifying;
        SoftwareAuthenticator authenticator(options);

        RegistrationOptionsRequest registrationRequest;
        registrationRequest.relyingParty = relyingParty();
        registrationRequest.user = {kUserHandle, "interop@example.com", "Interop User"};
        registrationRequest.algorithms = {CoseAlgorithm::ES256, CoseAlgorithm::RS256, CoseAlgorithm::EdDSA};
        registrationRequest.nowUnix = now();
        const RegistrationStart registration = orThrow(startRegistration(registrationRequest), label);
        const std::string registrationResponse = orThrow(authenticator.createCredential(registration.options, kOrigin), label);
        // Our own verifier first: the node verifier below is the independent one.
        WebAuthnCredential credential = orThrow(verifyRegistration(registration.transaction, registrationResponse, now()), label);
        const oidc::Json registrationView = orThrow(describeRegistration(registrationResponse), label).toJson();

        // Three sign-ins; the authenticator goes through its file before the last one, and is
        // saved again after it (the counter is what the file must keep).
        const fs::path file = dir / (label + ".authenticator.json");
        oidc::Json authentications = oidc::Json::array();
        for (int round = 1; round <= 3; ++round) {
            if (round == 3) {
                orThrow(saveAuthenticator(file.string(), authenticator), label + " save");
                authenticator = orThrow(loadAuthenticator(file.string(), MissingFile::Refuse), label + " load").authenticator;
            }
            AuthenticationOptionsRequest authenticationRequest;
            authenticationRequest.relyingParty = relyingParty();
            authenticationRequest.userHandle = kUserHandle;
            authenticationRequest.allowCredentials = {{credential.id, {}}};
            authenticationRequest.nowUnix = now();
            const AuthenticationStart authentication = orThrow(startAuthentication(authenticationRequest), label);
            const std::string assertion = orThrow(authenticator.getAssertion(authentication.options, kOrigin), label);
            orThrow(verifyAssertion(authentication.transaction, assertion, std::span(&credential, 1), now()), label);
            authentications.push_back({{"options", authentication.options},
                                       {"response", assertion},
                                       {"view", orThrow(describeAssertion(assertion), label).toJson()}});
        }
        orThrow(saveAuthenticator(file.string(), authenticator), label + " save");

        entries.push_back({{"label", label},
                           {"rpId", kRpId},
                           {"origin", kOrigin},
                           {"fmt", mode == AttestationMode::None ? "none" : "packed"},
                           {"userVerifying", userVerifying},
                           {"authenticatorFile", fs::absolute(file).string()},
                           {"registration", {{"options", registration.options}, {"response", registrationResponse}, {"view", registrationView}}},
                           {"authentications", std::move(authentications)}});
        std::cout << "software authenticator: " << label << "\n";
    }
    writeFile(dir / "software.json", oidc::Json{{"entries", entries}}.dump(2));
    return 0;
}

int verifyRegistrationCommand(const Arguments &arguments)
{
    const auto transaction = orThrow(RegistrationTransaction::fromJson(readJson(arguments.get("transaction"))), "transaction");
    const WebAuthnCredential credential = orThrow(verifyRegistration(transaction, readFile(arguments.get("response")), now()), "registration");
    std::cout << credential.toJson().dump(2) << "\n";
    return 0;
}

int verifyAssertionCommand(const Arguments &arguments)
{
    const auto transaction = orThrow(AuthenticationTransaction::fromJson(readJson(arguments.get("transaction"))), "transaction");
    std::vector<WebAuthnCredential> credentials;
    for (const auto &record : readJson(arguments.get("credentials")))
        credentials.push_back(orThrow(WebAuthnCredential::fromJson(record), "credential"));
    const AssertionResult result = orThrow(verifyAssertion(transaction, readFile(arguments.get("response")), credentials, now()), "assertion");
    std::cout << "verified: user " << oidc::crypto::base64UrlEncode(result.userHandle) << ", counter " << result.signCount << "\n";
    return 0;
}

int totpCommand(const Arguments &arguments)
{
    const std::string secret = orThrow(base32Decode(arguments.get("secret")), "secret");
    const int64_t time = arguments.has("time") ? std::stoll(arguments.get("time")) : now();
    std::cout << orThrow(totp(secret, time), "totp") << "\n";
    return 0;
}

int totpEnrollCommand(const Arguments &arguments)
{
    const TotpEnrollment enrollment =
        orThrow(createTotpEnrollment({arguments.get("issuer"), arguments.get("account"), {}, 20}), "enrollment");
    if (arguments.has("png"))
        writeFile(arguments.get("png"), enrollment.qrPng);
    std::cout << enrollment.toDescopeJson().dump(2) << "\n";
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const Arguments arguments = parseArguments(argc, argv);
    try {
        if (arguments.command == "registration-options")
            return registrationOptions(arguments);
        if (arguments.command == "enroll")
            return enroll(arguments);
        if (arguments.command == "software-ceremonies")
            return softwareCeremonies(arguments);
        if (arguments.command == "verify-registration")
            return verifyRegistrationCommand(arguments);
        if (arguments.command == "verify-assertion")
            return verifyAssertionCommand(arguments);
        if (arguments.command == "totp")
            return totpCommand(arguments);
        if (arguments.command == "totp-enroll")
            return totpEnrollCommand(arguments);
    } catch (const std::exception &error) {
        std::cerr << "sandbox_auth_tool: " << error.what() << "\n";
        return 1;
    }
    std::cerr << "usage: sandbox_auth_tool registration-options|enroll|software-ceremonies|verify-registration|"
                 "verify-assertion|totp|totp-enroll …\n";
    return 2;
}
