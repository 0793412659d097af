import Foundation
import Synchronization
import Testing
@testable import Content

/// Work spread over the cores: every input transformed once, the results in the inputs' order,
/// whatever the inputs cost and however many workers there are.
@Suite struct ParallelMapTests {
    @Test(arguments: [1, 2, 3, 8])
    func everyInputOnceInItsPlace(jobs: Int) {
        let calls = Atomic<Int>(0)
        let inputs = Array(0..<2_000)
        let results = ParallelMap.map(inputs, jobs: jobs) { n -> Int in
            calls.wrappingAdd(1, ordering: .relaxed)
            if n % 7 == 0 { usleep(50) }  // uneven work: every seventh input takes longer
            return n * 2
        }
        #expect(results == inputs.map { $0 * 2 })
        #expect(calls.load(ordering: .relaxed) == inputs.count)
    }
}
