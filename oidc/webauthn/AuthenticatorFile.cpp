#include "AuthenticatorFile.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Random.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <utility>

namespace oidc::webauthn {

namespace {

constexpr mode_t kFileMode = 0600;
constexpr mode_t kOthersMask = 0077; // any permission of group or others

Error fileError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::Input, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

Error corrupt(const std::string &message)
{
    return fileError("AUTHENTICATOR_FILE_CORRUPT", "the authenticator file is damaged: " + message);
}

std::string systemMessage(int error)
{
    return std::generic_category().message(error);
}

std::string octal(mode_t mode)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

// An owned file descriptor, closed on every path out.
class FileDescriptor final {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    [[nodiscard]] int get() const { return m_fd; }
    [[nodiscard]] bool valid() const { return m_fd >= 0; }
    // close(2) can report a failed write-back; the caller must know.
    [[nodiscard]] bool close()
    {
        const int fd = std::exchange(m_fd, -1);
        return ::close(fd) == 0;
    }

private:
    int m_fd = -1;
};

Json settingsJson(const SoftwareAuthenticatorOptions &options)
{
    Json algorithms = Json::array();
    for (const CoseAlgorithm algorithm : options.algorithms)
        algorithms.push_back(static_cast<int64_t>(algorithm));
    return {{"algorithms", std::move(algorithms)},
            {"attestation", attestationModeName(options.attestation)},
            {"aaguid", crypto::base64UrlEncode(options.aaguid)},
            {"userVerifying", options.userVerifying},
            {"backupEligible", options.backupEligible},
            {"backupState", options.backupState},
            {"signCounter", options.signCounter},
            {"transports", options.transports}};
}

Result<SoftwareAuthenticatorOptions> settingsFromJson(const Json &settings)
{
    if (!settings.is_object())
        return corrupt("\"settings\" is not an object");
    SoftwareAuthenticatorOptions options;
    const auto algorithms = settings.find("algorithms");
    if (algorithms == settings.end() || !algorithms->is_array() || algorithms->empty())
        return corrupt("\"settings.algorithms\" is not a list of COSE algorithms");
    options.algorithms.clear();
    for (const auto &value : *algorithms) {
        const auto algorithm = value.is_number_integer() ? coseAlgorithmFromInt(value.get<int64_t>()) : std::nullopt;
        if (!algorithm)
            return corrupt("\"settings.algorithms\" holds an unsupported algorithm");
        options.algorithms.push_back(*algorithm);
    }
    const auto attestation = settings.find("attestation");
    const auto mode = attestation != settings.end() && attestation->is_string()
        ? parseAttestationMode(attestation->get_ref<const std::string &>())
        : std::nullopt;
    if (!mode)
        return corrupt("\"settings.attestation\" is not none, packed-self or packed-x5c");
    options.attestation = *mode;
    const auto aaguid = settings.find("aaguid");
    auto aaguidBytes = aaguid != settings.end() && aaguid->is_string() ? crypto::base64UrlDecode(aaguid->get_ref<const std::string &>())
                                                                        : Result<std::string>(corrupt("no aaguid"));
    if (!aaguidBytes || aaguidBytes->size() != 16)
        return corrupt("\"settings.aaguid\" is not 16 bytes of base64url");
    options.aaguid = std::move(aaguidBytes).value();
    for (const auto &[name, target] : {std::pair{"userVerifying", &options.userVerifying}, std::pair{"backupEligible", &options.backupEligible},
                                       std::pair{"backupState", &options.backupState}, std::pair{"signCounter", &options.signCounter}}) {
        const auto it = settings.find(name);
        if (it == settings.end() || !it->is_boolean())
            return corrupt(std::string("\"settings.") + name + "\" is not true or false");
        *target = it->get<bool>();
    }
    const auto transports = settings.find("transports");
    if (transports == settings.end() || !transports->is_array())
        return corrupt("\"settings.transports\" is not a list");
    options.transports.clear();
    for (const auto &transport : *transports) {
        if (!transport.is_string())
            return corrupt("\"settings.transports\" holds something other than a string");
        options.transports.push_back(transport.get<std::string>());
    }
    return options;
}

// The whole file, refusing one that others may read: the keys must not have been exposed, and
// a key others could have replaced is not this user's key either.
Result<std::string> readPrivateFile(const std::string &path, int fd)
{
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return fileError("AUTHENTICATOR_FILE_READ", "cannot read the authenticator file: " + systemMessage(errno), {}, path);
    if (!S_ISREG(info.st_mode))
        return fileError("AUTHENTICATOR_FILE_PERMISSIONS", "the authenticator file is not a regular file", "a regular file", path);
    if (info.st_uid != ::geteuid())
        return fileError("AUTHENTICATOR_FILE_PERMISSIONS", "the authenticator file belongs to another user: its private keys may not be yours",
                         "owner uid " + std::to_string(::geteuid()), "owner uid " + std::to_string(info.st_uid));
    if ((info.st_mode & kOthersMask) != 0)
        return fileError("AUTHENTICATOR_FILE_PERMISSIONS",
                         "the authenticator file holds private keys but others may read or change it; run chmod 600 on it", octal(kFileMode),
                         octal(info.st_mode));
    if (info.st_size < 0 || static_cast<uint64_t>(info.st_size) > kMaxAuthenticatorFileBytes)
        return fileError("AUTHENTICATOR_FILE_SIZE", "the authenticator file is larger than 1 MiB", "≤ 1048576 bytes",
                         std::to_string(info.st_size) + " bytes");
    std::string content;
    char buffer[16 * 1024];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fileError("AUTHENTICATOR_FILE_READ", "cannot read the authenticator file: " + systemMessage(errno), {}, path);
        if (got == 0)
            return content;
        content.append(buffer, static_cast<size_t>(got));
        if (content.size() > kMaxAuthenticatorFileBytes) // it grew while we read
            return fileError("AUTHENTICATOR_FILE_SIZE", "the authenticator file is larger than 1 MiB");
    }
}

Status writeAll(int fd, std::string_view text)
{
    while (!text.empty()) {
        const ssize_t written = ::write(fd, text.data(), text.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return fileError("AUTHENTICATOR_FILE_WRITE", "cannot write the authenticator file: " + systemMessage(errno));
        text.remove_prefix(static_cast<size_t>(written));
    }
    return {};
}

} // namespace

Result<Json> authenticatorDocument(const SoftwareAuthenticator &authenticator)
{
    auto credentials = authenticator.exportCredentials();
    if (!credentials)
        return credentials.error();
    return Json{{"format", kAuthenticatorFileFormat},
                {"version", kAuthenticatorFileVersion},
                {"settings", settingsJson(authenticator.options())},
                {"credentials", std::move(credentials).value()}};
}

Result<SoftwareAuthenticator> authenticatorFromDocument(const Json &document)
{
    const auto format = document.is_object() ? document.find("format") : document.end();
    if (!document.is_object() || format == document.end() || !format->is_string() || *format != kAuthenticatorFileFormat)
        return fileError("AUTHENTICATOR_FILE_FOREIGN", "this file is not an OIDC Playground software authenticator",
                         std::string(kAuthenticatorFileFormat), "another JSON document");
    const auto version = document.find("version");
    if (version == document.end() || !version->is_number_integer() || version->get<int64_t>() <= 0)
        return corrupt("\"version\" is not a positive integer");
    if (version->get<int64_t>() > kAuthenticatorFileVersion)
        return fileError("AUTHENTICATOR_FILE_VERSION", "the authenticator file was written by a later version of the playground",
                         std::to_string(kAuthenticatorFileVersion), std::to_string(version->get<int64_t>()));
    const auto settings = document.find("settings");
    if (settings == document.end())
        return corrupt("\"settings\" is missing");
    auto options = settingsFromJson(*settings);
    if (!options)
        return options.error();
    const auto credentials = document.find("credentials");
    if (credentials == document.end())
        return corrupt("\"credentials\" is missing");
    SoftwareAuthenticator authenticator(std::move(options).value());
    if (auto imported = authenticator.importCredentials(*credentials); !imported)
        return corrupt(imported.error().message);
    return authenticator;
}

Result<LoadedAuthenticator> loadAuthenticator(const std::string &path, MissingFile missing)
{
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        const int error = errno;
        if (error == ENOENT && missing == MissingFile::StartEmpty)
            return LoadedAuthenticator{SoftwareAuthenticator(), true};
        if (error == ENOENT)
            return fileError("AUTHENTICATOR_FILE_MISSING", "there is no authenticator file here; sign up first to create one", {}, path);
        return fileError("AUTHENTICATOR_FILE_READ", "cannot open the authenticator file: " + systemMessage(error), {}, path);
    }
    auto content = readPrivateFile(path, fd.get());
    if (!content)
        return content.error();
    JsonParseOptions options;
    options.what = "the authenticator file";
    auto document = parseJson(*content, options);
    if (!document) // the parser's message names a position, never the text around it
        return fileError("AUTHENTICATOR_FILE_CORRUPT", "the authenticator file is not JSON: " + document.error().message, {}, path);
    auto authenticator = authenticatorFromDocument(*document);
    if (!authenticator)
        return authenticator.error();
    return LoadedAuthenticator{std::move(authenticator).value(), false};
}

