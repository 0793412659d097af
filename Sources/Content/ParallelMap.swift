import Foundation

/// Runs independent work on all cores and keeps the results in input order.
public enum ParallelMap {
    public static func map<T: Sendable, R: Sendable>(_ input: [T], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                                     _ transform: @Sendable (T) -> R) -> [R] {
        guard input.count > 1, jobs > 1 else { return input.map(transform) }
        var results = [R?](repeating: nil, count: input.count)
        let workers = min(jobs, input.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = UncheckedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                // Striped so that every worker gets a share of large and small inputs.
                for index in stride(from: worker, to: input.count, by: workers) {
                    slots.buffer[index] = transform(input[index])
                }
            }
        }
        return results.map { $0! }
    }

    /// Two independent pieces of work at once; returns when both are done.
    public static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let results = map([0, 1]) { index -> (A?, B?) in index == 0 ? (first(), nil) : (nil, second()) }
        return (results[0].0!, results[1].1!)
    }

    /// Each worker writes distinct indices, so sharing the buffer is safe.
    private struct UncheckedBuffer<R>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<R?>
        init(_ buffer: UnsafeMutableBufferPointer<R?>) { self.buffer = buffer }
    }
}
