import Foundation
import Testing
@testable import NewsqKit

/// Highlights and snippets of prefix queries, which read the prefix's matches once for the
/// whole page rather than once for each of its rows, mark the words they always marked.
@Suite struct PrefixHighlightTests {
    typealias Hit = (id: String, title: [String], snippet: [String])

    /// The sample corpus's top 10 for each query, with the highlighted words of the title and of
    /// the snippet, as newsq showed them when every row looked its prefix's matches up alone
    /// (ranked with `IndexedCorpus.fallingRecency`, the ranking they were recorded under).
    static let expected: [(query: String, hits: [Hit])] = [
        (
            "chip*",
            [
                ("2026/10/15-chip-stocks-memory-slide", title: ["Chip"], snippet: []),
                ("2025/01/27-deepseek-chip-stocks-selloff", title: ["Chip"], snippet: []),
                ("2022/10/07-us-chip-export-controls", title: ["Chips", "Chipmaking"], snippet: ["chips", "chips"]),
                ("2023/08/23-nvidia-earnings-data-center", title: ["Chip"], snippet: ["chip"]),
                ("2024/07/18-tsmc-q2-earnings", title: [], snippet: ["chipmaker"]),
                ("2019/08/23-huawei-ascend-910-chip", title: ["Chip"], snippet: []),
            ]
        ),
        (
            "regul*",
            [
                ("2026/11/09-ai-regulation-weekly-roundup", title: ["Regulation"], snippet: ["regulation"]),
                ("2026/02/17-eu-ai-act-high-risk-explainer", title: [], snippet: []),
                ("2019/04/09-eu-trustworthy-ai-guidelines", title: ["Regulation"], snippet: ["regulation"]),
                ("2025/01/23-us-ai-order-revoked", title: [], snippet: []),
                ("2021/04/21-eu-ai-act-proposal", title: [], snippet: ["regulate"]),
                ("2023/11/02-uk-ai-safety-summit", title: ["Regulation"], snippet: ["regulating"]),
                ("2023/07/13-china-generative-ai-measures", title: [], snippet: ["regulate"]),
                ("2020/02/19-eu-ai-white-paper", title: [], snippet: ["regulating"]),
                ("2024/09/29-california-sb-1047-veto", title: [], snippet: ["regulatory"]),
                ("2021/06/30-shenzhen-ai-regulation", title: ["Regulation"], snippet: ["regulation"]),
            ]
        ),
        (
            "ex* controls",
            [
                ("2022/10/07-us-chip-export-controls", title: ["Export", "Controls"], snippet: ["export", "controls"]),
                ("2019/05/15-san-francisco-facial-recognition-ban", title: [], snippet: ["expected"]),
                ("2021/06/30-shenzhen-ai-regulation", title: [], snippet: ["experiments"]),
                ("2023/07/13-china-generative-ai-measures", title: [], snippet: ["controls"]),
                ("2023/11/02-uk-ai-safety-summit", title: [], snippet: ["existing"]),
                ("2026/02/17-eu-ai-act-high-risk-explainer", title: ["Explainer"], snippet: []),
                ("2024/03/19-boj-ends-negative-rates", title: [], snippet: ["control"]),
                ("2023/10/30-us-ai-executive-order", title: ["Executive"], snippet: ["executive"]),
                ("2025/01/27-deepseek-chip-stocks-selloff", title: [], snippet: []),
                ("2021/04/21-eu-ai-act-proposal", title: [], snippet: ["exceptions", "expect"]),
            ]
        ),
        (
            "title:chip*",
            [
                ("2026/10/15-chip-stocks-memory-slide", title: ["Chip"], snippet: []),
                ("2025/01/27-deepseek-chip-stocks-selloff", title: ["Chip"], snippet: []),
                ("2022/10/07-us-chip-export-controls", title: ["Chips", "Chipmaking"], snippet: []),
                ("2023/08/23-nvidia-earnings-data-center", title: ["Chip"], snippet: []),
                ("2019/08/23-huawei-ascend-910-chip", title: ["Chip"], snippet: []),
            ]
        ),
        (
            "人工*",
            [
                ("2026/11/20-ai-jianguan-kuaixun", title: ["人工"], snippet: ["人工"]),
                ("2026/03/18-ai-jibenfa-zifa", title: ["人工"], snippet: ["人工", "人工"]),
                ("2024/07/15-ai-jibenfa-caoan", title: ["人工"], snippet: ["人工"]),
                ("2023/07/13-shengchengshi-ai-zanxing-banfa", title: ["人工"], snippet: ["人工", "人工"]),
                ("2019/06/17-ai-governance-principles", title: ["人工"], snippet: ["人工", "人工"]),
                ("2025/03/15-ai-neirong-biaoshi-banfa", title: ["人工"], snippet: ["人工"]),
                ("2023/04/11-shengchengshi-ai-zhengqiu-yijian", title: ["人工"], snippet: ["人工"]),
                ("2019/05/26-beijing-ai-principles", title: ["人工"], snippet: ["人工"]),
                ("2024/06/11-hk-pcpd-ai-framework", title: ["人工"], snippet: ["人工"]),
                ("2022/03/01-suanfa-tuijian-guiding", title: [], snippet: []),
            ]
        ),
    ]

    static let corpus = try! IndexedCorpus(root: Repository.corpus)

    @Test(arguments: expected.indices)
    func aPrefixQueryHighlightsTheWordsItAlwaysHighlighted(index: Int) throws {
        let (query, hits) = Self.expected[index]
        let found = try Self.corpus.search(query, limit: 10, relax: true, ranking: IndexedCorpus.fallingRecency).hits
        let marks = { (text: HighlightedText) in text.runs.filter(\.isMatch).map(\.text) }
        #expect(found.map(\.id) == hits.map(\.id), "\(query)")
        for (hit, expected) in zip(found, hits) {
            #expect(marks(hit.title) == expected.title, "\(query): \(hit.id)")
            #expect(marks(hit.snippet) == expected.snippet, "\(query): \(hit.id)")
        }
    }
}
