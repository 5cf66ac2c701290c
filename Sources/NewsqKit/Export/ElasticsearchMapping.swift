import Foundation

/// What an Elasticsearch or OpenSearch cluster needs to hold a newsq archive and rank it the
/// way newsq does (`newsq export --es-mapping`): one JSON object with
///
/// - `index`: the body of `PUT /<index>`: an analyzer built from the ICU analysis plugin
///   (`analysis-icu`) that mirrors newsq's `Analyzer`, and a strict mapping of `ArticleJSON`;
/// - `search_template`: the body of `PUT _scripts/newsq-search`: a mustache template whose
///   `function_score` mirrors `RankingFormula`.
///
/// The analyzer, step by step as newsq's: `icu_normalizer` (NFKC, so full-width `１９９８` is
/// segmented as `1998`), `icu_tokenizer` (the same ICU word break, dictionary-based for Chinese),
/// the English possessive stemmer (`China’s` → `China`), `icu_folding` (case, width, accents),
/// `icu_transform` Traditional-Simplified (`監管` → `监管`) and `porter_stem`.
///
/// The ranking, `R · (α + (1 − α) · G) · (1 + β · q̂)`, as two nested `function_score`s:
/// the inner multiplies R by the sum of a constant α, `gauss` on `published` weighted 1 − α
/// (same offset, scale and decay) and, for undated articles, (1 − α) · decay (newsq's neutral
/// G; Elasticsearch's gauss would give a missing date 1); the outer multiplies by 1 plus
/// β · `quality_rank` (missing: 0.5, newsq's neutral q̂). R is BM25 over the same fields with
/// the same weights, so scores are close to newsq's, not equal: FTS5 weighs a document's
/// columns in one bm25, Elasticsearch sums per-field BM25s.
public enum ElasticsearchMapping {
    /// The analyzer every text field uses.
    static let analyzerName = "newsq_text"

    /// The mapping and the search template as one JSON document, pretty-printed.
    public static func document(parameters: RankingParameters = RankingParameters()) throws -> String {
        let document: [String: Any] = [
            "index": ["settings": settings, "mappings": mappings],
            "search_template": ["script": ["lang": "mustache", "source": searchTemplate(parameters)]],
        ]
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static var settings: [String: Any] {
        [
            "analysis": [
                "char_filter": ["newsq_nfkc": ["type": "icu_normalizer", "name": "nfkc", "mode": "compose"]],
                "filter": [
                    "newsq_possessive": ["type": "stemmer", "language": "possessive_english"],
                    "newsq_folding": ["type": "icu_folding"],
                    "newsq_simplified": ["type": "icu_transform", "id": "Traditional-Simplified"],
                    "newsq_porter": ["type": "porter_stem"],
                ],
                "analyzer": [
                    analyzerName: [
                        "type": "custom",
                        "char_filter": ["newsq_nfkc"],
                        "tokenizer": "icu_tokenizer",
                        "filter": ["newsq_possessive", "newsq_folding", "newsq_simplified", "newsq_porter"],
                    ]
                ],
            ]
        ]
    }

    static var mappings: [String: Any] {
        let text: [String: Any] = ["type": "text", "analyzer": analyzerName]
        var textWithKeyword = text
        textWithKeyword["fields"] = ["raw": ["type": "keyword", "ignore_above": 256]]
        let keyword = ["type": "keyword"]
        return [
            // Strict: a document with a field the mapping does not know is refused, not guessed.
            "dynamic": "strict",
            "properties": [
                "id": keyword, "title": text, "excerpt": text, "body": text,
                "topics": textWithKeyword, "provider": textWithKeyword, "provider_domain": keyword,
                "related": text,
                "published": ["type": "date", "format": "strict_date_optional_time||epoch_second"],
                "quality": ["type": "integer"], "quality_rank": ["type": "float"], "heat": ["type": "integer"],
                "type": keyword, "category": keyword, "url": keyword, "language": keyword,
            ] as [String: Any],
        ]
    }

    /// The fields searched and their weights, in newsq's order (`RankingParameters.fieldWeights`).
    static func boostedFields(_ parameters: RankingParameters) -> [String] {
        zip(ArchiveSchema.searchableColumns, parameters.fieldWeights).map { "\($0)^\(number($1))" }
    }

    static func searchTemplate(_ p: RankingParameters) -> [String: Any] {
        let alpha = p.recencyFloor
        // Matching as newsq's: every word must appear, in any of the fields (cross_fields, AND);
        // tie_breaker 1 sums the fields' scores instead of taking the best one.
        let text: [String: Any] = [
            "query_string": [
                "query": "{{query}}", "default_operator": "AND", "type": "cross_fields", "tie_breaker": 1.0,
                "fields": boostedFields(p),
            ]
        ]
        let recency: [String: Any] = [
            "function_score": [
                "query": text,
                "functions": [
                    ["weight": alpha],
                    [
                        "filter": ["exists": ["field": "published"]],
                        "gauss": [
                            "published": [
                                "origin": "{{origin}}{{^origin}}now{{/origin}}",
                                "offset": days(p.recencyOffsetDays), "scale": days(p.recencyScaleDays), "decay": p.recencyDecay,
                            ]
                        ],
                        "weight": 1 - alpha,
                    ],
                    [
                        "filter": ["bool": ["must_not": ["exists": ["field": "published"]]]],
                        "weight": (1 - alpha) * p.recencyDecay,
                    ],
                ] as [[String: Any]],
                "score_mode": "sum", "boost_mode": "multiply",
            ]
        ]
        let quality: [String: Any] = [
            "function_score": [
                "query": recency,
                "functions": [
                    ["weight": 1],
                    ["field_value_factor": ["field": "quality_rank", "factor": p.qualityBoost, "missing": 0.5]],
                ] as [[String: Any]],
                "score_mode": "sum", "boost_mode": "multiply",
            ]
        ]
        return [
            "query": quality,
            "from": "{{from}}{{^from}}0{{/from}}",
            "size": "{{size}}{{^size}}10{{/size}}",
        ]
    }

    /// A duration as Elasticsearch reads it: whole days as `7d`, anything else in hours.
    static func days(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))d" : "\(Int((value * 24).rounded()))h"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
