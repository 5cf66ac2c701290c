/// The language of an article, guessed from its script: newsq's corpora are English and Chinese.
public enum Language: String, Sendable, Codable, CaseIterable {
    case en
    case zh

    /// Chinese when Han characters make up at least a fifth of the letters of `text`
    /// (looking at its first 2,000 characters), English otherwise.
    public static func guess(_ text: String) -> Language {
        var han = 0
        var letters = 0
        for scalar in text.unicodeScalars.prefix(2_000) {
            if scalar.value < 0x80 {
                // ASCII first: Unicode property lookups cost more than the rest of the guess.
                if (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) { letters += 1 }
            } else if (0x3400...0x9FFF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0x20000...0x3134F).contains(scalar.value)
            {
                han += 1
                letters += 1
            } else if scalar.properties.isAlphabetic {
                letters += 1
            }
        }
        return letters > 0 && han * 5 >= letters ? .zh : .en
    }
}
