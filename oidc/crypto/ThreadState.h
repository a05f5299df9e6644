#pragma once

// OpenSSL keeps state per thread (its random generators, the error queue) and frees it when the
// OS thread ends, in a thread-specific-data destructor. Qt's threads are detached: QThread::wait()
// and QThreadPool::waitForDone() return once the thread has finished running, before the OS
// thread has ended and run that destructor. A process that exits right after joining its workers
// (every test program) then tears OpenSSL down while a worker's state is still being freed, and
// LeakSanitizer reports it (EVP_RAND_CTX_new under RAND_get0_public/private, seen under load).
//
// releaseOpenSslStateWhenFinished(thread) frees the thread's OpenSSL state (and the verification
// contexts crypto::verifySignature cached on it) in its `finished`
// signal, which Qt emits on that thread before anyone waiting for it is woken. Idempotent and
// thread-safe; the main thread is never registered (OpenSSL frees its state at exit).

class QThread;

namespace oidc::crypto {

void releaseOpenSslStateWhenFinished(QThread *thread);

// The same for the calling thread (a pool worker at the start of a task).
void releaseOpenSslStateOfThisThreadWhenFinished();

} // namespace oidc::crypto
