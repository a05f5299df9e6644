// The authenticator file: written 0600 and replaced atomically, loaded only when nobody else can
// read it, round-tripped with its settings, keys and counters, and refused with a categorised
// error when it is missing, damaged, foreign or from a later version, without quoting its keys.

#include "oidc/webauthn/AuthenticatorFile.h"

#include "CeremonyOptions.h"

#include <QTemporaryDir>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace oidc::webauthn {
namespace {

using namespace test;

mode_t modeOf(const std::string &path)
{
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 07777;
}

void writeText(const std::string &path, const std::string &text, mode_t mode = 0600)
{
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class AuthenticatorFileTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    std::string path(const std::string &name = "authenticator.json") const { return m_dir.filePath(QString::fromStdString(name)).toStdString(); }

    // An authenticator with one ES256 credential (one assertion made: counter 1) and odd settings.
    SoftwareAuthenticator enrolled()
    {
        SoftwareAuthenticatorOptions options;
        options.algorithms = {CoseAlgorithm::EdDSA, CoseAlgorithm::ES256};
        options.attestation = AttestationMode::None;
        options.aaguid = std::string(16, '\x5a');
        options.userVerifying = false;
        options.backupEligible = true;
        options.transports = {"usb", "nfc"};
        SoftwareAuthenticator authenticator(options);
        auto created = authenticator.createCredential(creationOptions({-7}), kOrigin);
        EXPECT_TRUE(succeeds(created));
        m_registration = describeRegistration(created.value()).value();
        EXPECT_TRUE(succeeds(authenticator.getAssertion(requestOptions(), kOrigin)));
        return authenticator;
    }

    QTemporaryDir m_dir;
    CeremonyView m_registration;
};

TEST_F(AuthenticatorFileTest, IsWrittenWithMode0600AndRoundTrips)
{
    const SoftwareAuthenticator original = enrolled();
    ASSERT_TRUE(succeeds(saveAuthenticator(path(), original)));
    EXPECT_EQ(modeOf(path()), 0600u);

    auto loaded = loadAuthenticator(path(), MissingFile::Refuse);
    ASSERT_TRUE(succeeds(loaded));
    EXPECT_FALSE(loaded->created);
    const SoftwareAuthenticatorOptions &options = loaded->authenticator.options();
    EXPECT_EQ(options.algorithms, (std::vector<CoseAlgorithm>{CoseAlgorithm::EdDSA, CoseAlgorithm::ES256}));
    EXPECT_EQ(options.attestation, AttestationMode::None);
    EXPECT_EQ(options.aaguid, std::string(16, '\x5a'));
    EXPECT_FALSE(options.userVerifying);
    EXPECT_TRUE(options.backupEligible);
    EXPECT_FALSE(options.backupState);
    EXPECT_TRUE(options.signCounter);
    EXPECT_EQ(options.transports, (std::vector<std::string>{"usb", "nfc"}));
    ASSERT_EQ(loaded->authenticator.credentials().size(), 1u);
    const SoftwareCredential &credential = loaded->authenticator.credentials()[0];
    EXPECT_EQ(credential.id, original.credentials()[0].id);
    EXPECT_EQ(credential.rpId, kRpId);
    EXPECT_EQ(credential.userHandle, kUserHandle);
    EXPECT_EQ(credential.userName, "alice@example.com");
    EXPECT_EQ(credential.algorithm, CoseAlgorithm::ES256);
    EXPECT_EQ(credential.signCount, 1u);
    EXPECT_EQ(EVP_PKEY_eq(credential.key.key.get(), original.credentials()[0].key.key.get()), 1);

    // The private key came back: the loaded authenticator signs for the registered public key.
    auto assertion = loaded->authenticator.getAssertion(requestOptions(), kOrigin);
    ASSERT_TRUE(succeeds(assertion));
    EXPECT_TRUE(signatureVerifies(m_registration, describeAssertion(*assertion).value()));
}

TEST_F(AuthenticatorFileTest, TheCounterSurvivesASaveAndALoad)
{
    SoftwareAuthenticator authenticator = enrolled(); // counter 1
    ASSERT_TRUE(succeeds(saveAuthenticator(path(), authenticator)));
    for (uint32_t expected = 2; expected <= 3; ++expected) {
        auto loaded = loadAuthenticator(path(), MissingFile::Refuse);
        ASSERT_TRUE(succeeds(loaded));
        auto assertion = loaded->authenticator.getAssertion(requestOptions(), kOrigin);
        ASSERT_TRUE(succeeds(assertion));
        EXPECT_EQ(describeAssertion(*assertion).value().authenticatorData.signCount, expected);
        ASSERT_TRUE(succeeds(saveAuthenticator(path(), loaded->authenticator)));
    }
}

TEST_F(AuthenticatorFileTest, PrivateKeysAreJwksInside)
{
    ASSERT_TRUE(succeeds(saveAuthenticator(path(), enrolled())));
    const Json document = Json::parse(readText(path()));
    EXPECT_EQ(document["format"], "oidcplay-software-authenticator");
    EXPECT_EQ(document["version"], 1);
    const Json &jwk = document["credentials"][0]["privateJwk"];
    EXPECT_EQ(jwk["kty"], "EC");
    EXPECT_EQ(jwk["crv"], "P-256");
    EXPECT_TRUE(jwk.contains("d"));
    EXPECT_EQ(document["settings"]["attestation"], "none");
}

TEST_F(AuthenticatorFileTest, ReplacesAnOpenFileWhole)
{
    // An existing, too open file is replaced by a 0600 one, and no temporary is left behind.
    writeText(path(), "old content", 0644);
    ASSERT_TRUE(succeeds(saveAuthenticator(path(), enrolled())));
    EXPECT_EQ(modeOf(path()), 0600u);
    size_t entries = 0;
    for (const auto &entry : std::filesystem::directory_iterator(m_dir.path().toStdString())) {
        EXPECT_EQ(entry.path().filename().string(), "authenticator.json");
        ++entries;
    }
    EXPECT_EQ(entries, 1u);
    EXPECT_TRUE(succeeds(loadAuthenticator(path(), MissingFile::Refuse)));
}

TEST_F(AuthenticatorFileTest, AWideUmaskDoesNotWidenTheMode)
{
    const mode_t previous = ::umask(0);
    const Status saved = saveAuthenticator(path(), enrolled());
    ::umask(previous);
    ASSERT_TRUE(succeeds(saved));
    EXPECT_EQ(modeOf(path()), 0600u);
}

TEST_F(AuthenticatorFileTest, RefusesAFileOthersMayReadOrChange)
{
    ASSERT_TRUE(succeeds(saveAuthenticator(path(), enrolled())));
    for (const mode_t mode : {0644, 0640, 0604, 0620, 0602, 0601}) {
        ASSERT_EQ(::chmod(path().c_str(), mode), 0);
        auto loaded = loadAuthenticator(path(), MissingFile::Refuse);
        EXPECT_TRUE(failsWith(loaded, "AUTHENTICATOR_FILE_PERMISSIONS")) << std::oct << mode;
        if (!loaded.ok()) {
            EXPECT_EQ(loaded.error().expected, "0600");
            EXPECT_NE(loaded.error().message.find("chmod 600"), std::string::npos);
        }
    }
    ASSERT_EQ(::chmod(path().c_str(), 0400), 0); // read-only for its owner is fine
    EXPECT_TRUE(succeeds(loadAuthenticator(path(), MissingFile::Refuse)));
}

TEST_F(AuthenticatorFileTest, AMissingFileIsRefusedOrStartsEmpty)
{
    EXPECT_TRUE(failsWith(loadAuthenticator(path(), MissingFile::Refuse), "AUTHENTICATOR_FILE_MISSING"));
    auto fresh = loadAuthenticator(path(), MissingFile::StartEmpty);
    ASSERT_TRUE(succeeds(fresh));
    EXPECT_TRUE(fresh->created);
    EXPECT_TRUE(fresh->authenticator.credentials().empty());
    EXPECT_FALSE(std::filesystem::exists(path())); // nothing is written until a save
}

TEST_F(AuthenticatorFileTest, ADirectoryIsNotAnAuthenticatorFile)
{
    ASSERT_TRUE(std::filesystem::create_directory(path("folder")));
    EXPECT_TRUE(failsWith(loadAuthenticator(path("folder"), MissingFile::Refuse), "AUTHENTICATOR_FILE_PERMISSIONS"));
}

TEST_F(AuthenticatorFileTest, WritingIntoAMissingDirectoryFails)
{
    EXPECT_TRUE(failsWith(saveAuthenticator(path("no/such/dir/a.json"), enrolled()), "AUTHENTICATOR_FILE_WRITE"));
}

TEST_F(AuthenticatorFileTest, RefusesAFileLargerThanOneMebibyte)
{
    writeText(path(), std::string(kMaxAuthenticatorFileBytes + 1, ' '));
    EXPECT_TRUE(failsWith(loadAuthenticator(path(), MissingFile::Refuse), "AUTHENTICATOR_FILE_SIZE"));
}

struct DamagedRow {
    std::string name;
    std::string content;
    std::string code;
};

class DamagedAuthenticatorFile : public AuthenticatorFileTest, public ::testing::WithParamInterface<DamagedRow> {};

TEST_P(DamagedAuthenticatorFile, IsRefusedWithACategorisedError)
{
    writeText(path(), GetParam().content);
    EXPECT_TRUE(failsWith(loadAuthenticator(path(), MissingFile::StartEmpty), GetParam().code));
}

const std::string kSettings =
    R"("settings":{"algorithms":[-7],"attestation":"none","aaguid":"AAAAAAAAAAAAAAAAAAAAAA","userVerifying":true,)"
    R"("backupEligible":false,"backupState":false,"signCounter":true,"transports":[]})";

INSTANTIATE_TEST_SUITE_P(
    Files, DamagedAuthenticatorFile,
    ::testing::Values(
        DamagedRow{"empty", "", "AUTHENTICATOR_FILE_CORRUPT"},
        DamagedRow{"not_json", "\x89PNG\r\n", "AUTHENTICATOR_FILE_CORRUPT"},
        DamagedRow{"truncated", R"({"format":"oidcplay-software-authenticator","version":1,)", "AUTHENTICATOR_FILE_CORRUPT"},
        DamagedRow{"a_jwks", R"({"keys":[]})", "AUTHENTICATOR_FILE_FOREIGN"},
        DamagedRow{"an_array", "[]", "AUTHENTICATOR_FILE_FOREIGN"},
        DamagedRow{"another_format", R"({"format":"something-else","version":1})", "AUTHENTICATOR_FILE_FOREIGN"},
        DamagedRow{"later_version", R"({"format":"oidcplay-software-authenticator","version":2})", "AUTHENTICATOR_FILE_VERSION"},
        DamagedRow{"version_zero", R"({"format":"oidcplay-software-authenticator","version":0})", "AUTHENTICATOR_FILE_CORRUPT"},
        DamagedRow{"no_settings", R"({"format":"oidcplay-software-authenticator","version":1,"credentials":[]})",
                   "AUTHENTICATOR_FILE_CORRUPT"},
        DamagedRow{"no_credentials", R"({"format":"oidcplay-software-authenticator","version":1,)" + kSettings + "}",
                   "AUTHENTICATOR_FILE_CORRUPT"},
        DamagedRow{"unknown_algorithm",
                   R"({"format":"oidcplay-software-authenticator","version":1,"credentials":[],"settings":{"algorithms":[-35]}})",
                   "AUTHENTICATOR_FILE_CORRUPT"},
        DamagedRow{"credential_not_an_object", R"({"format":"oidcplay-software-authenticator","version":1,)" + kSettings + R"(,"credentials":[1]})",
                   "AUTHENTICATOR_FILE_CORRUPT"}),
    RowName());

TEST_F(AuthenticatorFileTest, ADamagedKeyIsRefusedWithoutQuotingIt)
{
    ASSERT_TRUE(succeeds(saveAuthenticator(path(), enrolled())));
    Json document = Json::parse(readText(path()));
    const std::string secret = document["credentials"][0]["privateJwk"]["d"].get<std::string>();
    document["credentials"][0]["privateJwk"]["x"] = secret; // not a point of the curve any more
    writeText(path(), document.dump());
    auto loaded = loadAuthenticator(path(), MissingFile::Refuse);
    ASSERT_TRUE(failsWith(loaded, "AUTHENTICATOR_FILE_CORRUPT"));
    EXPECT_EQ(loaded.error().summary().find(secret), std::string::npos);

    // Not JSON any more, cut in the middle of the private key: the message names an offset only.
    const std::string text = readText(path());
    writeText(path(), text.substr(0, text.find(secret) + secret.size() / 2));
    loaded = loadAuthenticator(path(), MissingFile::Refuse);
    ASSERT_TRUE(failsWith(loaded, "AUTHENTICATOR_FILE_CORRUPT"));
    EXPECT_EQ(loaded.error().summary().find(secret.substr(0, 8)), std::string::npos);
}

TEST_F(AuthenticatorFileTest, DocumentRoundTripWithoutAFile)
{
    const SoftwareAuthenticator original = enrolled();
    auto document = authenticatorDocument(original);
    ASSERT_TRUE(succeeds(document));
    auto restored = authenticatorFromDocument(*document);
    ASSERT_TRUE(succeeds(restored));
    ASSERT_EQ(restored->credentials().size(), 1u);
    EXPECT_EQ(restored->credentials()[0].signCount, 1u);
    EXPECT_TRUE(failsWith(authenticatorFromDocument(Json::object()), "AUTHENTICATOR_FILE_FOREIGN"));
}

} // namespace
} // namespace oidc::webauthn
