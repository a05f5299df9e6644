#pragma once

// Errors are values: every fallible core function returns Result<T>. No exception crosses the
// core's boundary. An Error carries a stable code (tests assert on it), a category named after
// ../shared/reference/rp-checks.md, an optional HTTP status and {expected, actual} context.

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace oidc {

enum class ErrorCategory {
    Input,      // INPUT: what the user typed or pasted is unusable
    IdToken,    // IDT: a JWT / ID token is malformed or fails a check
    Authz,      // AUTHZ: authorization response (callback) problems
    Token,      // TOKEN: token endpoint
    UserInfo,   // USERINFO
    Keys,       // KEYS: JWK / JWKS problems
    Discovery,  // DISCOVERY: provider metadata
    Net,        // NET: transport, TLS, timeouts, size caps
    Listener,   // LISTENER: loopback redirect listener
    Poll,       // POLL: Descope pending-session polling
    Clock,      // CLOCK: time-related hints
    Descope,    // DESCOPE: a Descope API error body
    Crypto,     // CRYPTO: OpenSSL failed where it should not (key generation, RNG)
    Sandbox,    // SANDBOX: the built-in provider
};

[[nodiscard]] constexpr std::string_view categoryName(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::Input: return "INPUT";
    case ErrorCategory::IdToken: return "IDT";
    case ErrorCategory::Authz: return "AUTHZ";
    case ErrorCategory::Token: return "TOKEN";
    case ErrorCategory::UserInfo: return "USERINFO";
    case ErrorCategory::Keys: return "KEYS";
    case ErrorCategory::Discovery: return "DISCOVERY";
    case ErrorCategory::Net: return "NET";
    case ErrorCategory::Listener: return "LISTENER";
    case ErrorCategory::Poll: return "POLL";
    case ErrorCategory::Clock: return "CLOCK";
    case ErrorCategory::Descope: return "DESCOPE";
    case ErrorCategory::Crypto: return "CRYPTO";
    case ErrorCategory::Sandbox: return "SANDBOX";
    }
    return "UNKNOWN";
}

struct Error final {
    ErrorCategory category = ErrorCategory::Input;
    std::string code;     // stable, e.g. "JWT_PART_COUNT"; tests assert on it
    std::string message;  // one line for a person; never contains a secret
    int httpStatus = 0;   // 0 when no HTTP exchange is involved
    std::string expected; // optional context
    std::string actual;   // optional context (redacted where it could be secret)

    [[nodiscard]] std::string summary() const
    {
        std::string text = std::string(categoryName(category)) + " " + code + ": " + message;
        if (!expected.empty() || !actual.empty())
            text += " (expected " + (expected.empty() ? std::string("-") : expected) + ", got "
                + (actual.empty() ? std::string("-") : actual) + ")";
        return text;
    }
};

[[nodiscard]] inline Error makeError(ErrorCategory category, std::string code, std::string message,
                                     std::string expected = {}, std::string actual = {})
{
    return Error{category, std::move(code), std::move(message), 0, std::move(expected), std::move(actual)};
}

template <typename T>
class [[nodiscard]] Result final {
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    [[nodiscard]] bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T &value() const & { assert(ok()); return std::get<0>(m_data); }
    [[nodiscard]] T &value() & { assert(ok()); return std::get<0>(m_data); }
    [[nodiscard]] T &&value() && { assert(ok()); return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }

    [[nodiscard]] const Error &error() const { assert(!ok()); return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> final {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error &error() const { assert(!ok()); return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace oidc
