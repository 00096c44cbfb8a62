#include "engine/field_batches.hpp"

#include "engine/loader.hpp"

namespace tb::engine {

bool convert_field(const catalog::Column& column, std::string_view value, std::string_view body, FieldValue& cell,
                   std::string& owned) {
    using P = catalog::ValueParser;
    cell.kind = FieldValue::Kind::Null;
    if (is_blank(value)) return true;
    auto text_from = [&](bool parsed) {
        if (!parsed) return false;
        cell.kind = FieldValue::Kind::Text;
        cell.text = owned;
        return true;
    };
    switch (column.parser) {
    case P::Integer:
    case P::Reference: {
        std::int64_t v;
        if (!parse_integer(value, v)) {
            // Amounts like budgets come as "16.0": a whole decimal is an
            // integer. Only where a double is exact (below 2^53): beyond, a
            // digit string that fits no 64-bit integer (-9223372036854775809)
            // would be rounded into one silently; it is a diagnostic instead.
            double d;
            constexpr double kExact = 9007199254740992.0;
            if (!parse_decimal(value, d) || !(d > -kExact && d < kExact) ||
                d != static_cast<double>(static_cast<std::int64_t>(d)))
                return false;
            v = static_cast<std::int64_t>(d);
        }
        if (column.parser == P::Reference && v == 0) return true;  // "0": no reference
        cell.kind = FieldValue::Kind::Integer;
        cell.integer = v;
        return true;
    }
    case P::Decimal:
        if (!parse_decimal(value, cell.real)) return false;
        cell.kind = FieldValue::Kind::Real;
        return true;
    case P::Bool: {
        bool v;
        if (!parse_bool(value, v)) return false;
        cell.kind = FieldValue::Kind::Integer;
        cell.integer = v ? 1 : 0;
        return true;
    }
    case P::DateDmy: return text_from(parse_date_dmy(value, owned));
    case P::TimeHm: return text_from(parse_time_hm(value, owned));
    case P::EpochMillis: {
        std::int64_t ms;
        if (parse_integer(value, ms) && ms == 0) return true;  // "0": not set
        return text_from(parse_epoch_millis(value, owned));
    }
    case P::Timestamp: return text_from(parse_timestamp(value, owned));
    case P::Text:
    case P::None:
        cell.kind = FieldValue::Kind::Text;
        // Unquoted text lies in the body; text the decoder had to unquote
        // lives in its per-row buffer and is copied.
        if (value.data() >= body.data() && value.data() + value.size() <= body.data() + body.size()) {
            cell.text = value;
        } else {
            owned.assign(value);
            cell.text = owned;
        }
        return true;
    }
    return true;
}

BatchQueue::BatchQueue(int pool, int rows_per_batch, int width) : pool_(std::size_t(pool)) {
    for (auto& batch : pool_) {
        batch.cells.resize(std::size_t(rows_per_batch) * std::size_t(width));
        batch.owned.resize(batch.cells.size());
        free_.push_back(&batch);
    }
}

FieldBatch* BatchQueue::acquire() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return cancelled_ || !free_.empty(); });
    if (cancelled_) return nullptr;
    FieldBatch* batch = free_.back();
    free_.pop_back();
    batch->rows = 0;
    return batch;
}

void BatchQueue::publish(FieldBatch* batch) {
    {
        std::lock_guard lock(mutex_);
        full_.push_back(batch);
    }
    changed_.notify_all();
}

void BatchQueue::finish(std::exception_ptr error) {
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
        error_ = error;
    }
    changed_.notify_all();
}

FieldBatch* BatchQueue::next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return finished_ || !full_.empty(); });
    if (!full_.empty()) {
        FieldBatch* batch = full_.front();
        full_.pop_front();
        return batch;
    }
    if (error_) std::rethrow_exception(error_);
    return nullptr;
}

void BatchQueue::release(FieldBatch* batch) {
    {
        std::lock_guard lock(mutex_);
        free_.push_back(batch);
    }
    changed_.notify_all();
}

void BatchQueue::cancel() {
    {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
    }
    changed_.notify_all();
}

} // namespace tb::engine
