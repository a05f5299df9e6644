#include "Router.h"

#include "sandbox/SandboxRequest.h"

#include <algorithm>

namespace sandbox {

namespace {

bool isCapture(const QByteArray &segment)
{
    return segment.size() > 2 && segment.startsWith('{') && segment.endsWith('}');
}

} // namespace

void Router::add(const QByteArray &methods, const QByteArray &pattern, SyncHandler handler, const QByteArray &summary)
{
    addAsync(methods, pattern,
             [handler = std::move(handler)](const SandboxRequest &request, const Respond &respond) { respond(handler(request)); },
             summary);
}

void Router::addAsync(const QByteArray &methods, const QByteArray &pattern, AsyncHandler handler, const QByteArray &summary)
{
    Route route;
    for (const QByteArray &method : methods.split(','))
        route.methods.append(method.trimmed().toUpper());
    route.pattern = pattern;
    route.summary = summary;
    route.handler = std::move(handler);
    route.segments = pattern.mid(1).split('/');
    for (const QByteArray &segment : route.segments) {
        if (!isCapture(segment))
            ++route.literalCount;
    }
    const size_t count = static_cast<size_t>(route.segments.size());
    if (m_bySegmentCount.size() <= count)
        m_bySegmentCount.resize(count + 1);
    m_bySegmentCount[count].push_back(m_routes.size());
    m_routes.push_back(std::move(route));
}

Router::Match Router::match(QByteArrayView method, QByteArrayView path) const
{
    Match result;
    if (!path.startsWith('/'))
        return result;
    QVarLengthArray<QByteArrayView, 16> parts;
    qsizetype start = 1;
    while (true) {
        const qsizetype slash = path.indexOf('/', start);
        if (slash < 0) {
            parts.append(path.sliced(start));
            break;
        }
        parts.append(path.sliced(start, slash - start));
        start = slash + 1;
        if (parts.size() > 15)
            return result;
    }
    const size_t count = static_cast<size_t>(parts.size());
    if (count >= m_bySegmentCount.size())
        return result;
    const QByteArrayView effective = method == "HEAD" ? QByteArrayView("GET") : method;
    const Route *best = nullptr;
    const Route *bestOtherMethod = nullptr;
    for (const size_t index : m_bySegmentCount[count]) {
        const Route &route = m_routes[index];
        bool matches = true;
        for (size_t i = 0; i < count && matches; ++i) {
            const QByteArray &segment = route.segments[static_cast<qsizetype>(i)];
            if (isCapture(segment))
                matches = !parts[static_cast<qsizetype>(i)].isEmpty();
            else
                matches = parts[static_cast<qsizetype>(i)] == QByteArrayView(segment);
        }
        if (!matches)
            continue;
        const bool methodOk = std::any_of(route.methods.begin(), route.methods.end(),
                                          [&](const QByteArray &m) { return QByteArrayView(m) == effective; });
        if (methodOk) {
            if (!best || route.literalCount > best->literalCount)
                best = &route;
        } else if (!bestOtherMethod || route.literalCount > bestOtherMethod->literalCount) {
            bestOtherMethod = &route;
        }
    }
    if (!best) {
        if (bestOtherMethod) {
            QList<QByteArray> allow = bestOtherMethod->methods;
            if (allow.contains("GET"))
                allow.append("HEAD");
            result.allow = allow.join(", ");
        }
        return result;
    }
    result.route = best;
    for (size_t i = 0; i < count; ++i) {
        const QByteArray &segment = best->segments[static_cast<qsizetype>(i)];
        if (isCapture(segment))
            result.params.append(PathParam{segment.mid(1, segment.size() - 2), oidc::net::percentDecode(parts[static_cast<qsizetype>(i)])});
    }
    return result;
}

} // namespace sandbox
