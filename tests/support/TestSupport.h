#pragma once

// What every GoogleTest suite shares: base64url and hex for building inputs, compact tokens,
// assertions on oidc::Result, and readable names for parameterised rows (with NO_PRETTY_VALUES in
// CMake, ctest lists a row by that name). Include as "tests/support/TestSupport.h".

#include "oidc/Result.h"
#include "oidc/crypto/Base64Url.h"

#include <gtest/gtest.h>

#include <concepts>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace oidc::test {

inline std::string b64(std::string_view bytes)
{
    return crypto::base64UrlEncode(bytes);
}

// Base64url to bytes; a text that does not decode fails the test.
inline std::string unb64(std::string_view text)
{
    auto decoded = crypto::base64UrlDecode(text);
    EXPECT_TRUE(decoded.ok()) << text;
    return decoded.ok() ? decoded.value() : std::string();
}

// Hex to bytes; spaces are ignored.
inline std::string fromHex(std::string_view hex)
{
    std::string digits;
    for (const char c : hex)
        if (c != ' ')
            digits.push_back(c);
    std::string out;
    const auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (size_t i = 0; i + 1 < digits.size(); i += 2)
        out.push_back(static_cast<char>(nibble(digits[i]) << 4 | nibble(digits[i + 1])));
    return out;
}

// BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature), from decoded parts.
inline std::string compact(std::string_view headerJson, std::string_view payloadJson, std::string_view signature = {})
{
    return b64(headerJson) + "." + b64(payloadJson) + "." + b64(signature);
}

// Asserts failure with an exact code and category, and a message for a person; prints the whole
// error otherwise.
template <typename T>
::testing::AssertionResult failsWith(const Result<T> &result, std::string_view code, ErrorCategory category)
{
    if (result.ok())
        return ::testing::AssertionFailure() << "succeeded; expected " << code;
    const Error &error = result.error();
    if (error.code != code || error.category != category)
        return ::testing::AssertionFailure() << "expected " << categoryName(category) << " " << code << ", got " << error.summary();
    if (error.message.empty())
        return ::testing::AssertionFailure() << code << " has no message for a person";
    return ::testing::AssertionSuccess();
}

template <typename T>
::testing::AssertionResult succeeds(const Result<T> &result)
{
    if (!result.ok())
        return ::testing::AssertionFailure() << result.error().summary();
    return ::testing::AssertionSuccess();
}

// The "now" of tests that pin the clock (2023-11-14T22:13:20Z); files share it, so that a unity
// build sees one definition.
inline constexpr int64_t kNow = 1700000000;

// Names a parameterised row after its `name` member (the spec case).
struct RowName final {
    template <typename Row>
    std::string operator()(const ::testing::TestParamInfo<Row> &row) const
    {
        return row.param.name;
    }
};

} // namespace oidc::test

// Prints a parameterised row type as its name in failure messages (instead of its bytes). Expand
// it inside the test file's anonymous namespace, once per row type, where ADL finds it. A template
// constrained to the one type, so that two files of one unity build never define the same function.
#define OIDCPLAY_PRINT_ROW_BY_NAME(RowType)                                                                      \
    struct RowType;                                                                                              \
    template <typename Row>                                                                                      \
        requires std::same_as<Row, RowType>                                                                      \
    [[maybe_unused]] void PrintTo(const Row &row, std::ostream *os)                                              \
    {                                                                                                            \
        *os << row.name;                                                                                         \
    }
