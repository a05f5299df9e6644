// bench_sandbox: throughput and latency of the sandbox provider on loopback.
//
// The server runs in its own thread; clients are plain POSIX sockets, one thread per kept-alive
// connection, each sending its next request as soon as the previous answer is complete (closed
// loop). Three workloads on the same server in the same run:
//   baseline  GET /sandbox/ping                        (HTTP parsing, routing, a tiny answer)
//   polling   POST /v1/auth/enchantedlink/pending-session  (401 E062503: the polling path)
//   token     POST /oauth2/v1/token client_credentials (mints and signs an RS256 JWT each time)
// Figures are printed with the targets and the ratio to the baseline; timing never fails the run.
//
//   bench_sandbox [--smoke] [--seconds S] [--connections N[,N…]]

#include "sandbox/SandboxServer.h"

#include "oidc/crypto/Base64Url.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

// One blocking keep-alive HTTP/1.1 connection.
class Connection final {
public:
    explicit Connection(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            ::close(m_fd);
            m_fd = -1;
            return;
        }
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        m_buffer.reserve(16384);
    }
    ~Connection()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    [[nodiscard]] bool ok() const { return m_fd >= 0; }

    // Sends `request`, reads one response; returns its status (0 on failure) and keeps the body.
    int exchange(const std::string &request)
    {
        size_t sent = 0;
        while (sent < request.size()) {
            const ssize_t n = ::send(m_fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return 0;
            sent += static_cast<size_t>(n);
        }
        m_buffer.clear();
        size_t headEnd = std::string::npos;
        size_t length = 0;
        while (true) {
            char chunk[8192];
            const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                return 0;
            m_buffer.append(chunk, static_cast<size_t>(n));
            if (headEnd == std::string::npos) {
                headEnd = m_buffer.find("\r\n\r\n");
                if (headEnd == std::string::npos)
                    continue;
                const auto at = m_buffer.find("Content-Length: ");
                length = at == std::string::npos || at > headEnd ? 0 : std::stoul(m_buffer.substr(at + 16, 12));
            }
            if (m_buffer.size() >= headEnd + 4 + length)
                break;
        }
        body = m_buffer.substr(headEnd + 4, length);
        return std::atoi(m_buffer.c_str() + 9);
    }

    std::string body;

private:
    int m_fd = -1;
    std::string m_buffer;
};

struct Workload final {
    const char *name;
    std::string request;
    int expectedStatus;
};

struct Figures final {
    double requestsPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    uint64_t requests = 0;
    uint64_t errors = 0;
};

Figures drive(quint16 port, const Workload &workload, int connections, double seconds)
{
    std::vector<std::vector<uint32_t>> latencies(static_cast<size_t>(connections));
    std::vector<uint64_t> errors(static_cast<size_t>(connections), 0);
    std::atomic<bool> go{false};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < connections; ++i) {
        threads.emplace_back([&, i] {
            Connection connection(port);
            auto &mine = latencies[static_cast<size_t>(i)];
            mine.reserve(200000);
            while (!go.load())
                std::this_thread::yield();
            if (!connection.ok()) {
                ++errors[static_cast<size_t>(i)];
                return;
            }
            while (!stop.load(std::memory_order_relaxed)) {
                const auto start = Clock::now();
                const int status = connection.exchange(workload.request);
                const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
                if (status != workload.expectedStatus) {
                    ++errors[static_cast<size_t>(i)];
                    if (status == 0)
                        return;
                }
                mine.push_back(static_cast<uint32_t>(elapsed));
            }
        });
    }
    const auto start = Clock::now();
    go = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto &thread : threads)
        thread.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<uint32_t> all;
    Figures figures;
    for (size_t i = 0; i < latencies.size(); ++i) {
        all.insert(all.end(), latencies[i].begin(), latencies[i].end());
        figures.errors += errors[i];
    }
    figures.requests = all.size();
    figures.requestsPerSecond = static_cast<double>(all.size()) / elapsed;
    if (!all.empty()) {
        std::sort(all.begin(), all.end());
        const auto at = [&](double q) { return all[std::min(all.size() - 1, static_cast<size_t>(q * static_cast<double>(all.size())))] / 1000.0; };
        figures.p50Ms = at(0.50);
        figures.p99Ms = at(0.99);
        figures.maxMs = all.back() / 1000.0;
    }
    return figures;
}

std::string httpRequest(const std::string &method, const std::string &path, quint16 port, const std::string &headers = {},
                        const std::string &body = {})
{
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n" + headers;
    if (method != "GET")
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return request + "\r\n" + body;
}

