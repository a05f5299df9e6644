// The claim and header catalog behind the inspector's tooltips and `oidcplay-cli decode`: every
// row names the entry it pins and the section it must cite. Time kinds matter beyond tooltips:
// the inspector and the CLI render exactly those claims as dates.

#include "SpecVectors.h"

#include "oidc/jwt/ClaimCatalog.h"

namespace oidc::jwt {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(CatalogRow)

enum class Table { Claims, Header };

struct CatalogRow {
    const char *name;   // the test's name
    Table table;
    const char *member; // claim or header parameter name, as on the wire
    ClaimKind kind;
    const char *cites;  // a section the source must mention
};

class ClaimCatalogEntries : public ::testing::TestWithParam<CatalogRow> {};

TEST_P(ClaimCatalogEntries, IsDescribedAndCitesItsSource)
{
    const CatalogRow &row = GetParam();
    const ClaimInfo *info = row.table == Table::Claims ? claimInfo(row.member) : headerInfo(row.member);
    ASSERT_NE(info, nullptr) << row.member << " is not in the catalog";
    EXPECT_EQ(info->name, row.member);
    EXPECT_EQ(info->kind, row.kind) << row.member;
    EXPECT_NE(info->source.find(row.cites), std::string_view::npos) << row.member << " cites " << info->source;
    EXPECT_FALSE(info->title.empty()) << row.member;
    // One or two sentences: long enough to say something, short enough for a tooltip.
    EXPECT_GE(info->explanation.size(), 20u) << row.member;
    EXPECT_LE(info->explanation.size(), 200u) << row.member;
    EXPECT_EQ(info->explanation.back(), '.') << row.member;
}

INSTANTIATE_TEST_SUITE_P(
    Claims, ClaimCatalogEntries,
    ::testing::Values(CatalogRow{"RFC7519_4_1_1_iss", Table::Claims, "iss", ClaimKind::Text, "RFC 7519 §4.1.1"},
                      CatalogRow{"RFC7519_4_1_2_sub", Table::Claims, "sub", ClaimKind::Text, "RFC 7519 §4.1.2"},
                      CatalogRow{"RFC7519_4_1_3_aud", Table::Claims, "aud", ClaimKind::Other, "RFC 7519 §4.1.3"},
                      CatalogRow{"RFC7519_4_1_4_exp", Table::Claims, "exp", ClaimKind::Time, "RFC 7519 §4.1.4"},
                      CatalogRow{"RFC7519_4_1_5_nbf", Table::Claims, "nbf", ClaimKind::Time, "RFC 7519 §4.1.5"},
                      CatalogRow{"RFC7519_4_1_6_iat", Table::Claims, "iat", ClaimKind::Time, "RFC 7519 §4.1.6"},
                      CatalogRow{"RFC7519_4_1_7_jti", Table::Claims, "jti", ClaimKind::Text, "RFC 7519 §4.1.7"},
                      CatalogRow{"OIDC_Core_2_auth_time", Table::Claims, "auth_time", ClaimKind::Time, "OIDC Core §2"},
                      CatalogRow{"OIDC_Core_2_nonce", Table::Claims, "nonce", ClaimKind::Text, "OIDC Core §2"},
                      CatalogRow{"OIDC_Core_2_amr", Table::Claims, "amr", ClaimKind::Other, "RFC 8176"},
                      CatalogRow{"OIDC_Core_2_azp", Table::Claims, "azp", ClaimKind::Text, "OIDC Core §2"},
                      CatalogRow{"OIDC_Core_3_1_3_6_at_hash", Table::Claims, "at_hash", ClaimKind::Text, "OIDC Core §3.1.3.6"},
                      CatalogRow{"OIDC_Core_3_3_2_11_c_hash", Table::Claims, "c_hash", ClaimKind::Text, "OIDC Core §3.3.2.11"},
                      CatalogRow{"OIDC_Core_5_1_email_verified", Table::Claims, "email_verified", ClaimKind::Other, "OIDC Core §5.1"},
                      CatalogRow{"OIDC_Core_5_1_updated_at", Table::Claims, "updated_at", ClaimKind::Time, "OIDC Core §5.1"},
                      CatalogRow{"RFC9449_6_cnf", Table::Claims, "cnf", ClaimKind::Other, "RFC 9449 §6"},
                      CatalogRow{"Descope_drn", Table::Claims, "drn", ClaimKind::Text, "Descope"},
                      CatalogRow{"Descope_rexp", Table::Claims, "rexp", ClaimKind::Time, "Descope"},
                      CatalogRow{"Descope_tenants", Table::Claims, "tenants", ClaimKind::Other, "Descope"},
                      CatalogRow{"Descope_nsec", Table::Claims, "nsec", ClaimKind::Other, "Descope"}),
    test::RowName{});

INSTANTIATE_TEST_SUITE_P(
    Header, ClaimCatalogEntries,
    ::testing::Values(CatalogRow{"RFC7515_4_1_1_alg", Table::Header, "alg", ClaimKind::Text, "RFC 7515 §4.1.1"},
                      CatalogRow{"RFC7515_4_1_2_jku", Table::Header, "jku", ClaimKind::Text, "RFC 7515 §4.1.2"},
                      CatalogRow{"RFC7515_4_1_3_jwk", Table::Header, "jwk", ClaimKind::Other, "RFC 7515 §4.1.3"},
                      CatalogRow{"RFC7515_4_1_4_kid", Table::Header, "kid", ClaimKind::Text, "RFC 7515 §4.1.4"},
                      CatalogRow{"RFC7515_4_1_5_x5u", Table::Header, "x5u", ClaimKind::Text, "RFC 7515 §4.1.5"},
                      CatalogRow{"RFC7515_4_1_6_x5c", Table::Header, "x5c", ClaimKind::Other, "RFC 7515 §4.1.6"},
                      CatalogRow{"RFC7515_4_1_7_x5t", Table::Header, "x5t", ClaimKind::Text, "RFC 7515 §4.1.7"},
                      CatalogRow{"RFC7515_4_1_8_x5t_S256", Table::Header, "x5t#S256", ClaimKind::Text, "RFC 7515 §4.1.8"},
                      CatalogRow{"RFC7515_4_1_9_typ", Table::Header, "typ", ClaimKind::Text, "RFC 7515 §4.1.9"},
                      CatalogRow{"RFC7515_4_1_10_cty", Table::Header, "cty", ClaimKind::Text, "RFC 7515 §4.1.10"},
                      CatalogRow{"RFC7515_4_1_11_crit", Table::Header, "crit", ClaimKind::Other, "RFC 7515 §4.1.11"}),
    test::RowName{});

TEST(ClaimCatalog, LookupsAreExactAndCaseSensitive)
{
    // JWT member names are case-sensitive (RFC 7519 §4): "EXP" is not the expiration time.
    EXPECT_EQ(claimInfo("EXP"), nullptr);
    EXPECT_EQ(claimInfo("ex"), nullptr);
    EXPECT_EQ(claimInfo("exp "), nullptr);
    EXPECT_EQ(claimInfo(""), nullptr);
    EXPECT_EQ(claimInfo("https://example.com/custom"), nullptr);
    EXPECT_EQ(headerInfo("ALG"), nullptr);
    EXPECT_EQ(headerInfo("x5t#s256"), nullptr);
    // The same name answers with the same entry every time (the GUI keeps the pointer).
    EXPECT_EQ(claimInfo("sub"), claimInfo(std::string("sub")));
}

TEST(ClaimCatalog, ClaimsAndHeaderParametersAreSeparateTables)
{
    // "alg" in a payload is just a claim; "exp" in a header is just a parameter.
    EXPECT_EQ(claimInfo("alg"), nullptr);
    EXPECT_EQ(claimInfo("kid"), nullptr);
    EXPECT_EQ(headerInfo("exp"), nullptr);
    EXPECT_EQ(headerInfo("iss"), nullptr);
}

TEST(ClaimCatalog, KeysNamedByTheTokenSayTheyAreNeverUsed)
{
    // RFC 8725 §3.10: the inspector must not suggest that a token may choose its own key.
    for (const char *name : {"jku", "jwk", "x5u", "x5c"}) {
        const ClaimInfo *info = headerInfo(name);
        ASSERT_NE(info, nullptr) << name;
        EXPECT_NE(info->explanation.find("never used for verification"), std::string_view::npos) << name;
    }
}

TEST(ClaimCatalog, OnlyTimestampsAreTimeKind)
{
    // Exactly the NumericDate claims render as dates; a string claim must never be read as one.
    for (const char *name : {"exp", "nbf", "iat", "auth_time", "updated_at", "rexp"})
        EXPECT_EQ(claimInfo(name)->kind, ClaimKind::Time) << name;
    for (const char *name : {"iss", "sub", "aud", "nonce", "jti", "scope", "email", "amr", "roles"})
        EXPECT_NE(claimInfo(name)->kind, ClaimKind::Time) << name;
}

} // namespace
} // namespace oidc::jwt
