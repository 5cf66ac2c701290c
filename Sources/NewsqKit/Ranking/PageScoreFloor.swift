/// The lowest of the best `size` scores seen so far in one ranking statement: a match whose
/// score cannot reach it cannot be on the requested page, and need not be scored exactly.
///
/// A min-heap of at most `size` scores; `floor` is its root once it is full.
struct PageScoreFloor {
    let size: Int
    private var heap: [Double] = []

    init(size: Int) {
        self.size = max(size, 0)
        heap.reserveCapacity(min(self.size, 1 << 16))
    }

    /// The score a match must reach to be on the page, or nil while fewer than `size` were seen.
    var floor: Double? { heap.count == size && size > 0 ? heap[0] : nil }

    mutating func add(_ score: Double) {
        guard size > 0 else { return }
        if heap.count < size {
            heap.append(score)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard heap[child] < heap[parent] else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        } else if score > heap[0] {
            heap[0] = score
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left] < heap[smallest] { smallest = left }
                if right < heap.count, heap[right] < heap[smallest] { smallest = right }
                guard smallest != parent else { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }
}
