// PKCE (RFC 7636) and the other random request values (state, nonce).

#include "SpecVectors.h"

#include "oidc/Pkce.h"
#include "oidc/crypto/Digest.h"
#include "oidc/crypto/Random.h"

#include <set>

namespace oidc {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(LengthRow)
OIDCPLAY_PRINT_ROW_BY_NAME(VerifierRow)

using test::failsWith;

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

TEST(Pkce, RFC7636_AppendixB_S256)
{
    auto challenge = pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", PkceMethod::S256);
    ASSERT_TRUE(test::succeeds(challenge));
    EXPECT_EQ(*challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Pkce, RFC7636_4_2_PlainIsTheVerifierItself)
{
    const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk.~";
    auto challenge = pkceChallenge(verifier, PkceMethod::Plain);
    ASSERT_TRUE(test::succeeds(challenge));
    EXPECT_EQ(*challenge, verifier);
    EXPECT_EQ(pkceMethodName(PkceMethod::Plain), "plain");
    EXPECT_EQ(pkceMethodName(PkceMethod::S256), "S256");
}

class PkceLengths : public ::testing::TestWithParam<int> {};

TEST_P(PkceLengths, RFC7636_4_1_GeneratedVerifierHasLengthAndCharset)
{
    const int length = GetParam();
    auto pkce = generatePkce(PkceMethod::S256, length);
    ASSERT_TRUE(test::succeeds(pkce));
    EXPECT_EQ(pkce->codeVerifier.size(), static_cast<size_t>(length));
    for (char c : pkce->codeVerifier)
        EXPECT_TRUE(isUnreserved(c)) << "character " << static_cast<int>(c);
    EXPECT_TRUE(validateCodeVerifier(pkce->codeVerifier).ok());
    EXPECT_EQ(pkce->method, PkceMethod::S256);
    // The challenge is recomputed independently of generatePkce's own path.
    EXPECT_EQ(pkce->codeChallenge, crypto::base64UrlEncode(crypto::sha256(pkce->codeVerifier)));
    EXPECT_EQ(pkce->codeChallenge.size(), 43u);
}

INSTANTIATE_TEST_SUITE_P(RFC7636, PkceLengths, ::testing::Values(43, 44, 45, 46, 64, 100, 127, 128),
                         [](const auto &row) { return "length_" + std::to_string(row.param); });

TEST(Pkce, DefaultIs43CharactersAndPlainCopiesTheVerifier)
{
    auto pkce = generatePkce();
    ASSERT_TRUE(test::succeeds(pkce));
    EXPECT_EQ(pkce->codeVerifier.size(), 43u);
    auto plain = generatePkce(PkceMethod::Plain);
    ASSERT_TRUE(test::succeeds(plain));
    EXPECT_EQ(plain->codeChallenge, plain->codeVerifier);
    EXPECT_EQ(plain->method, PkceMethod::Plain);
}

TEST(Pkce, GeneratedVerifiersAreUniqueAndUseTheWholeAlphabet)
{
    std::set<std::string> seen;
    std::set<char> characters;
    for (int i = 0; i < 500; ++i) {
        auto pkce = generatePkce();
        ASSERT_TRUE(test::succeeds(pkce));
        EXPECT_TRUE(seen.insert(pkce->codeVerifier).second) << "repeated verifier " << pkce->codeVerifier;
        characters.insert(pkce->codeVerifier.begin(), pkce->codeVerifier.end());
    }
    // 500 × 43 uniformly random characters cover all 64 base64url characters with overwhelming
    // probability; a constant or low-entropy generator would not.
    EXPECT_EQ(characters.size(), 64u);
}

struct LengthRow {
    const char *name;
    int length;
};

class PkceBadLengths : public ::testing::TestWithParam<LengthRow> {};

TEST_P(PkceBadLengths, Refused)
{
    EXPECT_TRUE(failsWith(generatePkce(PkceMethod::S256, GetParam().length), "PKCE_LENGTH", ErrorCategory::Input));
}

INSTANTIATE_TEST_SUITE_P(RFC7636_4_1, PkceBadLengths,
                         ::testing::Values(LengthRow{"length_0", 0}, LengthRow{"length_42", 42}, LengthRow{"length_129", 129},
                                           LengthRow{"negative", -43}),
                         test::RowName{});

struct VerifierRow {
    const char *name;
    std::string verifier;
    bool valid;
};

class CodeVerifiers : public ::testing::TestWithParam<VerifierRow> {};

TEST_P(CodeVerifiers, RFC7636_4_1)
{
    const auto &row = GetParam();
    const Status status = validateCodeVerifier(row.verifier);
    EXPECT_EQ(status.ok(), row.valid);
    if (!row.valid) {
        EXPECT_EQ(status.error().code, "PKCE_VERIFIER");
        EXPECT_EQ(status.error().category, ErrorCategory::Input);
        EXPECT_TRUE(failsWith(pkceChallenge(row.verifier, PkceMethod::S256), "PKCE_VERIFIER", ErrorCategory::Input));
        EXPECT_TRUE(failsWith(pkceChallenge(row.verifier, PkceMethod::Plain), "PKCE_VERIFIER", ErrorCategory::Input));
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, CodeVerifiers,
    ::testing::Values(VerifierRow{"min_43", std::string(43, 'a'), true}, VerifierRow{"max_128", std::string(128, '~'), true},
                      VerifierRow{"all_unreserved", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~", true},
                      VerifierRow{"empty", "", false}, VerifierRow{"short_42", std::string(42, 'a'), false},
                      VerifierRow{"long_129", std::string(129, 'a'), false},
                      VerifierRow{"plus", std::string(42, 'a') + "+", false}, VerifierRow{"slash", std::string(42, 'a') + "/", false},
                      VerifierRow{"equals", std::string(42, 'a') + "=", false}, VerifierRow{"space", std::string(42, 'a') + " ", false},
                      VerifierRow{"percent", std::string(42, 'a') + "%", false},
                      VerifierRow{"nul", std::string(42, 'a') + std::string(1, '\0'), false},
                      VerifierRow{"utf8", std::string(41, 'a') + "\xc3\xa9", false}),
    test::RowName{});

TEST(RandomValues, StateAndNonceAre43Base64UrlCharactersAndUnique)
{
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        for (auto value : {generateState(), generateNonce()}) {
            ASSERT_TRUE(test::succeeds(value));
            EXPECT_EQ(value->size(), 43u);
            auto raw = crypto::base64UrlDecode(*value);
            ASSERT_TRUE(test::succeeds(raw));
            EXPECT_EQ(raw->size(), 32u);
            EXPECT_TRUE(seen.insert(*value).second);
        }
    }
}

TEST(RandomValues, RandomBytesHaveTheRequestedSize)
{
    for (size_t size : {0u, 1u, 16u, 1000u}) {
        auto bytes = crypto::randomBytes(size);
        ASSERT_TRUE(test::succeeds(bytes));
        EXPECT_EQ(bytes->size(), size);
    }
    auto token = crypto::randomToken(16);
    ASSERT_TRUE(test::succeeds(token));
    EXPECT_EQ(token->size(), 22u);
}

} // namespace
} // namespace oidc
