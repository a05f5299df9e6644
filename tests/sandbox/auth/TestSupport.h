#pragma once

// Helpers shared by the sandbox/auth tests.

#include "oidc/Result.h"
#include "oidc/crypto/Base64Url.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace sandbox::auth::test {

inline std::string b64(std::string_view bytes)
{
    return oidc::crypto::base64UrlEncode(bytes);
}

inline std::string unb64(std::string_view text)
{
    auto decoded = oidc::crypto::base64UrlDecode(text);
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

// Asserts failure with an exact code (and category); prints the whole error otherwise.
template <typename T>
::testing::AssertionResult failsWith(const oidc::Result<T> &result, std::string_view code,
                                     oidc::ErrorCategory category = oidc::ErrorCategory::Sandbox)
{
    if (result.ok())
        return ::testing::AssertionFailure() << "succeeded; expected " << code;
    const oidc::Error &error = result.error();
    if (error.code != code || error.category != category)
        return ::testing::AssertionFailure() << "expected " << oidc::categoryName(category) << " " << code << ", got "
                                             << error.summary();
    if (error.message.empty())
        return ::testing::AssertionFailure() << code << " has no message for a person";
    return ::testing::AssertionSuccess();
}

template <typename T>
::testing::AssertionResult succeeds(const oidc::Result<T> &result)
{
    if (!result.ok())
        return ::testing::AssertionFailure() << result.error().summary();
    return ::testing::AssertionSuccess();
}

struct RowName final {
    template <typename Row>
    std::string operator()(const ::testing::TestParamInfo<Row> &row) const
    {
        return row.param.name;
    }
};

} // namespace sandbox::auth::test
