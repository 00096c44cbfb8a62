// The hand-over between the two threads of a partition load: the decoding
// thread turns CSV fields into typed cells, batch by batch; the loading
// thread binds them to SQLite. Two threads because on a large response the
// decoding and value parsing are a quarter of the load and SQLite's insert
// the rest: overlapped, a million rows load in the time of the inserts alone.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace tb::engine {

// One converted value. Text points into the response body or into the
// batch's own buffer for that cell; both outlive the batch's insert.
struct FieldValue {
    enum class Kind : std::uint8_t { Null, Integer, Real, Text };
    Kind kind = Kind::Null;
    std::int64_t integer = 0;
    double real = 0;
    std::string_view text;
};

// Rows of cells, `width` cells (one per cache column) per row.
struct FieldBatch {
    std::vector<FieldValue> cells;
    std::vector<std::string> owned;  // per cell: converted or unquoted text
    int rows = 0;
    FieldValue* row(int r, int width) { return cells.data() + std::size_t(r) * std::size_t(width); }
    const FieldValue* row(int r, int width) const { return cells.data() + std::size_t(r) * std::size_t(width); }
};

// Converts one CSV field by the column's parser into `cell`. Returns false
// when the value does not parse (the cell is then NULL). `body` is the
// response: text inside it is referenced, other text copied into `owned`.
bool convert_field(const catalog::Column& column, std::string_view value, std::string_view body, FieldValue& cell,
                   std::string& owned);

// A bounded queue of batches between one producer and one consumer, with a
// fixed pool so no batch is allocated per rows. Either side may stop the
// other: the producer by finishing (or failing), the consumer by cancelling.
class BatchQueue {
public:
    BatchQueue(int pool, int rows_per_batch, int width);
    // Producer: an empty batch to fill; nullptr once the consumer cancelled.
    FieldBatch* acquire();
    void publish(FieldBatch* batch);
    void finish(std::exception_ptr error = nullptr);
    // Consumer: the next full batch, nullptr at the end (rethrows the
    // producer's error); release() returns it to the pool.
    FieldBatch* next();
    void release(FieldBatch* batch);
    void cancel();

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<FieldBatch> pool_;
    std::vector<FieldBatch*> free_;
    std::deque<FieldBatch*> full_;
    bool finished_ = false;
    bool cancelled_ = false;
    std::exception_ptr error_;
};

} // namespace tb::engine
