#include "OpenSsl.h"

#include <openssl/err.h>

namespace oidc::crypto {

SharedPkey sharePkey(EvpPkeyPtr key)
{
    return SharedPkey(key.release(), [](EVP_PKEY *p) { EVP_PKEY_free(p); });
}

OpenSslErrorGuard::~OpenSslErrorGuard()
{
    ERR_clear_error();
}

std::string OpenSslErrorGuard::text() const
{
    const unsigned long code = ERR_peek_error();
    if (code == 0)
        return {};
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return buffer;
}

namespace {
const EVP_MD *fetched(const char *name)
{
    // Fetched once per process and kept for its lifetime (OpenSSL 3 explicit fetch).
    EVP_MD *md = EVP_MD_fetch(nullptr, name, nullptr);
    return md;
}
} // namespace

const EVP_MD *sha256()
{
    static const EVP_MD *md = fetched("SHA256");
    return md;
}

const EVP_MD *sha384()
{
    static const EVP_MD *md = fetched("SHA384");
    return md;
}

const EVP_MD *sha512()
{
    static const EVP_MD *md = fetched("SHA512");
    return md;
}

} // namespace oidc::crypto
