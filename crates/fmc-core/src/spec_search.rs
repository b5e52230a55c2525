//! Ranking of endpoints for the composer's Endpoint search box.
//!
//! Every word of the query must occur in the endpoint's method, path,
//! summary or `operationId` (ignoring case). Endpoints whose path segments
//! equal or start with the words rank first, then matches inside the path,
//! then matches in the summary or `operationId` only.

use crate::spec::Endpoint;

/// Lower-cased search text of one endpoint, built once per endpoint list so
/// that each keystroke only compares strings.
#[derive(Clone, Debug)]
struct SearchEntry {
    method: String,
    path: String,
    segments: Vec<String>,
    operation_id: String,
    summary: String,
}

/// Endpoints prepared for searching.
#[derive(Clone, Debug, Default)]
pub struct EndpointIndex {
    entries: Vec<SearchEntry>,
}

impl EndpointIndex {
    /// Builds the index of `endpoints`; search results are positions in
    /// this slice.
    pub fn new(endpoints: &[Endpoint]) -> Self {
        let entries = endpoints
            .iter()
            .map(|endpoint| {
                let path = endpoint.path.to_lowercase();
                let segments = path
                    .split('/')
                    .filter(|segment| !segment.is_empty() && !segment.starts_with('{'))
                    .map(str::to_owned)
                    .collect();
                SearchEntry {
                    method: endpoint.method.as_str().to_lowercase(),
                    path,
                    segments,
                    operation_id: endpoint.operation_id.to_lowercase(),
                    summary: endpoint.summary.to_lowercase(),
                }
            })
            .collect();
        EndpointIndex { entries }
    }

    /// Returns the number of indexed endpoints.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Returns true if no endpoint is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Returns the positions of at most `limit` endpoints that match every
    /// word of `query`, best first. A blank query returns the first `limit`
    /// endpoints in spec order.
    pub fn search(&self, query: &str, limit: usize) -> Vec<usize> {
        let query = query.to_lowercase();
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() {
            return (0..self.entries.len().min(limit)).collect();
        }

        let mut ranked: Vec<(u32, usize, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(position, entry)| {
                let mut score = 0;
                for word in &words {
                    score += word_score(entry, word)?;
                }
                Some((score, entry.path.len(), position))
            })
            .collect();
        // Ties keep shorter paths first, then spec order.
        ranked.sort_unstable();
        ranked
            .into_iter()
            .take(limit)
            .map(|(_, _, position)| position)
            .collect()
    }
}

/// Returns how well `word` matches `entry`, lower is better, or `None` if
/// it does not occur at all.
fn word_score(entry: &SearchEntry, word: &str) -> Option<u32> {
    if entry.method == word || entry.segments.iter().any(|segment| segment == word) {
        return Some(0);
    }
    if entry
        .segments
        .iter()
        .any(|segment| segment.starts_with(word))
        || entry.operation_id.starts_with(word)
    {
        return Some(1);
    }
    if entry.path.contains(word) {
        return Some(2);
    }
    if entry.operation_id.contains(word) || entry.summary.contains(word) {
        return Some(3);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Method;

    fn endpoint(method: Method, path: &str, operation_id: &str, summary: &str) -> Endpoint {
        Endpoint {
            method,
            path: path.to_owned(),
            operation_id: operation_id.to_owned(),
            summary: summary.to_owned(),
            query_params: Vec::new(),
            path_params: Vec::new(),
        }
    }

    const CONFIG: &str = "/api/fmc_config/v1/domain/{domainUUID}";

    fn endpoints() -> Vec<Endpoint> {
        vec![
            endpoint(
                Method::Get,
                &format!("{CONFIG}/object/hosts"),
                "getAllHostObject",
                "Retrieves hosts, which are single network addresses.",
            ),
            endpoint(
                Method::Get,
                &format!("{CONFIG}/object/networkgroups"),
                "getAllNetworkGroup",
                "Retrieves network groups.",
            ),
            endpoint(
                Method::Get,
                &format!("{CONFIG}/object/networks/{{objectId}}"),
                "getNetworkObject",
                "Retrieves the network object.",
            ),
            endpoint(
                Method::Get,
                &format!("{CONFIG}/object/networks"),
                "getAllNetworkObject",
                "Retrieves network objects.",
            ),
            endpoint(
                Method::Delete,
                &format!("{CONFIG}/object/networks/{{objectId}}"),
                "deleteNetworkObject",
                "Deletes the network object.",
            ),
        ]
    }

    fn search(query: &str) -> Vec<usize> {
        EndpointIndex::new(&endpoints()).search(query, 50)
    }

    #[test]
    fn exact_segment_ranks_first() {
        assert_eq!(search("networks"), [3, 2, 4]);
    }

    #[test]
    fn prefix_before_summary_match() {
        // "netw" starts segments of 1 to 4 but only occurs in host's summary.
        let found = search("netw");
        assert_eq!(found.last(), Some(&0));
        assert_eq!(found.len(), 5);
    }

    #[test]
    fn every_word_must_match() {
        assert_eq!(search("delete netw"), [4]);
        assert_eq!(search("get networks objectid"), [2]);
        assert!(search("networks nothinglikethis").is_empty());
    }

    #[test]
    fn operation_id_and_case() {
        assert_eq!(search("GETALLHOST"), [0]);
    }

    #[test]
    fn blank_query_keeps_order() {
        assert_eq!(search("  "), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn limit_caps_results() {
        let index = EndpointIndex::new(&endpoints());
        assert_eq!(index.search("object", 2).len(), 2);
        assert_eq!(index.len(), 5);
    }
}
