#include "QrCode.h"

#include "Png.h"

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace sandbox::auth {

namespace {

constexpr size_t kMaxQrTextBytes = 2048;

struct QrCodeDeleter final {
    void operator()(QRcode *code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeDeleter>;

} // namespace

oidc::Result<QrMatrix> encodeQr(std::string_view text)
{
    if (text.empty() || text.size() > kMaxQrTextBytes)
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "QR_TOO_LONG", "the QR code text must be 1 to 2048 bytes");
    // QRcode_encodeData takes a length, so the text need not be NUL-terminated and may hold any byte.
    QrCodePtr code(QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char *>(text.data()),
                                     0, QR_ECLEVEL_M));
    if (!code || code->width <= 0)
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "QR_ENCODE", "libqrencode could not encode the text");
    QrMatrix matrix;
    matrix.size = code->width;
    const auto cells = static_cast<size_t>(code->width) * static_cast<size_t>(code->width);
    matrix.dark.resize(cells);
    // libqrencode: bit 0 of each byte is the module colour (1 = dark); the other bits are metadata.
    for (size_t i = 0; i < cells; ++i)
        matrix.dark[i] = (code->data[i] & 1u) != 0;
    return matrix;
}

oidc::Result<std::string> qrCodePng(std::string_view text, const QrPngOptions &options)
{
    auto matrix = encodeQr(text);
    if (!matrix)
        return matrix.error();
    const int quiet = std::clamp(options.quietZoneModules, 0, 16);
    const int modules = matrix->size + 2 * quiet;
    const int scale = std::clamp((options.targetPixels + modules / 2) / modules, 1, 32);
    const int side = modules * scale;

    std::string pixels(static_cast<size_t>(side) * static_cast<size_t>(side), '\xff');
    for (int y = 0; y < matrix->size; ++y)
        for (int x = 0; x < matrix->size; ++x) {
            if (!matrix->at(x, y))
                continue;
            for (int dy = 0; dy < scale; ++dy) {
                const size_t row = static_cast<size_t>((quiet + y) * scale + dy) * static_cast<size_t>(side);
                const size_t column = static_cast<size_t>((quiet + x) * scale);
                std::fill_n(pixels.begin() + static_cast<std::ptrdiff_t>(row + column), scale, '\0');
            }
        }
    return encodeGreyscalePng(side, side, pixels);
}

} // namespace sandbox::auth