std::optional<std::string> jsonString(const std::string &body, const std::string &member)
{
    const auto parsed = oidc::parseJsonObject(body);
    if (!parsed || !parsed->contains(member) || !(*parsed)[member].is_string())
        return std::nullopt;
    return (*parsed)[member].get<std::string>();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    bool smoke = false;
    double seconds = 3.0;
    std::vector<int> connectionCounts = {8, 32};
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--smoke") {
            smoke = true;
        } else if (argument == "--seconds" && i + 1 < argc) {
            seconds = std::stod(argv[++i]);
        } else if (argument == "--connections" && i + 1 < argc) {
            connectionCounts.clear();
            for (const QByteArray &part : QByteArray(argv[++i]).split(','))
                connectionCounts.push_back(part.toInt());
        } else {
            std::fprintf(stderr, "usage: bench_sandbox [--smoke] [--seconds S] [--connections N[,N…]]\n");
            return 2;
        }
    }
    if (smoke) {
        seconds = 0.3;
        connectionCounts = {8};
    }

    // The server in its own thread, as the GUI would not host it on the clients' threads.
    QThread serverThread;
    serverThread.setObjectName(QStringLiteral("sandbox"));
    auto *server = new sandbox::SandboxServer();
    server->moveToThread(&serverThread);
    serverThread.start();
    oidc::Status started;
    QMetaObject::invokeMethod(server, [&] { started = server->start(0); }, Qt::BlockingQueuedConnection);
    if (!started) {
        std::fprintf(stderr, "bench_sandbox: %s\n", started.error().summary().c_str());
        return 1;
    }
    const quint16 port = static_cast<quint16>(server->baseUrl().port());
    const std::string projectId = server->projectId().toStdString();
    const std::string bearer = "Authorization: Bearer " + projectId + "\r\nContent-Type: application/json\r\n";

    // A pending enchanted link to poll.
    std::string pendingRef;
    {
        Connection setup(port);
        const int status = setup.exchange(httpRequest("POST", "/v1/auth/enchantedlink/signin/email", port, bearer,
                                                      R"({"loginId":"alice@example.com"})"));
        const auto ref = jsonString(setup.body, "pendingRef");
        if (status != 200 || !ref) {
            std::fprintf(stderr, "bench_sandbox: cannot start an enchanted link (%d)\n", status);
            return 1;
        }
        pendingRef = *ref;
    }
    const std::string basic = "Authorization: Basic "
        + oidc::crypto::base64Encode("sandbox-confidential-client:" + QByteArray("SANDBOX-ONLY:m2m+secret/7f3a").toPercentEncoding().toStdString())
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\n";

    const std::vector<Workload> workloads = {
        {"baseline GET /sandbox/ping", httpRequest("GET", "/sandbox/ping", port), 200},
        {"polling  POST pending-session (401)", httpRequest("POST", "/v1/auth/enchantedlink/pending-session", port, bearer,
                                                            R"({"pendingRef":")" + pendingRef + R"("})"),
         401},
        {"token    POST /oauth2/v1/token (client_credentials)",
         httpRequest("POST", "/oauth2/v1/token", port, basic, "grant_type=client_credentials&scope=read%3Adata"), 200},
    };

    std::printf("bench_sandbox%s: server thread + %u client thread(s) per run, %.1f s per run, %u hardware threads\n",
                smoke ? " (smoke)" : "", static_cast<unsigned>(connectionCounts.back()), seconds, std::thread::hardware_concurrency());
    std::printf("%-52s %5s %11s %9s %9s %9s %7s %9s\n", "workload", "conns", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "vs base");
    bool allMet = true;
    for (const int connections : connectionCounts) {
        double baseline = 0;
        for (const auto &workload : workloads) {
            (void)drive(port, workload, connections, std::min(0.2, seconds / 3)); // warm-up
            const Figures figures = drive(port, workload, connections, seconds);
            if (baseline == 0)
                baseline = figures.requestsPerSecond;
            std::printf("%-52s %5d %11.0f %9.2f %9.2f %9.2f %7llu %8.2fx\n", workload.name, connections, figures.requestsPerSecond,
                        figures.p50Ms, figures.p99Ms, figures.maxMs, static_cast<unsigned long long>(figures.errors),
                        baseline > 0 ? figures.requestsPerSecond / baseline : 0.0);
            const bool polling = std::strncmp(workload.name, "polling", 7) == 0;
            const bool token = std::strncmp(workload.name, "token", 5) == 0;
            if (polling && (figures.requestsPerSecond < 5000 || figures.p99Ms >= 20))
                allMet = false;
            if (token && (figures.requestsPerSecond < 1000 || figures.p99Ms >= 20))
                allMet = false;
            if (figures.errors > 0)
                allMet = false;
        }
    }
    std::printf("targets: polling >= 5000 req/s, token >= 1000 responses/s, p99 < 20 ms, no errors -> %s\n",
                allMet ? "met" : "NOT met on this machine (figures only; the run does not fail)");

    QMetaObject::invokeMethod(server, [server] { server->stop(); delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
