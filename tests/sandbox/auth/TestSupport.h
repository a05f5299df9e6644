#pragma once

// The shared test helpers (tests/support/TestSupport.h) in the sandbox/auth tests' namespace, where
// an error is a SANDBOX error unless a test says otherwise.

#include "tests/support/TestSupport.h"

namespace sandbox::auth::test {

using oidc::test::b64;
using oidc::test::fromHex;
using oidc::test::RowName;
using oidc::test::succeeds;
using oidc::test::unb64;

template <typename T>
::testing::AssertionResult failsWith(const oidc::Result<T> &result, std::string_view code,
                                     oidc::ErrorCategory category = oidc::ErrorCategory::Sandbox)
{
    return oidc::test::failsWith(result, code, category);
}

} // namespace sandbox::auth::test
