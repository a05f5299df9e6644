#include "TotpEnrollment.h"

#include "QrCode.h"

#include "oidc/crypto/Base32.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Random.h"

namespace sandbox::auth {

namespace {

// RFC 3986 §2.3 unreserved characters pass; every other byte becomes %XX.
std::string percentEncode(std::string_view text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || byte == '-'
            || byte == '.' || byte == '_' || byte == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0x0F]);
        }
    }
    return out;
}

oidc::Status checkRequest(const TotpEnrollmentRequest &request)
{
    if (request.issuer.empty() || request.accountName.empty())
        return oidc::makeError(oidc::ErrorCategory::Input, "TOTP_ENROLLMENT", "a TOTP enrollment needs an issuer and an account name");
    if (request.issuer.size() > 256 || request.accountName.size() > 256)
        return oidc::makeError(oidc::ErrorCategory::Input, "TOTP_ENROLLMENT", "the issuer and account name are limited to 256 bytes");
    if (request.secretBytes < 16 || request.secretBytes > 64)
        return oidc::makeError(oidc::ErrorCategory::Input, "TOTP_ENROLLMENT", "TOTP secrets have 16 to 64 bytes", "16…64",
                               std::to_string(request.secretBytes));
    return oidc::otp::checkTotpParameters(request.parameters);
}

} // namespace

oidc::Json TotpEnrollment::toDescopeJson() const
{
    return oidc::Json{{"provisioningURL", provisioningUrl}, {"image", image}, {"key", key}};
}

std::string totpProvisioningUrl(std::string_view issuer, std::string_view accountName, std::string_view secret,
                                const oidc::otp::TotpParameters &parameters)
{
    const std::string encodedIssuer = percentEncode(issuer);
    std::string url = "otpauth://totp/" + encodedIssuer + ":" + percentEncode(accountName);
    url += "?secret=" + oidc::crypto::base32Encode(secret);
    url += "&issuer=" + encodedIssuer;
    url += "&algorithm=" + std::string(oidc::otp::otpAlgorithmName(parameters.algorithm));
    url += "&digits=" + std::to_string(parameters.digits);
    url += "&period=" + std::to_string(parameters.periodSeconds);
    return url;
}

oidc::Result<TotpEnrollment> totpEnrollmentForSecret(std::string secret, const TotpEnrollmentRequest &request)
{
    if (auto checked = checkRequest(request); !checked)
        return checked.error();
    TotpEnrollment enrollment;
    enrollment.key = oidc::crypto::base32Encode(secret);
    enrollment.provisioningUrl = totpProvisioningUrl(request.issuer, request.accountName, secret, request.parameters);
    auto png = qrCodePng(enrollment.provisioningUrl);
    if (!png)
        return png.error();
    enrollment.qrPng = std::move(png).value();
    enrollment.image = oidc::crypto::base64Encode(enrollment.qrPng);
    enrollment.secret = std::move(secret);
    return enrollment;
}

oidc::Result<TotpEnrollment> createTotpEnrollment(const TotpEnrollmentRequest &request)
{
    if (auto checked = checkRequest(request); !checked)
        return checked.error();
    auto secret = oidc::crypto::randomBytes(request.secretBytes);
    if (!secret)
        return secret.error();
    return totpEnrollmentForSecret(std::move(secret).value(), request);
}

} // namespace sandbox::auth
