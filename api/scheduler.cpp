#include "api/scheduler.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <memory>
#include <new>
#include <stdexcept>

#include "api/failure.hpp"
#include "api/transfer.hpp"

namespace tb::api::detail {

using Clock = std::chrono::steady_clock;

Scheduler::Scheduler(const ClientConfig& config)
    : config_(config), limit_(std::max(1, config.max_concurrent)) {
    multi_ = curl_multi_init();
    share_ = curl_share_init();
    if (!multi_ || !share_) {
        if (multi_)
            curl_multi_cleanup(multi_);
        if (share_)
            curl_share_cleanup(share_);
        throw std::bad_alloc();
    }
    // The limits make libcurl itself queue, on top of our own queue, so the
    // number of sockets to the tenant never exceeds MaxConcurrentRequests.
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(limit_));
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(limit_));
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(limit_));
    // HTTP/1.1 keep-alive, one request per connection at a time.
    curl_multi_setopt(multi_, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_NOTHING));
    // Only this Client's thread touches the share handle: no lock callbacks.
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    // An empty "Expect:" stops libcurl from waiting for "100 Continue"
    // before sending an upload body.
    headers_ = curl_slist_append(nullptr, "Expect:");
}

Scheduler::~Scheduler() {
    // Easy handles before the share handle they use; the multi handle last
    // closes the cached connections.
    for (CURL* easy : idle_)
        curl_easy_cleanup(easy);
    curl_share_cleanup(share_);
    curl_multi_cleanup(multi_);
    curl_slist_free_all(headers_);
}

CURL* Scheduler::take_handle() {
    if (!idle_.empty()) {
        CURL* easy = idle_.back();
        idle_.pop_back();
        return easy;
    }
    CURL* easy = curl_easy_init();
    if (!easy)
        throw std::bad_alloc();
    return easy;
}

void Scheduler::give_back(CURL* easy) {
    // Drop the pointers into the finished Transfer before it is destroyed.
    curl_easy_reset(easy);
    if (idle_.size() < static_cast<std::size_t>(limit_))
        idle_.push_back(easy);
    else
        curl_easy_cleanup(easy);
}

namespace {

struct Delayed {
    Clock::time_point due;
    std::size_t index;
    int attempt;
};

Outcome local_failure(std::string message) {
    Outcome out;
    out.failure = FailureKind::Other;
    out.error = std::move(message);
    return out;
}

} // namespace

void Scheduler::wakeup() { curl_multi_wakeup(multi_); }

