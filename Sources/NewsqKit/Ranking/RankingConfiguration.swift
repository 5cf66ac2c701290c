import Foundation

/// Ranking knobs read from a configuration file, so a user's preferences apply to every search
/// without `--rank` each time.
///
/// The file is JSON: `{"ranking": {"recencyFloor": 0.5, "titleWeight": 8}}`; knobs left out keep
/// their defaults. It is `--config FILE`, else `$NEWSQ_CONFIG`, else
/// `$XDG_CONFIG_HOME/newsq/config.json` (`~/.config/newsq/config.json`) when that file exists.
public enum RankingConfiguration {
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["NEWSQ_CONFIG"], !path.isEmpty { return path }
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return configHome + "/newsq/config.json"
    }

    /// The parameters in the file at `path` over the defaults; the defaults alone when the file
    /// does not exist and `required` is false.
    public static func load(path: String, required: Bool) throws(ConfigurationError) -> RankingParameters {
        var parameters = RankingParameters()
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw .missing(path: path) }
            return parameters
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: try contents(of: path))
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let root = object as? [String: Any] else { throw .notAnObject(path: path, key: nil) }
        guard let ranking = root["ranking"] else { return parameters }
        guard let knobs = ranking as? [String: Any] else { throw .notAnObject(path: path, key: "ranking") }
        for (name, value) in knobs.sorted(by: { $0.key < $1.key }) {
            guard RankingParameters.knobNames.contains(name) else { throw .unknownKnob(path: path, knob: name) }
            guard let number = (value as? NSNumber)?.doubleValue, !(value is Bool) else {
                throw .notANumber(path: path, knob: name)
            }
            do {
                try parameters.set(name, to: number)
            } catch {
                throw .badKnob(path: path, error)
            }
        }
        return parameters
    }

    /// A configuration file holds a few knobs: more than this is not one.
    static let maximumBytes = 1 << 20

    /// The bytes of the file at `path` (`ConfigurationFile`), refused when larger than `maximumBytes` or empty.
    private static func contents(of path: String) throws(ConfigurationError) -> Data {
        let data: Data
        do {
            data = try ConfigurationFile.contents(of: path, maximumBytes: maximumBytes)
        } catch {
            throw .cannotRead(path: path, reason: error.reason)
        }
        guard data.count <= maximumBytes else {
            throw .cannotRead(path: path, reason: "it is larger than 1 MiB, too large for a configuration file")
        }
        guard !data.isEmpty else {
            throw .cannotRead(
                path: path, reason: "it is empty; it should hold a JSON object such as {\"ranking\": {\"recencyFloor\": 0.5}}")
        }
        return data
    }
}

/// Why a configuration file cannot be used. Each case reads as a sentence.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case notAnObject(path: String, key: String?)
    case notANumber(path: String, knob: String)
    case unknownKnob(path: String, knob: String)
    case badKnob(path: String, RankingKnobError)
    case cannotRead(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path): "the configuration file \(path) does not exist"
        case .unreadable(let path, let reason): "the configuration file \(path) is not valid JSON: \(reason)"
        case .notAnObject(let path, let key):
            "in \(path), \(key.map { "`\($0)`" } ?? "the top level") must be a JSON object"
        case .notANumber(let path, let knob): "in \(path), the ranking knob `\(knob)` must be a number"
        case .unknownKnob(let path, let knob):
            "in \(path), `\(knob)` is not a ranking knob; knobs are \(RankingParameters.knobNames.joined(separator: ", "))"
        case .badKnob(let path, let error): "in \(path), \(error)"
        case .cannotRead(let path, let reason): "cannot read the configuration file \(path): \(reason)"
        }
    }
}
