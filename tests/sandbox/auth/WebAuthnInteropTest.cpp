// Interop with an independent WebAuthn implementation: tests/node/webauthn-independent.mjs acts
// as authenticator and client with Node's own crypto and a CBOR encoder of its own. Every
// response it made must verify, and every tampered variant must be refused with the code the
// script recorded next to it.
//
//   sandbox_auth_interop_tests <dir> --gtest_filter=NodeRegistration.*   (after node register)
//   sandbox_auth_interop_tests <dir> --gtest_filter=NodeAssertion.*      (after node assert)

#include "sandbox/auth/WebAuthnOptions.h"
#include "sandbox/auth/WebAuthnVerifier.h"

#include "TestSupport.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sandbox::auth {
namespace {

using test::failsWith;
using test::unb64;

std::filesystem::path g_dir;

int64_t now()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The fixtures are made by the node steps at the start of the ctest run and verified whenever
// ctest schedules these tests, which in a long parallel run can be after the ceremony's timeout:
// verify at the time the responses were made (no later than the transaction's expiry), which is
// what a relying party answering at once would see. Expiry itself has its own tests.
int64_t ceremonyTime(const CeremonyTransaction &transaction)
{
    return std::min(now(), transaction.expiresAtUnix);
}

oidc::Json readJson(const std::string &name)
{
    std::ifstream in(g_dir / name, std::ios::binary);
    EXPECT_TRUE(in) << "missing " << (g_dir / name);
    std::ostringstream text;
    text << in.rdbuf();
    auto json = oidc::parseJson(text.str());
    EXPECT_TRUE(json.ok()) << name << ": " << (json.ok() ? "" : json.error().summary());
    return json.ok() ? json.value() : oidc::Json();
}

TEST(NodeRegistration, VerifiesEveryResponseAndRefusesEveryTamperedOne)
{
    auto transaction = RegistrationTransaction::fromJson(readJson("registration-transaction.json"));
    ASSERT_TRUE(transaction.ok()) << transaction.error().summary();
    const oidc::Json manifest = readJson("registrations.json");
    ASSERT_TRUE(manifest.contains("entries"));
    ASSERT_GE(manifest["entries"].size(), 4u);
    size_t tampered = 0;
    for (const auto &entry : manifest["entries"]) {
        const std::string label = entry["label"].get<std::string>();
        SCOPED_TRACE(label);
        auto credential = verifyRegistration(*transaction, entry["response"].get<std::string>(), ceremonyTime(*transaction));
        ASSERT_TRUE(credential.ok()) << credential.error().summary();
        EXPECT_EQ(static_cast<int64_t>(credential->algorithm), entry["alg"].get<int64_t>());
        EXPECT_EQ(credential->attestationFormat, entry["fmt"].get<std::string>());
        EXPECT_EQ(credential->aaguid, unb64(entry["aaguid"].get<std::string>()));
        EXPECT_EQ(credential->id, unb64(entry["credentialId"].get<std::string>()));
        EXPECT_EQ(credential->userHandle, transaction->userHandle);
        EXPECT_EQ(credential->signCount, 0u);
        for (const auto &variant : entry["tampered"]) {
            SCOPED_TRACE(variant["what"].get<std::string>());
            EXPECT_TRUE(failsWith(verifyRegistration(*transaction, variant["response"].get<std::string>(), ceremonyTime(*transaction)),
                                  variant["code"].get<std::string>()));
            ++tampered;
        }
    }
    EXPECT_GE(tampered, 20u);
}

TEST(NodeAssertion, VerifiesEveryResponseAndRefusesEveryTamperedOne)
{
    auto transaction = AuthenticationTransaction::fromJson(readJson("authentication-transaction.json"));
    ASSERT_TRUE(transaction.ok()) << transaction.error().summary();
    std::vector<WebAuthnCredential> credentials;
    for (const auto &record : readJson("credentials.json")) {
        auto credential = WebAuthnCredential::fromJson(record);
        ASSERT_TRUE(credential.ok()) << credential.error().summary();
        credentials.push_back(std::move(credential).value());
    }
    const oidc::Json manifest = readJson("assertions.json");
    ASSERT_TRUE(manifest.contains("entries"));
    ASSERT_EQ(manifest["entries"].size(), credentials.size());
    // The good responses first (in counter order), so that a replayed counter is refused after.
    for (const auto &entry : manifest["entries"]) {
        SCOPED_TRACE(entry["label"].get<std::string>());
        for (const auto &good : entry["responses"]) {
            auto result = verifyAssertion(*transaction, good["response"].get<std::string>(), credentials, ceremonyTime(*transaction));
            ASSERT_TRUE(result.ok()) << result.error().summary();
            EXPECT_EQ(result->signCount, good["signCount"].get<uint32_t>());
            EXPECT_EQ(result->userHandle, transaction->userHandle);
            EXPECT_EQ(result->credentialId, unb64(entry["credentialId"].get<std::string>()));
        }
        // Replaying the first one is refused by the counter.
        EXPECT_TRUE(failsWith(verifyAssertion(*transaction, entry["responses"][0]["response"].get<std::string>(), credentials, ceremonyTime(*transaction)),
                              "WEBAUTHN_COUNTER"));
    }
    size_t tampered = 0;
    for (const auto &entry : manifest["entries"]) {
        SCOPED_TRACE(entry["label"].get<std::string>());
        for (const auto &variant : entry["tampered"]) {
            SCOPED_TRACE(variant["what"].get<std::string>());
            EXPECT_TRUE(failsWith(verifyAssertion(*transaction, variant["response"].get<std::string>(), credentials, ceremonyTime(*transaction)),
                                  variant["code"].get<std::string>()));
            ++tampered;
        }
    }
    EXPECT_GE(tampered, 20u);
}

} // namespace
} // namespace sandbox::auth

int main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: sandbox_auth_interop_tests <dir> [gtest flags]\n");
        return 2;
    }
    sandbox::auth::g_dir = argv[1];
    return RUN_ALL_TESTS();
}
