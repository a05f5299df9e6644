#pragma once

// The shared test helpers (tests/support/TestSupport.h) in the oidc/webauthn tests' namespace,
// where an error is an INPUT error unless a test says otherwise.

#include "tests/support/TestSupport.h"

namespace oidc::webauthn::test {

using oidc::test::b64;
using oidc::test::fromHex;
using oidc::test::RowName;
using oidc::test::succeeds;
using oidc::test::unb64;

template <typename T>
::testing::AssertionResult failsWith(const Result<T> &result, std::string_view code, ErrorCategory category = ErrorCategory::Input)
{
    return oidc::test::failsWith(result, code, category);
}

} // namespace oidc::webauthn::test
