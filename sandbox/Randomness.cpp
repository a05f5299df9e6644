#include "sandbox/Randomness.h"

#include "oidc/crypto/Random.h"

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace sandbox {

namespace {

std::string bytes(size_t count)
{
    auto random = oidc::crypto::randomBytes(count);
    if (!random)
        throw std::runtime_error("the CSPRNG failed: " + random.error().message);
    return std::move(random).value();
}

// Uniform picks from an alphabet by rejection sampling (no modulo bias).
std::string pick(std::string_view alphabet, size_t length)
{
    const unsigned limit = 256 - (256 % alphabet.size());
    std::string out;
    out.reserve(length);
    while (out.size() < length) {
        for (const char b : bytes(length * 2)) {
            const auto value = static_cast<unsigned char>(b);
            if (value < limit && out.size() < length)
                out += alphabet[value % alphabet.size()];
        }
    }
    return out;
}

} // namespace

std::string randomAlphanumeric(size_t length)
{
    return pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}

std::string randomDigits(size_t length)
{
    return pick("0123456789", length);
}

std::string randomUrlToken(size_t count)
{
    auto token = oidc::crypto::randomToken(count);
    if (!token)
        throw std::runtime_error("the CSPRNG failed: " + token.error().message);
    return std::move(token).value();
}

int randomInt(int low, int high)
{
    const auto span = static_cast<uint32_t>(high - low + 1);
    const uint32_t limit = UINT32_MAX - (UINT32_MAX % span);
    while (true) {
        const std::string raw = bytes(4);
        uint32_t value = 0;
        for (const char b : raw)
            value = (value << 8) | static_cast<unsigned char>(b);
        if (value < limit)
            return low + static_cast<int>(value % span);
    }
}

} // namespace sandbox
