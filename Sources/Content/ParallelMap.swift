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

    /// Each worker writes distinct indices, so sharing the buffer is safe.
    private struct UncheckedBuffer<R>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<R?>
        init(_ buffer: UnsafeMutableBufferPointer<R?>) { self.buffer = buffer }
    }
}