std::vector<Outcome> Scheduler::run(std::span<const Request* const> requests, Deadline deadline,
                                    const std::atomic<bool>* cancel, const Client::OnAnswer& on_answer) {
    std::vector<Outcome> results(requests.size());
    const int max_attempts = 1 + std::max(0, config_.read_retries);
    const TransferSettings settings{&config_, share_, headers_};

    std::size_t next_fresh = 0;
    std::vector<Delayed> delayed;      // retries waiting for their backoff or Retry-After
    // When each request's first attempt started: request_timeout_ms bounds
    // all its attempts and waits together, so a stalled read cannot take
    // three full request times.
    std::vector<Clock::time_point> began(requests.size());
    const auto own_limit = [&](std::size_t index) {
        return began[index] + std::chrono::milliseconds(config_.request_timeout_ms);
    };
    // Whether the caller's deadline, not the request's own time, ends it.
    const auto deadline_binds = [&](std::size_t index) { return deadline && *deadline <= own_limit(index); };
    const auto limit_of = [&](std::size_t index) { return deadline_binds(index) ? *deadline : own_limit(index); };
    std::vector<std::unique_ptr<Transfer>> active;

    // Whatever happens (an exception included), no easy handle may stay in
    // the multi handle pointing at a destroyed Transfer.
    struct Cleanup {
        Scheduler& self;
        std::vector<std::unique_ptr<Transfer>>& active;
        ~Cleanup() {
            for (auto& t : active) {
                curl_multi_remove_handle(self.multi_, t->easy);
                self.give_back(t->easy);
            }
            active.clear();
        }
    } cleanup{*this, active};

    auto start = [&](std::size_t index, int attempt) {
        if (attempt == 0)
            began[index] = Clock::now();
        const long time_left_ms =
            long(std::chrono::duration_cast<std::chrono::milliseconds>(limit_of(index) - Clock::now()).count());
        if (time_left_ms <= 0) {
            Outcome late;
            late.failure = FailureKind::Timeout;
            late.past_deadline = deadline_binds(index);
            late.error = late.past_deadline ? "not sent: the time for the statement had run out"
                                            : "not sent again: the request's time had run out";
            results[index] = std::move(late);
            return;
        }
        auto t = std::make_unique<Transfer>();
        t->request = requests[index];
        t->index = index;
        t->attempt = attempt;
        CURL* easy = take_handle();
        std::string problem;
        try {
            problem = configure(*t, easy, settings);
            // What is left of the request's own time, cut short by the deadline.
            if (problem.empty())
                curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, time_left_ms);
        } catch (...) {
            give_back(easy);
            throw;
        }
        if (problem.empty() && curl_multi_add_handle(multi_, easy) != CURLM_OK)
            problem = "cannot start the transfer";
        if (!problem.empty()) {
            give_back(easy);
            results[index] = local_failure(std::move(problem));
            return;
        }
        active.push_back(std::move(t));
    };

    auto complete = [&](CURL* easy, CURLcode code) {
        auto it = std::find_if(active.begin(), active.end(),
                               [&](const auto& t) { return t->easy == easy; });
        if (it == active.end())
            return;
        std::unique_ptr<Transfer> t = std::move(*it);
        active.erase(it);
        curl_multi_remove_handle(multi_, easy);
        if (t->failure) {
            give_back(easy);
            std::rethrow_exception(t->failure);
        }
        Outcome outcome;
        try {
            outcome = finish(*t, code);
        } catch (...) {
            give_back(easy);
            throw;
        }
        give_back(easy);
        const int attempt = t->attempt + 1;
        const std::size_t index = t->index;
        const auto now = Clock::now();
        // libcurl may end a timed-out attempt a moment before the deadline
        // itself. A connect or TLS handshake cut by it counts too (a login
        // timeout ends there).
        if (code == CURLE_OPERATION_TIMEDOUT && deadline_binds(index) &&
            now + std::chrono::milliseconds(20) >= *deadline)
            outcome.past_deadline = true;
        // 429 and 503 may say when to ask again; that wait replaces the
        // backoff, and is only taken when it ends within the request's limit.
        auto due = now + backoff(attempt);
        const long status = outcome.ok() ? outcome.response.status : 0;
        const bool throttled = (status == 429 || status == 503) && outcome.retry_after;
        if (throttled)
            due = now + std::max(Clock::duration::zero(),
                                 std::chrono::duration_cast<Clock::duration>(*outcome.retry_after -
                                                                             std::chrono::system_clock::now()));
        else
            outcome.retry_after.reset();
        if (attempt < max_attempts && may_retry(*t->request, outcome) && due < limit_of(index))
            delayed.push_back({due, index, attempt});
        else {
            if (on_answer) on_answer(index, outcome);
            results[index] = std::move(outcome);
        }
    };

    for (;;) {
        if (cancel && cancel->load()) {
            // Every request not yet answered ends here; Cleanup takes the
            // running transfers out of the multi handle.
            Outcome cancelled;
            cancelled.failure = FailureKind::Other;
            cancelled.error = "cancelled";
            cancelled.cancelled = true;
            for (const auto& t : active) results[t->index] = cancelled;
            for (const Delayed& d : delayed) results[d.index] = cancelled;
            for (; next_fresh < requests.size(); ++next_fresh) results[next_fresh] = cancelled;
            break;
        }
        // Fill free slots: due retries first (they are the oldest work).
        const auto now = Clock::now();
        while (active.size() < static_cast<std::size_t>(limit_)) {
            auto due = std::min_element(delayed.begin(), delayed.end(),
                                        [](const Delayed& a, const Delayed& b) { return a.due < b.due; });
            if (due != delayed.end() && due->due <= now) {
                const Delayed d = *due;
                delayed.erase(due);
                start(d.index, d.attempt);
            } else if (next_fresh < requests.size()) {
                start(next_fresh, 0);
                ++next_fresh;
            } else {
                break;
            }
        }
        if (active.empty() && delayed.empty() && next_fresh >= requests.size())
            break;

        int running = 0;
        if (CURLMcode mc = curl_multi_perform(multi_, &running); mc != CURLM_OK)
            throw std::runtime_error(curl_multi_strerror(mc));

        bool completed = false;
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
            if (msg->msg == CURLMSG_DONE) {
                complete(msg->easy_handle, msg->data.result);
                completed = true;
            }
        }
        if (completed)
            continue;  // free slots: start the next requests before waiting

        // Wait for socket activity, but not past the next due retry.
        auto wait = std::chrono::milliseconds(1000);
        if (!delayed.empty() && active.size() < static_cast<std::size_t>(limit_)) {
            auto first = std::min_element(delayed.begin(), delayed.end(),
                                          [](const Delayed& a, const Delayed& b) { return a.due < b.due; })->due;
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(first - Clock::now());
            wait = std::clamp(left + std::chrono::milliseconds(1), std::chrono::milliseconds(0), wait);
        }
        if (CURLMcode mc = curl_multi_poll(multi_, nullptr, 0, static_cast<int>(wait.count()), nullptr);
            mc != CURLM_OK)
            throw std::runtime_error(curl_multi_strerror(mc));
    }
    return results;
}

} // namespace tb::api::detail