Status saveAuthenticator(const std::string &path, const SoftwareAuthenticator &authenticator)
{
    auto document = authenticatorDocument(authenticator);
    if (!document)
        return document.error();
    const std::string text = document->dump(2) + "\n";
    auto suffix = crypto::randomBytes(6);
    if (!suffix)
        return suffix.error();
    const std::string temporary = path + ".tmp-" + crypto::hexEncode(*suffix);
    const auto writeError = [&path](const std::string &what, int error) {
        return fileError("AUTHENTICATOR_FILE_WRITE", "cannot write the authenticator file (" + what + "): " + systemMessage(error), {}, path);
    };

    // Created 0600 (the umask can only take bits away; fchmod makes it exactly 0600), never
    // through a symbolic link or over an existing file.
    FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, kFileMode));
    if (!fd.valid())
        return writeError("create", errno);
    const auto abandon = [&temporary](Error error) {
        ::unlink(temporary.c_str());
        return error;
    };
    if (::fchmod(fd.get(), kFileMode) != 0)
        return abandon(writeError("chmod", errno));
    if (auto written = writeAll(fd.get(), text); !written)
        return abandon(written.error());
    if (::fsync(fd.get()) != 0)
        return abandon(writeError("sync", errno));
    if (!fd.close())
        return abandon(writeError("close", errno));
    if (::rename(temporary.c_str(), path.c_str()) != 0)
        return abandon(writeError("rename", errno));

    // The rename itself survives a crash once the directory is synced.
    std::filesystem::path directory = std::filesystem::path(path).parent_path();
    if (directory.empty())
        directory = ".";
    FileDescriptor directoryFd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (directoryFd.valid())
        static_cast<void>(::fsync(directoryFd.get())); // best effort: the file itself is complete either way
    return {};
}

} // namespace oidc::webauthn
